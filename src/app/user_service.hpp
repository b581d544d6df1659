#pragma once
// Account management by administrators within their own scope (domain/accounts/user_policy).
#include <optional>
#include <string>

#include "app/context.hpp"
#include "domain/accounts/actor.hpp"
#include "store/user_repo.hpp"

namespace skillreg {

struct NewUser {
  std::string username;
  std::string display_name;
  std::string password;
  std::string role;
  std::string region_code;
  std::optional<std::int64_t> institution_id;
  // M16: an examiner's account is the person's, found by the identity number their institutions
  // register them with (GB 11643). Only for the examiner role; may also be linked later.
  std::optional<std::string> identity_no;
};

struct UserFilter {
  std::optional<std::string> role;
  std::string q;
  PageRequest page;
};

class UserService {
 public:
  explicit UserService(AppContext& ctx) : ctx_(ctx) {}

  Result<Page<User>> list(const Actor& actor, const UserFilter& filter);
  Result<User> get(const Actor& actor, std::int64_t id);
  Result<User> create(const Actor& actor, const NewUser& cmd);
  Result<User> set_disabled(const Actor& actor, std::int64_t id, bool disabled);
  Status reset_password(const Actor& actor, std::int64_t id, const std::string& new_password);
  // M16: links (or corrects) the person an examiner's account is. 422 for another role or a bad
  // number, 409 when another account already is that person.
  Result<User> link_identity(const Actor& actor, std::int64_t id, const std::string& identity_no);

 private:
  // Loads the user if the actor may read it; not_found otherwise (existence is not revealed).
  Result<User> load_readable(Tx& tx, const Actor& actor, std::int64_t id);
  // Loads the user if the actor may manage it: not_found if unreadable, forbidden if read-only.
  Result<User> load_manageable(Tx& tx, const Actor& actor, std::int64_t id);
  AppContext& ctx_;
};

}  // namespace skillreg
