// Digital monitoring 数字化监测 (S13, S14): plan scores with every deduction explained, the
// institution's rolling score and rank, the versioned policy, full recomputes with progress, the
// key-sampling queue and star ratings.
#include <charconv>
#include <cmath>

#include "app/monitoring_service.hpp"
#include "http/handler_helpers.hpp"
#include "http/query.hpp"
#include "http/services.hpp"

namespace skillreg::http {

namespace {

double round2(double x) { return std::round(x * 100) / 100; }

Json policy_record_json(const PolicyRecord& r) {
  return {{"version", r.version},
          {"policy", r.policy},
          {"note", r.note},
          {"created_by", r.created_by ? Json(*r.created_by) : Json(nullptr)},
          {"created_at", r.created_at ? Json(format_instant(r.created_at)) : Json(nullptr)}};
}

// The score object (API.md "Fixed names") with the indicator texts beside each deduction.
Json plan_score_json(const PlanScoreView& v) {
  Json j = to_json(v.stored.score);
  for (auto& d : j["deductions"]) {
    if (const auto* ind = v.table->find(d["indicator"].get<std::string>())) {
      d["text_zh"] = ind->text_zh;
      d["text_en"] = ind->text_en;
    }
  }
  j["institution_id"] = v.stored.institution_id;
  j["subject_code"] = v.stored.subject_code;
  j["level"] = v.stored.level;
  j["exam_day"] = v.stored.exam_day.empty() ? Json(nullptr) : Json(v.stored.exam_day);
  j["candidates"] = v.stored.candidates;
  j["finished"] = v.stored.finished;
  j["as_of"] = v.stored.as_of;
  j["computed_at"] = format_instant(v.stored.computed_at);
  return j;
}

Json rating_json(const Rating& r) {
  return {{"institution_id", r.institution_id},
          {"stars", r.stars},
          {"score_stars", r.score_stars},
          {"period", {{"start", r.period_start}, {"end", r.period_end}}},
          {"mean_overall", r.mean_overall ? Json(round2(*r.mean_overall)) : Json(nullptr)},
          {"plans", r.plans},
          {"candidates", r.candidates},
          {"explanation", r.explanation},
          {"explanation_zh", r.explanation_zh},
          {"policy_version", r.policy_version}};
}

Json institution_score_json(const InstitutionScoreView& v) {
  Json j = {{"institution_id", v.institution_id},
            {"period", {{"start", v.period_start}, {"end", v.period_end}}},
            {"rating", v.rating ? rating_json(*v.rating) : Json(nullptr)},
            {"summary_only", v.summary_only}};
  if (v.aggregate) {
    const auto& a = *v.aggregate;
    for (Dimension d : kDimensions) j[std::string(to_string(d))] = round2(a.dimensions[std::size_t(d)]);
    j["overall"] = round2(a.overall);
    j["plans"] = a.plans;
    j["candidates"] = a.candidates;
  } else {
    j["overall"] = nullptr;
    j["plans"] = 0;
    j["candidates"] = 0;
  }
  if (!v.summary_only) {
    Json trend = Json::array();
    for (const auto& [month, mean] : v.trend) trend.push_back({{"month", month}, {"overall", round2(mean)}});
    j["trend"] = trend;
    j["rank"] = {{"province", v.rank_province ? Json(*v.rank_province) : Json(nullptr)},
                 {"province_of", v.ranked_province},
                 {"city", v.rank_city ? Json(*v.rank_city) : Json(nullptr)},
                 {"city_of", v.ranked_city}};
  }
  return j;
}

Json run_json(const MonitoringRun& r) {
  return {{"id", r.id},
          {"kind", r.kind},
          {"status", r.status},
          {"stage", r.stage},
          {"policy_version", r.policy_version},
          {"as_of", r.as_of},
          {"seed", r.status == "running" ? Json(nullptr) : Json(r.seed)},
          {"total", r.total},
          {"done", r.done},
          {"sampled", r.sampled},
          {"started_at", format_instant(r.started_at)},
          {"finished_at", r.finished_at ? Json(format_instant(*r.finished_at)) : Json(nullptr)},
          {"error", r.error}};
}

Json sampling_json(const SamplingItem& s) {
  return {{"id", s.id},
          {"plan_id", s.plan_id},
          {"institution_id", s.institution_id},
          {"institution_name", s.institution_name},
          {"site_region_code", s.site_region_code},
          {"reason", s.reason},
          {"article", "S14(2)"},
          {"overall", round2(s.overall)},
          {"indicators", s.indicators},
          {"run_id", s.run_id},
          {"status", s.status},
          {"action", s.action},
          {"outcome", s.outcome},
          {"note", s.note},
          {"worked_by", s.worked_by ? Json(*s.worked_by) : Json(nullptr)},
          {"worked_at", s.worked_at ? Json(format_instant(*s.worked_at)) : Json(nullptr)},
          {"created_at", format_instant(s.created_at)}};
}

Result<std::optional<std::string>> one_of(const Request& req, const std::string& name,
                                          std::initializer_list<const char*> values) {
  const auto v = query_or_empty(req, name);
  if (v.empty()) return std::nullopt;
  for (const char* x : values)
    if (v == x) return v;
  return invalid({{name, "unknown_value"}});
}

Json rated_json(const MonitoringRepo::RatedInstitution& r) {
  Json j = rating_json(r.rating);
  j["code"] = r.code;
  j["name"] = r.name;
  j["region_code"] = r.region_code;
  return j;
}

}  // namespace

// S13: `stars` and `period` on each rated institution of a directory answer.
Json with_ratings(Json directory_items, const std::map<std::int64_t, Rating>& ratings,
                  const std::vector<std::int64_t>& ids) {
  for (std::size_t i = 0; i < ids.size() && i < directory_items.size(); ++i) {
    auto it = ratings.find(ids[i]);
    directory_items[i]["stars"] = it == ratings.end() ? Json(nullptr) : Json(it->second.stars);
    directory_items[i]["period"] = it == ratings.end() ? Json(nullptr)
                                                       : Json{{"start", it->second.period_start},
                                                              {"end", it->second.period_end}};
  }
  return directory_items;
}

void add_monitoring_routes(RouteTable& t, Services& s) {
  auto& m = s.monitoring;
  t.push_back({Method::get, "/api/v1/monitoring/policy", "The monitoring policy in force, or ?version=N (S13, S14)",
               "monitoring", Access::session, Exec::io, {"version"}, kDefaultBodyLimit,
               [&m](Request& req) -> Result<Response> {
                 std::optional<int> version;
                 if (auto v = query_or_empty(req, "version"); !v.empty()) {
                   int n = 0;
                   auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
                   if (ec != std::errc() || p != v.data() + v.size() || n < 1) return invalid({{"version", "invalid"}});
                   version = n;
                 }
                 return ok_or(m.policy(*req.actor, version), policy_record_json);
               }});
  t.push_back({Method::get, "/api/v1/monitoring/policy/versions", "Every version of the monitoring policy",
               "monitoring", Access::session, Exec::io, {}, kDefaultBodyLimit,
               [&m](Request& req) -> Result<Response> {
                 return ok_or(m.policies(*req.actor), [](const auto& list) {
                   Json items = Json::array();
                   for (const auto& r : list) items.push_back(policy_record_json(r));
                   return Json{{"items", items}};
                 });
               }});
  t.push_back({Method::put, "/api/v1/monitoring/policy",
               "A new version of the monitoring policy (province authority); old scores keep theirs (S13, S14)",
               "monitoring", Access::session, Exec::worker, {}, kDefaultBodyLimit,
               [&m](Request& req) -> Result<Response> {
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 for (const auto& [key, value] : body->items())
                   if (key != "policy" && key != "note") return invalid({{key, "unknown_field"}});
                 return ok_or(m.put_policy(*req.actor, *body), policy_record_json, 201);
               }});
  t.push_back({Method::get, "/api/v1/monitoring/plans/:id",
               "A plan's six-dimension score with every deduction and the records behind it (S14(1))",
               "monitoring", Access::session, Exec::worker, {}, kDefaultBodyLimit,
               [&m](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return ok_or(m.plan_score(*req.actor, *id), plan_score_json);
               }});
  t.push_back({Method::get, "/api/v1/monitoring/institutions/:id",
               "An institution's score over the last 12 months, weighted by candidates, with trend, rank and "
               "stars (S13)",
               "monitoring", Access::session, Exec::io, {}, kDefaultBodyLimit,
               [&m](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return ok_or(m.institution_score(*req.actor, *id), institution_score_json);
               }});
  t.push_back({Method::post, "/api/v1/monitoring/runs", "Recompute every plan's score now (province authority)",
               "monitoring", Access::session, Exec::worker, {}, kDefaultBodyLimit,
               [&m](Request& req) -> Result<Response> {
                 if (auto ok = no_fields(req); !ok) return std::unexpected(ok.error());
                 return ok_or(m.start_recompute(*req.actor), run_json, 202);
               }});
  t.push_back({Method::get, "/api/v1/monitoring/runs/:id", "A recompute's progress", "monitoring", Access::session,
               Exec::io, {}, kDefaultBodyLimit, [&m](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return ok_or(m.run(*req.actor, *id), run_json);
               }});
  t.push_back({Method::get, "/api/v1/monitoring/sampling", "The key-sampling queue of the caller's region (S14(2))",
               "monitoring", Access::session, Exec::io, {"status", "reason", "institution_id", "page", "page_size"},
               kDefaultBodyLimit, [&m](Request& req) -> Result<Response> {
                 auto page = page_of(req);
                 if (!page) return std::unexpected(page.error());
                 SamplingFilter f;
                 auto status = one_of(req, "status", {"open", "done"});
                 if (!status) return std::unexpected(status.error());
                 auto reason = one_of(req, "reason", {"critical", "random"});
                 if (!reason) return std::unexpected(reason.error());
                 f.status = *status;
                 f.reason = *reason;
                 if (auto inst = query_or_empty(req, "institution_id"); !inst.empty()) {
                   std::int64_t n = 0;
                   auto [p, ec] = std::from_chars(inst.data(), inst.data() + inst.size(), n);
                   if (ec != std::errc() || p != inst.data() + inst.size() || n < 1)
                     return invalid({{"institution_id", "invalid"}});
                   f.institution_id = n;
                 }
                 return ok_or(m.sampling(*req.actor, f, *page),
                              [](const auto& pg) { return page_json(pg, sampling_json); });
               }});
  t.push_back({Method::get, "/api/v1/ratings",
               "The star ratings of the institutions the caller supervises, best first (S13)", "monitoring",
               Access::session, Exec::io, {"stars", "page", "page_size"}, kDefaultBodyLimit,
               [&m](Request& req) -> Result<Response> {
                 auto page = page_of(req);
                 if (!page) return std::unexpected(page.error());
                 std::optional<int> stars;
                 if (auto v = query_or_empty(req, "stars"); !v.empty()) {
                   if (v.size() != 1 || v[0] < '1' || v[0] > '5') return invalid({{"stars", "must_be_1_to_5"}});
                   stars = v[0] - '0';
                 }
                 return ok_or(m.ratings(*req.actor, stars, *page),
                              [](const auto& pg) { return page_json(pg, rated_json); });
               }});
  t.push_back({Method::post, "/api/v1/monitoring/sampling/:id/outcome",
               "Record what the re-check, questioning or visit of a sampled plan found (S14(2))", "monitoring",
               Access::session, Exec::worker, {}, kDefaultBodyLimit, [&m](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 SamplingWork w;
                 w.action = f.required_string("action");
                 w.outcome = f.required_string("outcome");
                 w.note = f.required_string("note");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(m.work_sampling(*req.actor, *id, w), sampling_json);
               }});
}

}  // namespace skillreg::http
