#include "app/demo_registry.hpp"

#include <spdlog/spdlog.h>

#include <functional>
#include <map>
#include <stdexcept>

#include "app/bootstrap.hpp"
#include "app/demo_support.hpp"
#include "app/registry_service.hpp"
#include "core/validators.hpp"
#include "store/registry_repo.hpp"
#include "store/user_repo.hpp"

namespace skillreg {

namespace {

struct DemoInstitution {
  const char* applicant;     // an existing account, or a new applicant account to create
  const char* region;        // where the institution is
  const char* kind;
  const char* name;
  const char* org9;          // the 9 characters of the credit code after the region
  const char* authority;     // the account that receives and approves it
  const char* subject;
  std::vector<int> levels;
  const char* ministry = "";
};

const std::vector<DemoInstitution>& institutions() {
  static const std::vector<DemoInstitution> list{
      {"inst", "330106", "social_organisation", "浙江西湖职业技能培训评价中心", "MA2H7K3L1", "hangzhou", "4-01-02-01", {5, 4, 3}},
      {"inst2", "330212", "employer", "宁波鄞州智能电器集团有限公司", "MA2J8M4N2", "yinzhou", "6-31-01-03", {5, 4, 3, 2}},
      {"demo_wz1", "330302", "special_ability", "温州瓯越工艺美术职业培训学校", "MA2K9P5Q3", "province", "ZJ-ZX-0002", {}},
      {"demo_sx1", "330602", "employer", "绍兴越城纺织印染股份有限公司", "MA2L1R6T4", "province", "6-04-04-03", {5, 4, 3}},
      {"demo_hz2", "330102", "branch", "全国某行业职业技能鉴定中心浙江分中心", "MA2M2U7W5", "province", "4-04-05-03", {4, 3, 2}, "1201"},
      {"demo_hz3", "330106", "special_ability", "杭州西湖龙井茶炒制技艺培训中心", "MA2N3X8Y6", "xihu", "ZJ-ZX-0001", {}},
      {"demo_nb2", "330203", "social_organisation", "宁波海曙职业技能评价服务中心", "MA2P4A9B7", "ningbo", "4-01-02-03", {5, 4}},
  };
  return list;
}

std::string credit_code(const std::string& region, const std::string& org9) {
  const std::string first17 = "91" + region + org9;
  return first17 + credit_code_check_char(first17);
}

class Demo {
 public:
  Demo(AppContext& ctx, crypto::PasswordCost cost)
      : ctx_(ctx), cost_(cost), registry_(ctx, RegistryPolicy{0}) {}

  Actor actor(const std::string& username) { return demo_actor(ctx_, username); }

  Actor applicant(const std::string& username, const std::string& region) {
    auto existing = ctx_.db.read([&](Tx& tx) -> Result<bool> { return UserRepo(tx).by_username(username).has_value(); });
    if (!*existing) {
      const DemoAccount a{username.c_str(), "示范评价机构管理员", "institution_admin", region.c_str()};
      auto created = ctx_.db.write([&](Tx& tx) -> Status {
        UserRepo users(tx);
        User u;
        u.username = a.username;
        u.display_name = a.display_name;
        u.password_hash = crypto::hash_password(kDemoPassword, cost_);
        u.role = Role::institution_admin;
        u.region_code = region;
        u.created_at = u.password_changed_at = ctx_.clock.now();
        users.insert(u);
        return {};
      });
      must(created, "create " + username);
    }
    return actor(username);
  }

  ApplicationDraft draft(const DemoInstitution& d, std::int64_t announcement) {
    ApplicationDraft a;
    a.kind = d.kind;
    a.announcement_id = announcement;
    a.credit_code = credit_code(d.region, d.org9);
    a.name = d.name;
    a.address = std::string(ctx_.regions.find(d.region)->name) + "示范路88号";
    a.region_code = d.region;
    a.contact = "李明";
    a.phone = "0571-8" + std::to_string(1000000 + std::hash<std::string>{}(d.org9) % 9000000);
    a.ministry_code = d.ministry;
    a.scope = {{d.subject, d.levels}};
    for (const auto& item : eligibility_checklist(*parse_institution_kind(d.kind)))
      a.checklist.push_back({item.key, "符合：" + item.text_zh});
    return a;
  }

  ReviewInput passing_review(InstitutionKind kind) {
    ReviewInput r;
    for (const auto& item : eligibility_checklist(kind)) r.findings.emplace_back(item.key, true);
    r.pass = true;
    r.comment = "材料齐全，现场评估符合条件";
    return r;
  }

  std::int64_t announce(const std::string& by, std::vector<std::string> kinds) {
    NewAnnouncement n;
    const Date today = local_date(ctx_.clock.now());
    n.title = std::string(ctx_.regions.find(actor(by).region_code)->name) + today.to_string().substr(0, 4) +
              "年技能人才评价机构遴选公告";
    n.kinds = std::move(kinds);
    n.opens_on = today.add_days(-10).to_string();
    n.closes_on = today.add_days(60).to_string();
    n.conditions = "符合《浙江省技能人才评价机构管理办法(试行)》第七条、第八条规定的条件";
    n.assessment = "资料审核合格后组织现场评估，评估结果经集体研究确定";
    n.methods = {"听汇报", "资料审核", "现场察看", "质询答辩"};
    return must(registry_.announce(actor(by), n), "announce").id;
  }

  // Takes an application through submission, review, notice if needed, and approval.
  void approve(const DemoInstitution& d, std::int64_t announcement) {
    const auto who = applicant(d.applicant, d.region);
    const auto authority = actor(d.authority);
    auto app = must(registry_.create_application(who, draft(d, announcement)), std::string("apply ") + d.name);
    must(registry_.submit(who, app.id), "submit");
    must(registry_.review(authority, app.id, passing_review(app.kind)), "review");
    if (rules_of(app.kind).public_notice) must(registry_.start_publicity(authority, app.id), "publicity");
    must(registry_.approve(authority, app.id), std::string("approve ") + d.name);
  }

  RegistryService& registry() { return registry_; }

 private:
  AppContext& ctx_;
  crypto::PasswordCost cost_;
  RegistryService registry_;
};

}  // namespace

Actor demo_actor(AppContext& ctx, const std::string& username) {
  auto u = ctx.db.read([&](Tx& tx) -> Result<User> {
    auto found = UserRepo(tx).by_username(username);
    if (!found) return not_found("user");
    return *found;
  });
  const auto user = must(std::move(u), "find " + username);
  return Actor{user.id, user.username, user.role, user.region_code, user.institution_id};
}

int load_demo_registry(AppContext& ctx, crypto::PasswordCost cost) {
  auto existing = ctx.db.read([](Tx& tx) -> Result<long long> {
    long long n = 0;
    tx.sql << "SELECT COUNT(*) FROM institutions", soci::into(n);
    return n;
  });
  if (!existing || *existing > 0) return 0;
  Demo demo(ctx, cost);
  const auto province = demo.actor("province");
  must(demo.registry().publish_spec(province, "ZJ-ZX-0001", "西湖龙井茶炒制"), "spec");
  must(demo.registry().publish_spec(province, "ZJ-ZX-0002", "瓯塑制作"), "spec");
  std::map<std::string, std::int64_t> announcements{
      {"province", demo.announce("province", {"employer", "social_organisation", "special_ability", "branch"})},
      {"hangzhou", demo.announce("hangzhou", {"employer", "social_organisation", "special_ability"})},
      {"ningbo", demo.announce("ningbo", {"employer", "social_organisation"})},
      {"xihu", demo.announce("xihu", {"employer", "special_ability"})},
      {"yinzhou", demo.announce("yinzhou", {"employer", "special_ability"})},
  };
  int n = 0;
  for (const auto& d : institutions()) {
    demo.approve(d, announcements.at(d.authority));
    ++n;
  }
  // Applications still in the workflow, so the officials have work waiting.
  const DemoInstitution waiting{"demo_hz4", "330105", "employer", "杭州拱墅精密机械有限公司", "MA2Q5C1D8",
                                "hangzhou", "6-18-01-01", {5, 4}};
  const auto who = demo.applicant(waiting.applicant, waiting.region);
  auto submitted = must(demo.registry().create_application(who, demo.draft(waiting, announcements.at("hangzhou"))), "apply");
  must(demo.registry().submit(who, submitted.id), "submit");
  const DemoInstitution noticed{"demo_hz5", "330110", "social_organisation", "杭州余杭数字技能评价中心", "MA2R6E2F9",
                                "hangzhou", "4-04-05-03", {4, 3}};
  const auto who2 = demo.applicant(noticed.applicant, noticed.region);
  auto publicity = must(demo.registry().create_application(who2, demo.draft(noticed, announcements.at("hangzhou"))), "apply");
  must(demo.registry().submit(who2, publicity.id), "submit");
  must(demo.registry().review(demo.actor("hangzhou"), publicity.id, demo.passing_review(publicity.kind)), "review");
  must(demo.registry().start_publicity(demo.actor("hangzhou"), publicity.id), "publicity");
  must(demo.registry().object(publicity.id, "反映该机构考评人员数量不足，请核实。", "匿名"), "objection");
  spdlog::info("demo registry: {} institutions, 2 applications in progress", n);
  return n;
}

}  // namespace skillreg
