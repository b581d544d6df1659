#include "app/demo_enforcement.hpp"

#include "app/candidate_service.hpp"
#include "app/demo_support.hpp"
#include "app/enforcement_service.hpp"
#include "app/plan_service.hpp"
#include "app/registry_service.hpp"
#include "core/validators.hpp"
#include "store/candidate_repo.hpp"
#include "store/case_repo.hpp"
#include "store/certificate_repo.hpp"
#include "store/registry_repo.hpp"

namespace skillreg {

namespace {

class DemoEnforcement {
 public:
  DemoEnforcement(AppContext& ctx, const ActivityPolicy& activity)
      : ctx_(ctx), enf_(ctx), plans_(ctx, activity), candidates_(ctx, activity), registry_(ctx),
        province_(demo_actor(ctx, "province")) {}

  bool wanted() {
    return *ctx_.db.read([&](Tx& tx) -> Result<bool> {
      return CaseRepo(tx).list({{"330000"}, std::nullopt, false, "", std::nullopt, {1, 1}}).total == 0 &&
             RegistryRepo(tx).institution_by_code("Y000033000004").has_value();
    });
  }

  int load() {
    const auto shaoxing = institution("Y000033000004");  // 绍兴 employer
    const auto wenzhou = institution("Z000033000003");   // 温州 special-ability school
    const auto branch = institution("S120133000005");    // the national centre's branch
    const std::string cert = certificate_of(shaoxing, demo_actor(ctx_, "demo_sx1"));
    const Actor sx = demo_actor(ctx_, "demo_sx1"), wz = demo_actor(ctx_, "demo_wz1"), hz2 = demo_actor(ctx_, "demo_hz2");
    const Date today = local_date(ctx_.clock.now());

    // S18: a candidate who did not qualify; the certificate declared void.
    auto voiding = to_statement(case_of(shaoxing, {"S18(1)"}, false, "重点抽查发现考生工作年限证明系伪造，不符合四级申报条件。"), sx);
    decide(voiding, {"upheld", "考生资格不符合申报条件，宣布证书无效，由机构作出事实说明。", std::nullopt, {cert}, {},
                     std::nullopt, std::nullopt, ""});

    // S19: an interview, decided and closed with its record.
    auto interview = to_statement(case_of(shaoxing, {"S19(10)"}, false, "2026年第三季度证书数据逾期45日未上报全国数据库。"), sx);
    interview = decide(interview, {"upheld", "情节轻微，约谈主要负责人。", std::nullopt, {}, {}, std::nullopt,
                                   today.add_days(5).to_string(), "浙江省人力资源和社会保障厅"});
    must(enf_.close(province_, interview.id, "已约谈机构主要负责人，其承诺十个工作日内补报全部证书数据。"), "close");

    // S20(1): again after the interview — a written notice, suspension, published.
    auto notice = to_statement(case_of(shaoxing, {"S19(9)"}, false, "约谈后仍未按规定进行成绩核定公示。"), sx);
    decide(notice, {"upheld", "约谈后又发生，出具书面通知，暂停评价活动并限期整改。", std::nullopt, {}, {},
                    today.add_days(30).to_string(), std::nullopt, ""});

    // S21: a cancellation, reviewed and overturned — published and marked reversed.
    auto cancellation = to_statement(case_of(wenzhou, {"S21(4)"}, true, "举报反映机构涉嫌证书贩卖，初查认定属实。"), wz);
    cancellation = decide(cancellation, {"upheld", "存在证书贩卖行为，取消评价资格。", std::nullopt, {}, {}, std::nullopt, std::nullopt, ""});
    must(enf_.request_review(wz, cancellation.id, "涉事人员系冒用本机构名义，本机构已报案，附公安机关受案回执。"), "review request");
    must(enf_.decide_review(province_, cancellation.id, {"overturned", "经复核，系他人冒用机构名义，机构不存在证书贩卖行为。", std::nullopt}),
         "review");

    // A written notice served, the institution's statement made, the decision pending (S24).
    to_statement(case_of(branch, {"S20(7)"}, false, "机构网站刊登“包过”字样的招生宣传。"), hz2);
    // A decision under review.
    auto reviewed = to_statement(case_of(branch, {"S19(8)"}, false, "两个场次未配备内部质量督导员。"), hz2);
    reviewed = decide(reviewed, {"upheld", "未按规范安排内部质量督导员，约谈。", std::nullopt, {}, {}, std::nullopt,
                                 today.add_days(6).to_string(), "浙江省人力资源和社会保障厅"});
    must(enf_.request_review(hz2, reviewed.id, "两个场次的督导员已到岗，签到表可证。"), "review request");
    // A proposal not yet served, and a draft.
    auto proposed = must(enf_.open(province_, {wenzhou, {"S19(11)"}, false, "2025年度部分评价计划档案缺少考场视频。", {}, "inspection", std::nullopt}), "open");
    must(enf_.propose(province_, proposed.id, {"档案资料不完整", "第十九条(十一)"}), "propose");
    must(enf_.open(province_, {branch, {"S19(6)"}, false, "监测提示两个计划未使用统一题库。", {}, "monitoring", std::nullopt}), "draft");
    return 8;
  }

 private:
  std::int64_t institution(const std::string& code) {
    return must(ctx_.db.read([&](Tx& tx) -> Result<std::int64_t> {
                  auto i = RegistryRepo(tx).institution_by_code(code);
                  if (!i) return not_found("institution");
                  return i->id;
                }),
                code);
  }

  // A published plan of the institution with one admitted candidate, and that candidate's result
  // and certificate written as the national database would return them (the demo has no time to
  // hold the session).
  std::string certificate_of(std::int64_t institution, const Actor& staff) {
    auto inst = must(registry_.institution(staff, institution), "institution");
    auto site = must(registry_.request_exam_site(staff, institution, "越城实训考点", "绍兴市越城区解放北路1号", inst.region_code), "site");
    const Date first = local_date(ctx_.clock.now()).add_days(14);
    PlanInput p;
    p.subject_code = inst.scope.front().subject_code;
    p.level = inst.scope.front().levels.front();
    p.parts = {"theory"};
    p.exam_site_id = site.id;
    p.planned_count = 20;
    p.question_source = "unified_bank";
    p.sessions = {{0, "theory", first.to_string() + "T09:00:00+08:00", first.to_string() + "T11:00:00+08:00", "实训楼201"}};
    auto plan = must(plans_.create(staff, p), "plan");
    must(plans_.publish(staff, plan.id), "publish");
    const char first17[18] = "33060219880315123";
    const std::string identity = std::string(first17) + identity_check_char(first17);
    auto cand = must(candidates_.add(staff, plan.id, {identity, "王小明", "college", 8, std::nullopt, "", false, "admitted", ""}),
                     "candidate");
    return must(ctx_.db.write([&](Tx& tx) -> Result<std::string> {
                  // The candidate passed and was certified before the review found the application false.
                  CandidateRepo(tx).set_result(cand.candidate.id, ExamResult::passed);
                  CertificateRepo certs(tx);
                  const int year = local_date(ctx_.clock.now()).year;
                  const int serial = certs.next_serial(institution, year, p.level);
                  char tail[16];
                  std::snprintf(tail, sizeof tail, "%02d%d%06d", year % 100, p.level, serial);
                  auto c = certificate_for(plan, cand.candidate, inst.code + tail, local_date(ctx_.clock.now()), ctx_.clock.now());
                  certs.insert(c);
                  return c.cert_no;
                }),
                "certificate");
  }

  static CaseInput case_of(std::int64_t institution, std::vector<std::string> items, bool serious, std::string facts) {
    CaseInput in;
    in.institution_id = institution;
    in.items = std::move(items);
    in.serious = serious;
    in.facts = std::move(facts);
    return in;
  }

  // Opened, proposed, served today, and the institution's statement made.
  CaseRecord to_statement(const CaseInput& in, const Actor& staff) {
    auto c = must(enf_.open(province_, in), "open");
    must(enf_.propose(province_, c.id, {"经核查，" + in.facts, "《浙江省技能人才评价监督管理办法》"}), "propose");
    must(enf_.serve(province_, c.id, {"written", local_date(ctx_.clock.now()).to_string()}), "serve");
    return must(enf_.state(staff, c.id, "对事实无异议，已制定整改方案，恳请从轻处理。"), "statement");
  }

  CaseRecord decide(const CaseRecord& c, const DecisionInput& in) { return must(enf_.decide(province_, c.id, in), "decide"); }

  AppContext& ctx_;
  EnforcementService enf_;
  PlanService plans_;
  CandidateService candidates_;
  RegistryService registry_;
  Actor province_;
};

}  // namespace

int load_demo_enforcement(AppContext& ctx, const ActivityPolicy& activity) {
  DemoEnforcement demo(ctx, activity);
  if (!demo.wanted()) return 0;
  return demo.load();
}

}  // namespace skillreg
