#include "http/activity_presenters.hpp"

#include "app/candidate_service.hpp"
#include "core/utf8.hpp"
#include "core/validators.hpp"

namespace skillreg::http {

namespace {

// A JSON string as nlohmann::json writes it in Response::json: '"', '\\' and control characters
// escaped (the short forms where JSON has them, otherwise \u00xx), all else as is; text that is not
// valid UTF-8 goes through the library itself, which replaces the bad bytes.
void append_json_string(std::string& out, std::string_view s) {
  if (!is_valid_utf8(s)) {
    out += Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace);
    return;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

}  // namespace

Json opt_date(const std::optional<Date>& d) { return d ? Json(d->to_string()) : Json(nullptr); }

Json plan_json(const Plan& p, Instant now) {
  Json parts = Json::array();
  for (Part x : p.parts) parts.push_back(to_string(x));
  Json sessions = Json::array();
  for (const auto& s : p.sessions)
    sessions.push_back({{"id", s.id}, {"part", to_string(s.part)}, {"starts_at", format_instant(s.starts_at)},
                        {"ends_at", format_instant(s.ends_at)}, {"room", s.room}, {"begun", s.starts_at <= now},
                        {"over", s.ends_at <= now}});
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

namespace skillreg::http {

Json candidate_json(const CandidateView& v) {
  const auto& c = v.candidate;
  Json scores = Json::object();
  for (const auto& [part, score] : v.scores) scores[std::string(to_string(part))] = score;
  return {{"id", c.id},
          {"plan_id", c.plan_id},
          {"identity_no", mask_identity_number(c.identity_no)},
          {"name", c.name},
          {"birth_date", c.birth_date.to_string()},
          {"sex", c.sex},
          {"education", c.education},
          {"years_in_trade", c.years_in_trade},
          {"prior_level", c.prior_level ? Json(*c.prior_level) : Json(nullptr)},
          {"prior_cert_date", opt_date(c.prior_cert_date)},
          {"apprenticeship", c.apprenticeship},
          {"review", to_string(c.review)},
          {"review_note", c.review_note},
          {"eligible", c.eligible},
          {"eligibility", Json::parse(c.eligibility_json)},
          {"result", to_string(c.result)},
          {"scores", scores},
          {"flags", v.flags}};
}

Json certificate_json(const Certificate& c, Date report_due) {
  return {{"cert_no", c.cert_no},
          {"candidate_id", c.candidate_id},
          {"plan_id", c.plan_id},
          {"institution_id", c.institution_id},
          {"name", c.name},
          {"identity_no", mask_identity_number(c.identity_no)},
          {"subject_code", c.subject_code},
          {"level", c.level},
          {"issued_on", c.issued_on.to_string()},
          {"status", to_string(c.status)},
          {"void_reason", c.void_reason},
          {"reported_on", opt_date(c.reported_on)},
          {"report_due", report_due.to_string()}};
}

Json public_certificate_json(const PublicCertificate& p) {
  Json out = {{"status", to_string(p.status)},
              {"cert_no", p.cert_no},
              {"name", p.name},
              {"identity_no", p.identity_masked},
              {"occupation_code", p.subject_code},
              {"occupation_name", p.subject_name},
              {"level", p.level},
              {"institution_code", p.institution_code},
              {"institution_name", p.institution_name},
              {"issued_on", p.issued_on.to_string()}};
  if (p.status == CertificateStatus::voided) out["reason"] = p.void_reason;
  return out;
}

// The keys in the order nlohmann::json keeps them (sorted), as public_certificate_json dumps.
std::string public_certificate_body(const PublicCertificate& p) {
  std::string out;
  out.reserve(320 + p.void_reason.size());
  const auto field = [&out](std::string_view key, std::string_view value) {
    out += out.empty() ? "{\"" : ",\"";
    out += key;
    out += "\":";
    append_json_string(out, value);
  };
  field("cert_no", p.cert_no);
  field("identity_no", p.identity_masked);
  field("institution_code", p.institution_code);
  field("institution_name", p.institution_name);
  field("issued_on", p.issued_on.to_string());
  out += ",\"level\":";
  out += std::to_string(p.level);
  field("name", p.name);
  field("occupation_code", p.subject_code);
  field("occupation_name", p.subject_name);
  if (p.status == CertificateStatus::voided) field("reason", p.void_reason);
  field("status", to_string(p.status));
  out += '}';
  return out;
}

}  // namespace skillreg::http
