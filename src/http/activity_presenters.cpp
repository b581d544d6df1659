#include "http/activity_presenters.hpp"

namespace skillreg::http {

namespace {

Json opt_date(const std::optional<Date>& d) { return d ? Json(d->to_string()) : Json(nullptr); }

}  // namespace

Json plan_json(const Plan& p) {
  Json parts = Json::array();
  for (Part x : p.parts) parts.push_back(to_string(x));
  Json sessions = Json::array();
  for (const auto& s : p.sessions)
    sessions.push_back({{"id", s.id}, {"part", to_string(s.part)}, {"starts_at", format_instant(s.starts_at)},
                        {"ends_at", format_instant(s.ends_at)}, {"room", s.room}});
  return {{"id", p.id},
          {"institution_id", p.institution_id},
          {"authority_code", p.authority_code},
          {"site_region_code", p.site_region_code},
          {"subject_code", p.subject_code},
          {"level", p.level},
          {"parts", parts},
          {"exam_site_id", p.exam_site_id},
          {"planned_count", p.planned_count},
          {"question_source", to_string(p.question_source)},
          {"paperless", p.paperless},
          {"fee", p.fee},
          {"status", to_string(p.status)},
          {"published_at", p.published_at ? Json(format_instant(*p.published_at)) : Json(nullptr)},
          {"results_published_on", opt_date(p.results_published_on)},
          {"results_publicity_ends", opt_date(p.results_publicity_ends)},
          {"cancel_reason", p.cancel_reason},
          {"sessions", sessions},
          {"created_at", format_instant(p.created_at)},
          {"updated_at", format_instant(p.updated_at)}};
}

Json plan_change_json(const PlanChange& c) {
  return {{"id", c.id}, {"changed_by", c.changed_by}, {"reason", c.reason}, {"before", Json::parse(c.before_json)},
          {"after", Json::parse(c.after_json)}, {"at", format_instant(c.at)}};
}

}  // namespace skillreg::http
