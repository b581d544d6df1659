#include "store/user_repo.hpp"

namespace skillreg {

namespace {

constexpr const char* kUserColumns =
    "SELECT id, username, display_name, password_hash, role, region_code, institution_id,"
    " disabled, created_at, password_changed_at, identity_masked FROM users";
constexpr const char* kInsertUser =
    "INSERT INTO users (username, display_name, password_hash, role, region_code,"
    " institution_id, disabled, created_at, password_changed_at)"
    " VALUES (:u, :d, :p, :r, :reg, :inst, :dis, :c, :pc) RETURNING id";
constexpr const char* kSetIdentity =
    "UPDATE users SET identity_index = :i, identity_sealed = :s, identity_masked = :m WHERE id = :id";
constexpr const char* kAccountOfIdentity = "SELECT id FROM users WHERE identity_index = :i AND identity_index <> ''";
constexpr const char* kIdentityIndexOf = "SELECT identity_index FROM users WHERE id = :id";
constexpr const char* kSetDisabled = "UPDATE users SET disabled = :d WHERE id = :id";
constexpr const char* kSetPassword =
    "UPDATE users SET password_hash = :h, password_changed_at = :t WHERE id = :id";
constexpr const char* kInsertSession =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)"
    " VALUES (:h, :u, :c, :ca, :e)";
constexpr const char* kSelectSession =
    "SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions"
    " WHERE token_hash = :h";
constexpr const char* kDeleteSession = "DELETE FROM sessions WHERE token_hash = :h";
constexpr const char* kDeleteSessionsOf = "DELETE FROM sessions WHERE user_id = :u";
constexpr const char* kDeleteExpiredSessions = "DELETE FROM sessions WHERE expires_at <= :now";
constexpr const char* kSelectThrottle =
    "SELECT failures, last_failure, locked_until FROM login_throttle WHERE username = :u";
constexpr const char* kUpsertThrottle =
    "INSERT INTO login_throttle (username, failures, last_failure, locked_until)"
    " VALUES (:u, :f, :l, :lu) ON CONFLICT (username) DO UPDATE SET"
    " failures = excluded.failures, last_failure = excluded.last_failure,"
    " locked_until = excluded.locked_until";
constexpr const char* kDeleteThrottle = "DELETE FROM login_throttle WHERE username = :u";

// Reads one users row into a User; the statement binds these variables with into().
struct UserRow {
  User u;
  std::string role;
  long long institution = 0;
  soci::indicator institution_ind = soci::i_null;
  int disabled = 0;

  User finish() {
    u.role = parse_role(role).value_or(Role::examiner);
    u.institution_id = opt<std::int64_t>(institution, institution_ind);
    u.disabled = disabled != 0;
    return u;
  }
};

#define SKILLREG_USER_INTO(row)                                                              \
  soci::into((row).u.id), soci::into((row).u.username), soci::into((row).u.display_name),   \
      soci::into((row).u.password_hash), soci::into((row).role), soci::into((row).u.region_code), \
      soci::into((row).institution, (row).institution_ind), soci::into((row).disabled),     \
      soci::into((row).u.created_at), soci::into((row).u.password_changed_at),              \
      soci::into((row).u.identity_masked)

}  // namespace

std::int64_t UserRepo::insert(const User& u) {
  const std::string role(to_string(u.role));
  long long inst = u.institution_id.value_or(0);
  soci::indicator inst_ind = u.institution_id ? soci::i_ok : soci::i_null;
  const int disabled = u.disabled ? 1 : 0;
  long long id = 0;
  tx_.sql << kInsertUser, soci::use(u.username), soci::use(u.display_name),
      soci::use(u.password_hash), soci::use(role), soci::use(u.region_code),
      soci::use(inst, inst_ind), soci::use(disabled), soci::use(u.created_at),
      soci::use(u.password_changed_at), soci::into(id);
  return id;
}

std::optional<User> UserRepo::by_id(std::int64_t id) {
  UserRow row;
  tx_.sql << std::string(kUserColumns) + " WHERE id = :id", soci::use(id), SKILLREG_USER_INTO(row);
  if (!tx_.sql.got_data()) return std::nullopt;
  return row.finish();
}

std::optional<User> UserRepo::by_username(const std::string& username) {
  UserRow row;
  tx_.sql << std::string(kUserColumns) + " WHERE username = :u", soci::use(username),
      SKILLREG_USER_INTO(row);
  if (!tx_.sql.got_data()) return std::nullopt;
  return row.finish();
}

Page<User> UserRepo::list(const UserQuery& q) {
  // The caller's subtree: at most ~100 codes.
  const std::string regions = delimited_set(q.regions);
  const long long inst = q.institution_id.value_or(0);
  const int by_inst = q.institution_id ? 1 : 0;
  const std::string role = q.role ? std::string(to_string(*q.role)) : std::string();
  const std::string pattern = like_contains(q.q);
  const std::string where =
      " WHERE ((:byinst1 = 1 AND institution_id = :inst) OR"
      " (:byinst2 = 0 AND :regions LIKE '%,' || region_code || ',%'))"
      " AND (:role1 = '' OR role = :role2)"
      " AND (username LIKE :pa ESCAPE '\\' OR display_name LIKE :pb ESCAPE '\\')";
  Page<User> page;
  page.page = q.page.page;
  page.page_size = q.page.page_size;
  tx_.sql << "SELECT COUNT(*) FROM users" + where, soci::into(page.total),
      soci::use(by_inst, "byinst1"), soci::use(inst, "inst"), soci::use(by_inst, "byinst2"),
      soci::use(regions, "regions"), soci::use(role, "role1"), soci::use(role, "role2"),
      soci::use(pattern, "pa"), soci::use(pattern, "pb");
  UserRow row;
  const long long limit = q.page.page_size, offset = q.page.offset();
  soci::statement st =
      (tx_.sql.prepare << kUserColumns + where + " ORDER BY id LIMIT :lim OFFSET :off",
       SKILLREG_USER_INTO(row), soci::use(by_inst, "byinst1"), soci::use(inst, "inst"),
       soci::use(by_inst, "byinst2"), soci::use(regions, "regions"), soci::use(role, "role1"),
       soci::use(role, "role2"), soci::use(pattern, "pa"), soci::use(pattern, "pb"),
       soci::use(limit, "lim"), soci::use(offset, "off"));
  st.execute();
  while (st.fetch()) page.items.push_back(row.finish());
  return page;
}

void UserRepo::set_disabled(std::int64_t id, bool disabled) {
  const int d = disabled ? 1 : 0;
  tx_.sql << kSetDisabled, soci::use(d), soci::use(id);
}

void UserRepo::set_password(std::int64_t id, const std::string& hash, Instant at) {
  tx_.sql << kSetPassword, soci::use(hash), soci::use(at), soci::use(id);
}

void UserRepo::set_identity(std::int64_t id, const StoredIdentity& identity, const std::string& masked) {
  tx_.sql << kSetIdentity, soci::use(identity.index), soci::use(identity.sealed), soci::use(masked), soci::use(id);
}

std::optional<std::int64_t> UserRepo::account_of_identity(const std::string& index) {
  long long id = 0;
  tx_.sql << kAccountOfIdentity, soci::use(index), soci::into(id);
  if (!tx_.sql.got_data()) return std::nullopt;
  return id;
}

std::string UserRepo::identity_index_of(std::int64_t id) {
  std::string index;
  tx_.sql << kIdentityIndexOf, soci::use(id), soci::into(index);
  return index;
}

void UserRepo::insert_session(const Session& s) {
  tx_.sql << kInsertSession, soci::use(s.token_hash), soci::use(s.user_id),
      soci::use(s.csrf_token), soci::use(s.created_at), soci::use(s.expires_at);
}

std::optional<Session> UserRepo::session(const std::string& token_hash) {
  Session s;
  tx_.sql << kSelectSession, soci::use(token_hash), soci::into(s.token_hash),
      soci::into(s.user_id), soci::into(s.csrf_token), soci::into(s.created_at),
      soci::into(s.expires_at);
  if (!tx_.sql.got_data()) return std::nullopt;
  return s;
}

void UserRepo::delete_session(const std::string& token_hash) {
  tx_.sql << kDeleteSession, soci::use(token_hash);
}

void UserRepo::delete_sessions_of(std::int64_t user_id) {
  tx_.sql << kDeleteSessionsOf, soci::use(user_id);
}

void UserRepo::delete_expired_sessions(Instant now) {
  tx_.sql << kDeleteExpiredSessions, soci::use(now);
}

LoginThrottle UserRepo::throttle(const std::string& username) {
  LoginThrottle t;
  tx_.sql << kSelectThrottle, soci::use(username), soci::into(t.failures),
      soci::into(t.last_failure), soci::into(t.locked_until);
  return tx_.sql.got_data() ? t : LoginThrottle{};
}

void UserRepo::save_throttle(const std::string& username, const LoginThrottle& t) {
  tx_.sql << kUpsertThrottle, soci::use(username), soci::use(t.failures),
      soci::use(t.last_failure), soci::use(t.locked_until);
}

void UserRepo::clear_throttle(const std::string& username) {
  tx_.sql << kDeleteThrottle, soci::use(username);
}

}  // namespace skillreg
