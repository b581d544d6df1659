#pragma once
// Writes the audit entry of a state change inside the use case's own transaction, so the
// change and its record commit or roll back together.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "domain/accounts/actor.hpp"
#include "store/audit_repo.hpp"

namespace skillreg {

struct AuditedChange {
  std::string action;       // "user.create"
  std::string object_type;  // "user"
  std::string object_id;
  std::string region_code;
  std::optional<std::int64_t> institution_id;
  nlohmann::json before = nullptr;
  nlohmann::json after = nullptr;
};

void record_change(Tx& tx, const Actor& actor, Instant at, const AuditedChange& change);

// The actor the system acts as (start-up, daily jobs).
Actor system_actor();

}  // namespace skillreg
