#include "app/audit_trail.hpp"

namespace skillreg {

void record_change(Tx& tx, const Actor& actor, Instant at, const AuditedChange& c) {
  AuditEntry e;
  e.at = at;
  e.actor_user_id = actor.user_id;
  e.actor_username = actor.username;
  e.action = c.action;
  e.object_type = c.object_type;
  e.object_id = c.object_id;
  e.region_code = c.region_code;
  e.institution_id = c.institution_id;
  e.before_json = c.before.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  e.after_json = c.after.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  AuditRepo(tx).append(std::move(e));
}

Actor system_actor() {
  return Actor{0, "system", Role::province_admin, "330000", std::nullopt};
}

}  // namespace skillreg
