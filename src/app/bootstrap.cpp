#include "app/bootstrap.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include "app/audit_trail.hpp"
#include "core/csv.hpp"
#include "core/embedded.hpp"
#include "domain/accounts/password_rules.hpp"
#include "store/identity_columns.hpp"
#include "store/migrations.hpp"
#include "store/reference_repo.hpp"
#include "store/user_repo.hpp"

namespace skillreg {

namespace {

std::string_view embedded_or_throw(std::string_view name) {
  auto f = embedded::find(name);
  if (!f) throw std::runtime_error("missing embedded file " + std::string(name));
  return *f;
}

template <class T>
T value_or_throw(Result<T> r, std::string_view what) {
  if (!r) {
    std::string detail;
    for (const auto& d : r.error().details) detail += " " + d.field + ": " + d.problem;
    throw std::runtime_error(std::string(what) + ": " + r.error().message_en + detail);
  }
  return std::move(*r);
}

int level_ordinal(const std::string& code) {
  // Low to high: XT < 5 < 4 < 3 < 2 < 1 < TJ < SX (data/SOURCES.md, 人社部发〔2022〕14号).
  static const std::vector<std::string> order{"XT", "5", "4", "3", "2", "1", "TJ", "SX"};
  for (std::size_t i = 0; i < order.size(); ++i)
    if (order[i] == code) return int(i);
  throw std::runtime_error("unknown skill level code " + code);
}

Status load_reference_data(Tx& tx, Instant now) {
  ReferenceRepo repo(tx);
  const auto regions = value_or_throw(
      read_csv_with_header(embedded_or_throw("data/regions_zhejiang.csv"),
                           {"code", "name", "level", "parent_code"}),
      "data/regions_zhejiang.csv");
  for (const auto& row : regions) {
    auto level = parse_region_level(row.at("level"));
    if (!level) throw std::runtime_error("bad region level " + row.at("level"));
    repo.insert_region({row.at("code"), row.at("name"), *level, row.at("parent_code")});
  }
  const auto occupations = value_or_throw(
      read_csv_with_header(embedded_or_throw("data/occupations.csv"),
                           {"code", "name", "category", "in_qualification_catalog"}),
      "data/occupations.csv");
  for (const auto& row : occupations)
    repo.insert_occupation({row.at("code"), row.at("name"), row.at("category"),
                            row.at("in_qualification_catalog") == "1"});
  const auto levels = value_or_throw(
      read_csv_with_header(embedded_or_throw("data/skill_levels.csv"), {"code", "name", "alias"}),
      "data/skill_levels.csv");
  for (const auto& row : levels)
    repo.insert_level({row.at("code"), row.at("name"), row.at("alias"), level_ordinal(row.at("code"))});
  const auto calendar = value_or_throw(
      Calendar::from_csv(embedded_or_throw("data/calendar_cn.csv")), "data/calendar_cn.csv");
  for (const auto& e : calendar.entries()) repo.insert_calendar_entry(e);

  record_change(tx, system_actor(), now,
                {"reference.load", "reference_data", "data", "330000", std::nullopt, nullptr,
                 {{"regions", regions.size()},
                  {"occupations", occupations.size()},
                  {"levels", levels.size()},
                  {"calendar_days", calendar.entries().size()}}});
  return {};
}

}  // namespace

void prepare_database(Database& db, const Clock& clock) {
  apply_migrations(db);
  if (db.identities())
    if (auto bound = bind_identity_key(db, clock.now()); !bound) throw std::runtime_error(bound.error().message_en);
  auto done = db.write([&](Tx& tx) -> Status {
    if (ReferenceRepo(tx).is_loaded()) return {};
    return load_reference_data(tx, clock.now());
  });
  if (!done) throw std::runtime_error("loading reference data failed: " + done.error().message_en);
}

static Status create_user(Tx& tx, const Clock& clock, const DemoAccount& a,
                          const std::string& password, crypto::PasswordCost cost) {
  UserRepo users(tx);
  if (users.by_username(a.username))
    return conflict("用户名已存在", "The username is taken");
  User u;
  u.username = a.username;
  u.display_name = a.display_name;
  u.password_hash = crypto::hash_password(password, cost);
  u.role = parse_role(a.role).value();
  u.region_code = a.region_code;
  u.created_at = u.password_changed_at = clock.now();
  u.id = users.insert(u);
  record_change(tx, system_actor(), clock.now(),
                {"user.create", "user", std::to_string(u.id), u.region_code, std::nullopt, nullptr,
                 {{"username", u.username}, {"role", a.role}, {"region_code", u.region_code}}});
  return {};
}

Status create_first_admin(Database& db, const Clock& clock, const std::string& username,
                          const std::string& password, const CommonWords& words) {
  // The province's first administrator: 12 characters at least, and none an attacker tries first.
  if (password.size() < 12) return invalid({{"password", "too_short"}});
  if (auto problem = password_problem(password, username, words)) return invalid({{"password", *problem}});
  const DemoAccount admin{username.c_str(), "省级管理员", "province_admin", "330000"};
  return db.write([&](Tx& tx) {
    return create_user(tx, clock, admin, password, crypto::PasswordCost::interactive());
  });
}

const std::vector<DemoAccount>& demo_accounts() {
  static const std::vector<DemoAccount> accounts{
      {"province", "浙江省人力资源和社会保障厅", "province_admin", "330000"},
      {"center", "浙江省技能人才评价管理服务中心", "eval_center", "330000"},
      {"qualdept", "职业资格实施部门", "qualification_dept", "330000"},
      {"hangzhou", "杭州市人力资源和社会保障局", "city_officer", "330100"},
      {"ningbo", "宁波市人力资源和社会保障局", "city_officer", "330200"},
      {"xihu", "杭州市西湖区人力资源和社会保障局", "county_officer", "330106"},
      {"yinzhou", "宁波市鄞州区人力资源和社会保障局", "county_officer", "330212"},
      {"inspector", "杭州市执法检查人员", "inspector", "330100"},
      {"inst", "西湖区社会培训评价组织管理员", "institution_admin", "330106"},
      {"inst2", "鄞州区用人单位评价机构管理员", "institution_admin", "330212"},
      {"examiner", "杭州市考评员", "examiner", "330100"},
  };
  return accounts;
}

int load_demo(Database& db, const Clock& clock, crypto::PasswordCost cost) {
  int created = 0;
  for (const auto& a : demo_accounts()) {
    auto r = db.write([&](Tx& tx) { return create_user(tx, clock, a, kDemoPassword, cost); });
    if (r) ++created;
    else if (r.error().kind != ErrorKind::conflict)
      throw std::runtime_error("creating demo account failed: " + r.error().message_en);
  }
  spdlog::info("demo accounts created: {}", created);
  return created;
}

}  // namespace skillreg
