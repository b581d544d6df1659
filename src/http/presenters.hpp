#pragma once
// How domain objects look in API answers.
#include "domain/audit/audit_chain.hpp"
#include "http/types.hpp"
#include "store/user_repo.hpp"

namespace skillreg::http {

Json user_json(const User& u);
Json audit_entry_json(const AuditEntry& e);

}  // namespace skillreg::http
