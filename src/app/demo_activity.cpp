#include "app/demo_activity.hpp"

#include <array>

#include "app/candidate_service.hpp"
#include "app/demo_support.hpp"
#include "app/plan_service.hpp"
#include "app/registry_service.hpp"
#include "core/validators.hpp"
#include "domain/activity/plan_rules.hpp"
#include "store/activity_bulk.hpp"
#include "store/plan_repo.hpp"
#include "store/registry_repo.hpp"
#include "store/synthetic_repo.hpp"
#include "store/user_repo.hpp"

namespace skillreg {

namespace {

constexpr const char* kInstitution = "S000033000001";  // the `inst` login's institution
constexpr std::array<const char*, 16> kNames{"陈思远", "王丽华", "李建国", "张晓燕", "刘志强", "赵雅琴", "孙明杰", "周婷婷",
                                            "吴海波", "郑佳怡", "冯俊杰", "朱晓梅", "胡文涛", "林静怡", "何志明", "高雪莲"};

Instant at_local(Date d, int hour, int minute) { return start_of_local_day(d) + hour * 3600 + minute * 60; }

// The n-th demo person's identity number (n < 900): born in 西湖区 between 1980 and 1994, a valid
// check digit.
std::string identity(int n) {
  char first17[18];
  const unsigned u = unsigned(n) % 900u;
  std::snprintf(first17, sizeof first17, "330106%04u%02u%02u%03u", 1980u + u % 15u, 1u + u % 12u, 1u + u % 28u, 100u + u);
  return std::string(first17) + identity_check_char(first17);
}

std::string hex64(int seed) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  std::uint64_t x = 0x9e3779b97f4a7c15ULL * std::uint64_t(seed + 1);
  for (int i = 0; i < 64; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    out += digits[x % 16];
  }
  return out;
}

class Loader {
 public:
  Loader(AppContext& ctx, const ActivityPolicy& policy)
      : ctx_(ctx), policy_(policy), plans_(ctx, policy), candidates_(ctx, policy), registry_(ctx),
        today_(local_date(ctx.clock.now())) {}

  std::optional<DemoActivity> load() {
    auto inst = ctx_.db.read([&](Tx& tx) -> Result<std::optional<Institution>> {
      auto i = RegistryRepo(tx).institution_by_code(kInstitution);
      if (!i) return std::nullopt;
      PlanQuery own;
      own.institution_id = i->id;
      own.page = {1, 1};
      if (PlanRepo(tx).list(own).total > 0) return std::nullopt;
      return i;
    });
    if (!inst || !*inst) return std::nullopt;
    inst_ = **inst;
    staff_ = demo_actor(ctx_, "inst");
    site_ = must(registry_.request_exam_site(staff_, inst_.id, "西湖评价中心实训考点", "杭州市西湖区文三路 90 号", inst_.region_code),
                 "exam site");
    people();
    DemoActivity out;
    out.plans = 4;
    // Finished: held 45 days ago, results published and their publicity over, certificates issued
    // and reported (S19(9), S19(10)).
    const Date held = weekday(today_.add_days(-45));
    const auto finished = held_plan(4, held, 14, true);
    out.cert_no = finished.first;
    out.holder = finished.second;
    // Held two days ago: the institution reports the scores now (S14(1) allows them once the exam began).
    held_plan(5, today_.add_days(-2), 12, false);
    // Published 12 days ahead, taking candidates; one admitted without meeting any route is flagged (S19(2)).
    upcoming(4, weekday(today_.add_days(12)), true);
    // A draft for the level above.
    upcoming(3, weekday(today_.add_days(30)), false);
    return out;
  }

 private:
  static Date weekday(Date d) {
    while (d.weekday() > 5) d = d.add_days(1);
    return d;
  }

  // Three examiners employed elsewhere, qualified for the institution's occupation up to level 2,
  // and the institution's internal supervisor (M16).
  void people() {
    const Instant now = ctx_.clock.now();
    must(ctx_.db.write([&](Tx& tx) -> Status {
           SyntheticRepo repo(tx);
           static const std::array<const char*, 3> examiners{"钱卫东", "孔令华", "沈佳宁"};
           for (std::size_t k = 0; k < examiners.size(); ++k) {
             const auto id = repo.insert_person("examiner", identity(60 + int(k)), examiners[k], std::nullopt, "330100", now);
             repo.insert_qualification(id, inst_.scope.front().subject_code, 2, today_.add_years(2).to_string());
             examiners_.push_back(id);
           }
           // M16: the demo `examiner` account is 钱卫东, who sees their own sessions.
           UserRepo users(tx);
           if (auto account = users.by_username("examiner"))
             users.set_identity(account->id, stored_identity(tx, identity(60)), mask_identity_number(identity(60)));
           supervisor_ = repo.insert_person("internal_supervisor", identity(70), "严慧敏", inst_.id, inst_.region_code, now);
           return {};
         }),
         "people");
  }

  Plan plan_of(int level, Date day) const {
    Plan p;
    p.institution_id = inst_.id;
    p.authority_code = inst_.authority_code;
    p.site_region_code = site_.region_code;
    p.subject_code = inst_.scope.front().subject_code;
    p.level = level;
    p.parts = {Part::theory, Part::practical};
    p.exam_site_id = site_.id;
    p.question_source = QuestionSource::unified_bank;
    p.paperless = true;
    p.fee = 200 + 40 * (5 - level);
    p.sessions = {{0, 0, Part::theory, at_local(day, 9, 0), at_local(day, 11, 0), "理论 301"},
                  {0, 0, Part::practical, at_local(day, 13, 30), at_local(day, 16, 30), "实操 102"}};
    return p;
  }

  CandidateInput candidate(int n, int level, bool eligible) const {
    CandidateInput in;
    in.identity_no = identity(n);
    in.name = kNames[std::size_t(n + n / 100 * 5) % kNames.size()];  // each plan starts at another name
    in.education = n % 3 == 0 ? "technical_school" : "high_school";
    in.years_in_trade = !eligible ? 0 : level == 5 ? 2 + n % 5 : 7 + n % 6;  // 五级: 1 year; 四级: 6 years in all
    in.review = "admitted";
    return in;
  }

  // A plan whose exam is over, written as it would stand by now: published in time, staffed,
  // papers and recordings in place; with `results`, scored, published and certified too.
  // Returns a certificate's number and holder when there are certificates.
  std::pair<std::string, std::string> held_plan(int level, Date day, int count, bool results) {
    const Instant now = ctx_.clock.now();
    return must(ctx_.db.write([&](Tx& tx) -> Result<std::pair<std::string, std::string>> {
                  PlanRepo plans(tx);
                  SyntheticRepo repo(tx);
                  Plan p = plan_of(level, day);
                  p.planned_count = count;
                  p.status = PlanStatus::published;
                  p.published_at = at_local(day.add_days(-20), 10, 0);
                  p.created_by = staff_.user_id;
                  p.created_at = *p.published_at - 86400;
                  p.updated_at = *p.published_at;
                  const Date results_on = day.add_days(6);
                  if (results) {
                    p.results_published_on = results_on;
                    p.results_publicity_ends =
                        certificates_issuable_from(results_on, policy_.results_publicity_days, *ctx_.calendar.snapshot());
                  }
                  p.id = plans.insert(p);
                  p = *plans.find(p.id);
                  staff(repo, p, now);
                  for (const auto& s : p.sessions) {
                    repo.paper(s.id, "ZJTK-" + p.subject_code + "-DEMO-" + std::to_string(s.id), s.starts_at - 3 * 3600, true, now);
                    repo.video(s.id, s.room, "oss://xihu-eval/" + std::to_string(s.id) + ".mp4", s.starts_at - 300,
                               s.ends_at + 300, hex64(int(s.id)), now);
                  }
                  CandidateWriter writer(tx);
                  ScoreWriter scores(tx);
                  CertificateWriter certificates(tx);
                  std::pair<std::string, std::string> shown;
                  int serial = 0;
                  for (int n = 0; n < count; ++n) {
                    auto c = must(candidates_.build(p, candidate(level * 100 + n, level, true), ""), "candidate");
                    c.created_at = p.created_at + 3600;
                    c.review = ReviewDecision::admitted;
                    std::map<Part, double> marks;
                    if (results) {
                      marks = {{Part::theory, double(58 + (n * 7) % 38)}, {Part::practical, double(62 + (n * 11) % 35)}};
                      c.result = result_of(p.parts, marks, policy_.pass_line);
                    }
                    c.id = writer.insert(c);
                    for (const auto& [part, mark] : marks) scores.put({c.id, part, mark, at_local(results_on, 9, 0)});
                    if (c.result != ExamResult::passed) continue;
                    const Date issued = *p.results_publicity_ends;  // the first day it may be
                    auto cert = certificate_for(p, c, make_certificate_number(inst_.code, p.results_publicity_ends->year % 100, level, ++serial),
                                                issued, start_of_local_day(issued));
                    cert.reported_on = issued.add_days(3);
                    certificates.insert(cert);
                    if (shown.first.empty()) shown = {cert.cert_no, cert.name};
                  }
                  if (serial > 0) repo.set_serial(inst_.id, p.results_publicity_ends->year, level, serial + 1);
                  return shown;
                }),
                "held plan");
  }

  // Two examiners in theory, three in practical (S19(8)), the internal supervisor in both.
  void staff(SyntheticRepo& repo, const Plan& p, Instant now) const {
    for (const auto& s : p.sessions) {
      const std::size_t need = s.part == Part::practical ? 3 : 2;
      for (std::size_t e = 0; e < need; ++e) repo.assign(s.id, examiners_[e], "examiner", now);
      repo.assign(s.id, supervisor_, "internal_supervisor", now);
    }
  }

  // A plan through the institution's own use cases: created, and when `publish`, published with
  // its staff and candidates.
  void upcoming(int level, Date day, bool publish) {
    const Plan shape = plan_of(level, day);
    PlanInput in;
    in.subject_code = shape.subject_code;
    in.level = level;
    in.parts = {"theory", "practical"};
    in.exam_site_id = site_.id;
    in.planned_count = 20;
    in.question_source = "unified_bank";
    in.paperless = true;
    in.fee = shape.fee;
    for (const auto& s : shape.sessions)
      in.sessions.push_back({0, std::string(to_string(s.part)), format_instant(s.starts_at), format_instant(s.ends_at), s.room});
    auto plan = must(plans_.create(staff_, in), "plan");
    if (!publish) return;
    plan = must(plans_.publish(staff_, plan.id), "publish");
    must(ctx_.db.write([&](Tx& tx) -> Status {
           SyntheticRepo repo(tx);
           staff(repo, plan, ctx_.clock.now());
           return {};
         }),
         "staff");
    for (int n = 0; n < 8; ++n) {
      const bool eligible = n != 5;  // the sixth meets no route of the level
      auto in = candidate(800 + n, level, eligible);
      if (n == 7) in.review = "pending";
      const auto added = must(candidates_.add(staff_, plan.id, in), "candidate");
      if (eligible) continue;
      // Known ground truth, as the synthetic province's (docs/synthetic-province.md).
      must(ctx_.db.write([&](Tx& tx) -> Status {
             SyntheticRepo(tx).truth("ineligible_candidate", "candidate", std::to_string(added.candidate.id), plan.id, "admitted");
             return {};
           }),
           "truth");
    }
  }

  AppContext& ctx_;
  const ActivityPolicy& policy_;
  PlanService plans_;
  CandidateService candidates_;
  RegistryService registry_;
  Date today_;
  Institution inst_;
  Actor staff_;
  ExamSite site_;
  std::vector<std::int64_t> examiners_;
  std::int64_t supervisor_ = 0;
};

}  // namespace

std::optional<DemoActivity> load_demo_activity(AppContext& ctx, const ActivityPolicy& policy) {
  return Loader(ctx, policy).load();
}

}  // namespace skillreg
