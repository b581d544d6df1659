#include "app/auth_service.hpp"

#include <algorithm>
#include <cctype>

#include "app/audit_trail.hpp"
#include "core/crypto.hpp"
#include "domain/accounts/password_rules.hpp"

namespace skillreg {

namespace {

std::string throttle_key(const std::string& username) {
  std::string k = username.substr(0, 64);
  std::ranges::transform(k, k.begin(), [](unsigned char c) { return std::tolower(c); });
  return k;
}

Actor actor_of(const User& u) {
  return Actor{u.id, u.username, u.role, u.region_code, u.institution_id};
}

std::unexpected<Error> rate_limited(Instant retry_after) {
  auto e = fail(ErrorKind::rate_limited, "登录失败次数过多，请稍后再试",
                "Too many failed logins; try again later");
  e.error().details.push_back({"retry_after", std::to_string(std::max<Instant>(retry_after, 1))});
  return e;
}

std::unexpected<Error> bad_credentials() {
  return fail(ErrorKind::unauthenticated, "用户名或密码错误", "Wrong username or password");
}

// A well-formed hash of a password nobody knows, so an unknown username costs as much time as
// a known one and the answer's timing does not reveal which usernames exist.
const std::string& decoy_hash(crypto::PasswordCost cost) {
  static const std::string h = crypto::hash_password(crypto::random_hex(16), cost);
  return h;
}

}  // namespace

Status check_password_strength(const std::string& field, const std::string& password, const std::string& username,
                               const AccountPolicy& policy) {
  static const CommonWords kNone;
  const CommonWords& words = policy.password_words ? policy.password_words->words() : kNone;
  if (auto problem = password_problem(password, username, words)) return invalid({{field, *problem}});
  return {};
}

Result<LoginResult> AuthService::login(const std::string& username, const std::string& password) {
  const auto& policy = ctx_.accounts;
  const std::string key = throttle_key(username);
  const Instant now = ctx_.clock.now();

  // 1. Read the throttle and the account; refuse early while locked or too fast.
  struct Found {
    std::optional<User> user;
    LoginThrottle throttle;
  };
  auto found = ctx_.db.read([&](Tx& tx) -> Result<Found> {
    UserRepo repo(tx);
    return Found{repo.by_username(username), repo.throttle(key)};
  });
  if (!found) return std::unexpected(found.error());
  if (const auto wait = login_wait(found->throttle, now, policy.throttle); wait > 0)
    return rate_limited(wait);

  // 2. Verify outside any transaction: argon2id is slow on purpose and must not hold a lock.
  const bool ok = found->user
                      ? crypto::verify_password(found->user->password_hash, password)
                      : (crypto::verify_password(decoy_hash(policy.password_cost), password), false);

  // 3. Record the outcome.
  struct Outcome {
    bool success = false;
    LoginResult result;
  };
  auto outcome = ctx_.db.write([&](Tx& tx) -> Result<Outcome> {
    UserRepo repo(tx);
    if (!ok || found->user->disabled) {
      repo.save_throttle(key, after_failed_login(repo.throttle(key), now, policy.throttle));
      return Outcome{};
    }
    repo.clear_throttle(key);
    repo.delete_expired_sessions(now);
    Outcome out{true, {}};
    out.result.token = crypto::random_hex(32);
    out.result.csrf_token = crypto::random_hex(16);
    out.result.expires_at = now + policy.session_ttl;
    out.result.user = *found->user;
    repo.insert_session({crypto::sha256_hex(out.result.token), found->user->id,
                         out.result.csrf_token, now, out.result.expires_at});
    record_change(tx, actor_of(*found->user), now,
                  {"auth.login", "user", std::to_string(found->user->id),
                   found->user->region_code, found->user->institution_id, nullptr,
                   {{"expires_at", format_instant(out.result.expires_at)}}});
    return out;
  });
  if (!outcome) return std::unexpected(outcome.error());
  if (!outcome->success) {
    if (ok && found->user && found->user->disabled)
      return fail(ErrorKind::unauthenticated, "账号已停用", "This account is disabled");
    return bad_credentials();
  }
  return std::move(outcome->result);
}

Status AuthService::logout(const std::string& token) {
  return ctx_.db.write([&](Tx& tx) -> Status {
    UserRepo(tx).delete_session(crypto::sha256_hex(token));
    return {};
  });
}

Result<Authenticated> AuthService::authenticate(const std::string& token) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.read([&](Tx& tx) -> Result<Authenticated> {
    UserRepo repo(tx);
    auto s = repo.session(crypto::sha256_hex(token));
    auto expired = fail(ErrorKind::unauthenticated, "未登录或登录已过期", "Not signed in, or the session expired");
    if (!s || s->expires_at <= now) return expired;
    auto u = repo.by_id(s->user_id);
    if (!u || u->disabled || s->created_at < u->password_changed_at) return expired;
    return Authenticated{actor_of(*u), s->csrf_token};
  });
}

Status AuthService::change_password(const Actor& actor, const std::string& old_password,
                                    const std::string& new_password) {
  auto user = ctx_.db.read([&](Tx& tx) -> Result<User> {
    auto u = UserRepo(tx).by_id(actor.user_id);
    if (!u) return not_found("user");
    return *u;
  });
  if (!user) return std::unexpected(user.error());
  if (auto s = check_password_strength("new_password", new_password, user->username, ctx_.accounts); !s) return s;
  if (!crypto::verify_password(user->password_hash, old_password))
    return invalid({{"old_password", "wrong_password"}});
  const std::string hash = crypto::hash_password(new_password, ctx_.accounts.password_cost);
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Status {
    UserRepo repo(tx);
    repo.set_password(actor.user_id, hash, now);
    repo.delete_sessions_of(actor.user_id);
    record_change(tx, actor, now,
                  {"user.change_password", "user", std::to_string(actor.user_id),
                   user->region_code, user->institution_id, nullptr,
                   {{"sessions_revoked", true}}});
    return {};
  });
}

}  // namespace skillreg
