#pragma once
// User accounts, their sessions, and failed-login counters.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "domain/accounts/login_throttle.hpp"
#include "domain/accounts/role.hpp"
#include "store/database.hpp"
#include "store/identity_columns.hpp"
#include "store/paging.hpp"

namespace skillreg {

struct User {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string password_hash;
  Role role = Role::examiner;
  std::string region_code;
  std::optional<std::int64_t> institution_id;
  bool disabled = false;
  Instant created_at = 0;
  Instant password_changed_at = 0;
  // M16: an examiner's account carries the person's identity number (migration 0025); only its
  // masked form is read back, to show. "" for every other account and for one not yet linked.
  std::string identity_masked;
};

struct UserQuery {
  std::vector<std::string> regions;  // the caller's scope: users whose region is one of these
  std::optional<std::int64_t> institution_id;  // or only this institution's users
  std::optional<Role> role;
  std::string q;  // username or display-name substring
  PageRequest page;
};

struct Session {
  std::string token_hash;
  std::int64_t user_id = 0;
  std::string csrf_token;
  Instant created_at = 0;
  Instant expires_at = 0;
};


class UserRepo {
 public:
  explicit UserRepo(Tx& tx) : tx_(tx) {}

  std::int64_t insert(const User& u);
  std::optional<User> by_id(std::int64_t id);
  std::optional<User> by_username(const std::string& username);
  Page<User> list(const UserQuery& q);
  void set_disabled(std::int64_t id, bool disabled);
  void set_password(std::int64_t id, const std::string& hash, Instant at);
  // M16: the person an examiner's account is (the stored number and its masked form).
  void set_identity(std::int64_t id, const StoredIdentity& identity, const std::string& masked);
  // The account that already is this person (by the number's blind index), if any.
  std::optional<std::int64_t> account_of_identity(const std::string& index);
  // The blind index of the account's person; "" when it has none.
  std::string identity_index_of(std::int64_t id);

  void insert_session(const Session& s);
  std::optional<Session> session(const std::string& token_hash);
  void delete_session(const std::string& token_hash);
  void delete_sessions_of(std::int64_t user_id);
  void delete_expired_sessions(Instant now);

  LoginThrottle throttle(const std::string& username);
  void save_throttle(const std::string& username, const LoginThrottle& t);
  void clear_throttle(const std::string& username);

 private:
  Tx& tx_;
};

}  // namespace skillreg
