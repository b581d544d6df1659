#include "app/demo_supervision.hpp"

#include "app/complaint_service.hpp"
#include "app/demo_support.hpp"
#include "app/inspection_service.hpp"
#include "app/supervision_service.hpp"
#include "store/registry_repo.hpp"
#include "store/supervision_repo.hpp"

namespace skillreg {

namespace {

class DemoSupervision {
 public:
  explicit DemoSupervision(AppContext& ctx)
      : ctx_(ctx), sup_(ctx), ins_(ctx), com_(ctx, ins_), hangzhou_(demo_actor(ctx, "hangzhou")) {}

  bool wanted() {
    return *ctx_.db.read([&](Tx& tx) -> Result<bool> {
      auto plans = SupervisionRepo(tx).plans({{"330000", "330100"}, {1, 1}}, std::nullopt);
      return plans.total == 0 && RegistryRepo(tx).institution_by_code("S000033000001").has_value();
    });
  }

  int load() {
    const Actor inspector = demo_actor(ctx_, "inspector");
    // S10: 杭州市's roster; the demo `inspector` account is on it, one member acts for a third party (S6).
    roster_.push_back(must(sup_.add_inspector(hangzhou_, {"王建国", "", "", inspector.user_id, std::nullopt}), "roster"));
    roster_.push_back(must(sup_.add_inspector(hangzhou_, {"李秀英", "", "", std::nullopt, std::nullopt}), "roster"));
    roster_.push_back(must(sup_.add_inspector(hangzhou_, {"陈志强", "", "浙江省职业技能评价研究会", std::nullopt, std::nullopt}), "roster"));
    roster_.push_back(must(sup_.add_inspector(hangzhou_, {"赵敏", "", "", std::nullopt, std::nullopt}), "roster"));

    const int year = local_date(ctx_.clock.now()).year;
    // A year's double-random plan: every institution drawn, overt visits; the draw made, every
    // inspection completed and the results published with the seed.
    SupervisionPlan yearly;
    yearly.year = year;
    yearly.title = std::to_string(year) + "年杭州市技能人才评价机构“双随机、一公开”抽查";
    yearly.content = "检查评价机构执行政策、履行承诺、规范评价、信息公开和质量管控情况（监督管理办法第九条）";
    yearly.focus = "资格审核准确性、考务组织、试题保密、考评人员派遣";
    yearly.sampling_share = 100;
    yearly.frequency = "每年不少于1次";
    yearly = must(sup_.create_plan(hangzhou_, yearly), "yearly plan");
    auto first = must(sup_.commit_draw(hangzhou_, yearly.id), "commit");
    first = must(sup_.execute_draw(hangzhou_, first.draw.id), "execute");
    bool issues = false;
    for (auto id : first.inspection_ids) {
      const auto who = worker(id);
      must(ins_.start(who, id), "start");
      complete(who, id, issues ? InspectionOutcome::pass : InspectionOutcome::issues_found);
      issues = true;
    }
    must(sup_.publish_draw(hangzhou_, first.draw.id), "publish");

    // A special plan of covert visits 暗访: drawn, the visit under way and hidden from the institution.
    SupervisionPlan covert = yearly;
    covert.title = std::to_string(year) + "年杭州市考务组织专项暗访";
    covert.content = "以暗访方式检查考场纪律和监考安排";
    covert.focus = "考场纪律、监考人员到岗";
    covert.sampling_share = 50;
    covert.inspection_kind = InspectionKind::special;
    covert.inspection_mode = InspectionMode::onsite_covert;
    covert.checklist = {"S9(3)-2", "S9(3)-3", "S9(3)-4", "S9(5)-3"};
    covert = must(sup_.create_plan(hangzhou_, covert), "covert plan");
    auto second = must(sup_.commit_draw(hangzhou_, covert.id), "commit covert");
    second = must(sup_.execute_draw(hangzhou_, second.draw.id), "execute covert");
    for (auto id : second.inspection_ids) must(ins_.start(worker(id), id), "start covert");
    // A third plan whose draw is committed only: the public sees the commitment, not yet the result.
    SupervisionPlan next = yearly;
    next.title = std::to_string(year) + "年杭州市第四季度日常督查";
    next.sampling_share = 50;
    next = must(sup_.create_plan(hangzhou_, next), "next plan");
    must(sup_.commit_draw(hangzhou_, next.id), "commit next");

    // Inspections opened by hand: a video review planned, one cancelled.
    const auto inst = institution("S000033000001");
    const Date today = local_date(ctx_.clock.now());
    auto planned = must(ins_.create(hangzhou_, {inst, InspectionKind::sampling_followup, InspectionMode::video_review,
                                                today.add_days(7).to_string(), {roster_[1].id, roster_[3].id}, "",
                                                std::nullopt, std::nullopt, std::nullopt, std::nullopt, {}}),
                        "planned");
    auto cancelled = must(ins_.create(hangzhou_, {inst, InspectionKind::special, InspectionMode::interview,
                                                  today.add_days(3).to_string(), {roster_[2].id}, "", std::nullopt,
                                                  std::nullopt, std::nullopt, std::nullopt, {}}),
                          "to cancel");
    must(ins_.cancel(hangzhou_, cancelled.id, "与年度抽查合并进行"), "cancel");
    (void)planned;
    // S15: the annual assessment of 西湖区's institution, waiting for its self-evaluation.
    must(sup_.open_annual_assessments(demo_actor(ctx_, "xihu"), year), "annual assessment");

    complaints(inst);
    return count_inspections();
  }

 private:
  // The drawn inspector with an account works it; otherwise the authority does.
  Actor worker(std::int64_t inspection) {
    auto i = must(ins_.get(hangzhou_, inspection), "inspection");
    for (const auto& r : i.inspectors)
      if (r.user_id) return demo_actor(ctx_, "inspector");
    return hangzhou_;
  }

  void complete(const Actor& who, std::int64_t id, InspectionOutcome outcome) {
    auto i = must(ins_.get(who, id), "inspection");
    std::vector<ItemFinding> findings;
    for (const auto& item : i.items) {
      const bool bad = outcome != InspectionOutcome::pass && item.code == "S9(3)-1";
      findings.push_back({item.code, bad ? Finding::deficient : Finding::compliant,
                          bad ? "抽查12名考生档案，2人工作年限证明不足" : ""});
    }
    must(ins_.record_findings(who, id, findings), "findings");
    const std::string png("\x89PNG\r\n\x1a\n-demo-site-photo-", 26);
    must(ins_.add_evidence(who, id, "考场照片.png", png), "evidence");
    CompletionInput done;
    done.outcome = std::string(to_string(outcome));
    done.report = outcome == InspectionOutcome::pass ? "各项检查内容符合要求。" : "资格审核存在疏漏，责令整改。";
    if (outcome == InspectionOutcome::issues_found)
      done.rectifications = {{"复核全部考生申报条件并补齐证明材料",
                              local_date(ctx_.clock.now()).add_days(30).to_string()}};
    must(ins_.complete(who, id, done), "complete");
  }

  std::int64_t institution(const std::string& code) {
    return must(ctx_.db.read([&](Tx& tx) -> Result<std::int64_t> {
                  auto i = RegistryRepo(tx).institution_by_code(code);
                  if (!i) return not_found("institution");
                  return i->id;
                }),
                code);
  }

  // M28, S17: one complaint in every status.
  void complaints(std::int64_t inst) {
    const std::string code = "S000033000001", other = "Z000033000006";
    auto received = must(com_.submit({code, "fees", "报名时收取的培训费高于公示标准，且未开具发票。", "", "330106"}, "demo-1"), "complaint");
    (void)received;
    auto accepted = must(com_.submit({other, "certificates", "考试结束已两个月，证书仍未发放，电话无人接听。", "138****1234", ""}, "demo-2"), "complaint");
    must(com_.accept(hangzhou_, accepted.id), "accept");
    auto declined = must(com_.submit({code, "other", "希望增加周末考试场次，方便在职人员参加。", "", ""}, "demo-3"), "complaint");
    must(com_.reject(hangzhou_, declined.id, "属于意见建议，不属于投诉举报受理范围，已转评价机构参考。"), "reject");
    auto investigating = must(com_.submit({code, "exam_conduct", "实操考试时考评员中途离场，考场无人监考。", "zhang@example.com", "330106"}, "demo-4"), "complaint");
    must(com_.accept(hangzhou_, investigating.id), "accept");
    const Date today = local_date(ctx_.clock.now());
    InspectionInput special;
    special.mode = InspectionMode::onsite_overt;
    special.scheduled_on = today.add_days(5).to_string();
    special.inspector_ids = {roster_[0].id, roster_[1].id};
    must(com_.open_inspection(hangzhou_, investigating.id, special), "special inspection");
    auto replied = must(com_.submit({code, "results", "成绩公示名单与实际参考人员不一致。", "", ""}, "demo-5"), "complaint");
    must(com_.accept(hangzhou_, replied.id), "accept");
    // S15: found substantiated on the special inspection it opened, completed today.
    special.scheduled_on = today.to_string();
    auto found = must(com_.open_inspection(hangzhou_, replied.id, special), "special inspection").second;
    must(ins_.start(hangzhou_, found.id), "start special");
    complete(hangzhou_, found.id, InspectionOutcome::issues_found);
    must(com_.reply(hangzhou_, replied.id, true, "经核查，机构误将缺考人员列入公示名单，已责令更正并重新公示。"), "reply");
    (void)inst;
  }

  int count_inspections() {
    return static_cast<int>(must(ins_.list(hangzhou_, {"", "", std::nullopt, std::nullopt, {1, 1}}), "count").total);
  }

  AppContext& ctx_;
  SupervisionService sup_;
  InspectionService ins_;
  ComplaintService com_;
  Actor hangzhou_;
  std::vector<Inspector> roster_;
};

}  // namespace

int load_demo_supervision(AppContext& ctx) {
  DemoSupervision demo(ctx);
  if (!demo.wanted()) return 0;
  return demo.load();
}

}  // namespace skillreg
