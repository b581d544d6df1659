#pragma once
// Actor: who is asking. Carried from the authenticated session into every app use case, which
// checks it against the object's region and institution (S5: 谁备案(遴选)、谁监管、谁负责).
#include <cstdint>
#include <optional>
#include <string>

#include "domain/accounts/role.hpp"

namespace skillreg {

struct Actor {
  std::int64_t user_id = 0;
  std::string username;
  Role role = Role::examiner;
  std::string region_code;
  std::optional<std::int64_t> institution_id;
};

}  // namespace skillreg
