#include "app/user_service.hpp"

#include "core/validators.hpp"

#include <regex>

#include "app/activity_access.hpp"
#include "app/audit_trail.hpp"
#include "app/auth_service.hpp"
#include "core/crypto.hpp"
#include "domain/accounts/user_policy.hpp"
#include "store/personnel_repo.hpp"
#include "store/registry_repo.hpp"

namespace skillreg {

namespace {

// The account with, for an institution's account, the authority its institution is registered
// with (S5): that authority and those above it manage it.
AccountScope scope_of(Tx& tx, const User& u) {
  AccountScope s{u.id, u.role, u.region_code, u.institution_id, {}};
  if (u.institution_id)
    if (auto i = RegistryRepo(tx).institution(*u.institution_id)) s.institution_authority = i->authority_code;
  return s;
}

// What the audit log keeps of an account: never the password hash.
nlohmann::json snapshot(const User& u) {
  return {{"username", u.username},
          {"display_name", u.display_name},
          {"role", to_string(u.role)},
          {"region_code", u.region_code},
          {"institution_id", u.institution_id ? nlohmann::json(*u.institution_id) : nullptr},
          {"disabled", u.disabled},
          {"identity_no", u.identity_masked}};
}

// M16: the number an examiner's account is linked with, normalised; the problems otherwise.
Result<std::string> account_identity(Role role, const std::string& identity_no) {
  if (role != Role::examiner) return invalid({{"identity_no", "not_applicable"}});
  std::string number = normalize_identity_number(identity_no);
  if (auto ok = check_identity_number(number); !ok) {
    std::vector<FieldProblem> problems;
    for (const auto& d : ok.error().details) problems.push_back({"identity_no", d.problem});
    return invalid(problems);
  }
  return number;
}

// Stores the account's person, unless another account already is that person (409). A person
// already registered as an examiner or supervisor (M16) is linked only by an authority that
// sees one of their registrations: the account reads them all (S5).
Status store_identity(Tx& tx, const AppContext& ctx, const Actor& actor, std::int64_t user_id,
                      const std::string& number, User& u) {
  UserRepo repo(tx);
  const auto stored = stored_identity(tx, number);
  const auto registrations = PersonnelRepo(tx).registrations_of_identity(stored.index);
  if (!registrations.empty() &&
      std::ranges::none_of(registrations, [&](const Person& p) { return person_in_scope(tx, ctx, actor, p); }))
    return invalid({{"identity_no", "outside_your_scope"}});
  if (auto other = repo.account_of_identity(stored.index); other && *other != user_id)
    return std::unexpected(conflict("该身份证号码已关联其他账户", "Another account is already linked to this identity number")
                               .error()
                               .with("identity_no", "taken"));
  u.identity_masked = mask_identity_number(number);
  repo.set_identity(user_id, stored, u.identity_masked);
  return {};
}

std::vector<FieldProblem> check_new_user(const NewUser& c, const AccountPolicy& policy) {
  std::vector<FieldProblem> problems;
  static const std::regex kUsername("^[a-z][a-z0-9_.-]{2,31}$");
  if (!std::regex_match(c.username, kUsername)) problems.push_back({"username", "invalid_format"});
  if (c.display_name.empty()) problems.push_back({"display_name", "required"});
  if (c.display_name.size() > 200) problems.push_back({"display_name", "too_long"});
  else if (has_control_characters(c.display_name)) problems.push_back({"display_name", "control_characters"});
  if (auto s = check_password_strength("password", c.password, c.username, policy); !s)
    problems.insert(problems.end(), s.error().details.begin(), s.error().details.end());
  if (!parse_role(c.role)) problems.push_back({"role", "unknown_role"});
  return problems;
}

}  // namespace

Result<User> UserService::load_readable(Tx& tx, const Actor& actor, std::int64_t id) {
  auto u = UserRepo(tx).by_id(id);
  if (!u || !can_read_account(actor, scope_of(tx, *u), ctx_.regions)) return not_found("user");
  return *u;
}

Result<User> UserService::load_manageable(Tx& tx, const Actor& actor, std::int64_t id) {
  auto u = load_readable(tx, actor, id);
  if (!u) return u;
  if (!can_manage_account(actor, scope_of(tx, *u), ctx_.regions)) return forbidden();
  return u;
}

Result<Page<User>> UserService::list(const Actor& actor, const UserFilter& filter) {
  UserQuery q;
  q.q = filter.q;
  q.page = filter.page;
  if (filter.role) {
    q.role = parse_role(*filter.role);
    if (!q.role) return invalid({{"role", "unknown_role"}});
  }
  if (is_authority(actor.role)) {
    q.regions = ctx_.regions.subtree(actor.region_code);
  } else if (actor.role == Role::institution_admin && actor.institution_id) {
    q.institution_id = actor.institution_id;
  } else {
    // Everyone else sees only their own account.
    auto self = ctx_.db.read([&](Tx& tx) { return load_readable(tx, actor, actor.user_id); });
    if (!self) return std::unexpected(self.error());
    Page<User> page;
    page.page = q.page.page;
    page.page_size = q.page.page_size;
    const bool matches = (!q.role || *q.role == self->role) &&
                         (q.q.empty() || self->username.find(q.q) != std::string::npos ||
                          self->display_name.find(q.q) != std::string::npos);
    if (matches) {
      page.total = 1;
      if (q.page.page == 1) page.items.push_back(*self);
    }
    return page;
  }
  return ctx_.db.read([&](Tx& tx) -> Result<Page<User>> { return UserRepo(tx).list(q); });
}

Result<User> UserService::get(const Actor& actor, std::int64_t id) {
  return ctx_.db.read([&](Tx& tx) { return load_readable(tx, actor, id); });
}

Result<User> UserService::create(const Actor& actor, const NewUser& cmd) {
  if (!may_manage_accounts(actor.role)) return forbidden();
  if (auto problems = check_new_user(cmd, ctx_.accounts); !problems.empty()) return invalid(problems);
  const Role role = *parse_role(cmd.role);
  std::optional<std::string> identity;
  if (cmd.identity_no) {
    auto number = account_identity(role, *cmd.identity_no);
    if (!number) return std::unexpected(number.error());
    identity = *number;
  }
  if (auto placed = check_account_placement(role, cmd.region_code, ctx_.regions); !placed)
    return std::unexpected(placed.error());
  User u;
  u.username = cmd.username;
  u.display_name = cmd.display_name;
  u.role = role;
  u.region_code = cmd.region_code;
  // An institution administrator's staff always belong to its own institution.
  u.institution_id = actor.role == Role::institution_admin ? actor.institution_id : cmd.institution_id;
  if (!is_institution_role(role)) u.institution_id.reset();
  auto target = AccountScope{0, u.role, u.region_code, u.institution_id, {}};
  // S5: an account of an institution (an applicant's has none yet) is made by an authority that
  // supervises the institution, and sits in the institution's region.
  if (u.institution_id) {
    auto inst = ctx_.db.read([&](Tx& tx) -> Result<std::optional<Institution>> {
      return RegistryRepo(tx).institution(*u.institution_id);
    });
    if (!inst) return std::unexpected(inst.error());
    if (!*inst) return invalid({{"institution_id", "not_found"}});
    if (is_authority(actor.role) && !ctx_.regions.contains(actor.region_code, (*inst)->authority_code))
      return invalid({{"institution_id", "outside_your_scope"}});
    if (u.region_code != (*inst)->region_code) return invalid({{"region_code", "must_match_institution"}});
    target.institution_authority = (*inst)->authority_code;
  }
  if (!can_manage_account(actor, target, ctx_.regions)) {
    const auto roles = manageable_roles(actor.role);
    if (std::ranges::find(roles, role) == roles.end()) return forbidden();
    return invalid({{"region_code", "outside_your_scope"}});
  }
  u.password_hash = crypto::hash_password(cmd.password, ctx_.accounts.password_cost);
  const Instant now = ctx_.clock.now();
  u.created_at = u.password_changed_at = now;
  return ctx_.db.write([&](Tx& tx) -> Result<User> {
    UserRepo repo(tx);
    if (repo.by_username(u.username))
      return std::unexpected(conflict("用户名已存在", "The username is taken").error().with("username", "taken"));
    User created = u;
    created.id = repo.insert(u);
    if (identity)
      if (auto linked = store_identity(tx, ctx_, actor, created.id, *identity, created); !linked)
        return std::unexpected(linked.error());
    record_change(tx, actor, now,
                  {"user.create", "user", std::to_string(created.id), created.region_code,
                   created.institution_id, nullptr, snapshot(created)});
    return created;
  });
}

Result<User> UserService::set_disabled(const Actor& actor, std::int64_t id, bool disabled) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<User> {
    auto u = load_manageable(tx, actor, id);
    if (!u) return u;
    User after = *u;
    after.disabled = disabled;
    UserRepo repo(tx);
    repo.set_disabled(id, disabled);
    if (disabled) repo.delete_sessions_of(id);
    record_change(tx, actor, now,
                  {disabled ? "user.disable" : "user.enable", "user", std::to_string(id),
                   u->region_code, u->institution_id, snapshot(*u), snapshot(after)});
    return after;
  });
}

Status UserService::reset_password(const Actor& actor, std::int64_t id,
                                   const std::string& new_password) {
  // Check scope before paying for the hash, so probing other regions stays cheap and silent.
  auto u = ctx_.db.read([&](Tx& tx) { return load_manageable(tx, actor, id); });
  if (!u) return std::unexpected(u.error());
  if (auto s = check_password_strength("password", new_password, u->username, ctx_.accounts); !s) return s;
  const std::string hash = crypto::hash_password(new_password, ctx_.accounts.password_cost);
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Status {
    auto u = load_manageable(tx, actor, id);
    if (!u) return std::unexpected(u.error());
    UserRepo repo(tx);
    repo.set_password(id, hash, now);
    repo.delete_sessions_of(id);
    record_change(tx, actor, now,
                  {"user.reset_password", "user", std::to_string(id), u->region_code,
                   u->institution_id, nullptr, {{"sessions_revoked", true}}});
    return {};
  });
}

Result<User> UserService::link_identity(const Actor& actor, std::int64_t id, const std::string& identity_no) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<User> {
    auto u = load_manageable(tx, actor, id);
    if (!u) return u;
    auto number = account_identity(u->role, identity_no);
    if (!number) return std::unexpected(number.error());
    User after = *u;
    if (auto linked = store_identity(tx, ctx_, actor, id, *number, after); !linked) return std::unexpected(linked.error());
    record_change(tx, actor, now,
                  {"user.link_identity", "user", std::to_string(id), u->region_code, u->institution_id,
                   snapshot(*u), snapshot(after)});
    return after;
  });
}

}  // namespace skillreg
