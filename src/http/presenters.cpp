#include "http/presenters.hpp"

namespace skillreg::http {

namespace {
Json parsed_or_text(const std::string& s) {
  Json j = Json::parse(s, nullptr, false);
  return j.is_discarded() ? Json(s) : j;
}
}  // namespace

Json user_json(const User& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", to_string(u.role)},
          {"region_code", u.region_code},
          {"institution_id", u.institution_id ? Json(*u.institution_id) : Json(nullptr)},
          {"disabled", u.disabled},
          // M16: the person an examiner's account is, masked; null when none is linked.
          {"identity_no", u.identity_masked.empty() ? Json(nullptr) : Json(u.identity_masked)},
          {"created_at", format_instant(u.created_at)}};
}

Json audit_entry_json(const AuditEntry& e) {
  return {{"seq", e.seq},
          {"at", format_instant(e.at)},
          {"actor", {{"user_id", e.actor_user_id}, {"username", e.actor_username}}},
          {"action", e.action},
          {"object_type", e.object_type},
          {"object_id", e.object_id},
          {"region_code", e.region_code},
          {"institution_id", e.institution_id ? Json(*e.institution_id) : Json(nullptr)},
          {"before", parsed_or_text(e.before_json)},
          {"after", parsed_or_text(e.after_json)},
          {"hash", e.hash}};
}

}  // namespace skillreg::http
