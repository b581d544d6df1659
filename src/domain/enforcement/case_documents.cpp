#include "domain/enforcement/case_documents.hpp"

#include <fmt/format.h>

namespace skillreg {

namespace {

constexpr const char* kLaw = "《浙江省技能人才评价监督管理办法》（浙人社发〔2022〕20号）";

std::unexpected<Error> not_yet(std::string_view kind) {
  auto e = conflict("案件尚未进行到该文书对应的步骤", "The case has not reached the step of this document");
  e.error().details.push_back({"kind", std::string(kind)});
  return e;
}

std::string items_text(const CaseRecord& c, const ViolationCatalogue& catalogue) {
  std::string out;
  for (const auto& code : c.items) {
    const auto* v = catalogue.find(code);
    // "第十九条第（十）项：未及时上报证书数据的"
    out += (out.empty() ? "" : "；") + code + (v ? "“" + v->text_zh + "”" : "");
  }
  return out;
}

std::string measure_text(MeasureClass m) {
  switch (m) {
    case MeasureClass::void_results: return "宣布有关参评人员证书或评价成绩无效";
    case MeasureClass::interview: return "对你机构主要负责人进行约谈";
    case MeasureClass::notice: return "出具书面通知，暂停评价活动并限期整改，列入监管档案，并对社会公布";
    case MeasureClass::cancellation:
      return "取消评价资格，退出评价机构目录清单，列入监管档案，不再受理备案或遴选申请，并对社会公布";
  }
  return "";
}

std::string article_text(MeasureClass m) {
  switch (m) {
    case MeasureClass::void_results: return "第十八条";
    case MeasureClass::interview: return "第十九条";
    case MeasureClass::notice: return "第二十条";
    case MeasureClass::cancellation: return "第二十一条";
  }
  return "";
}

pdf::OfficialDocument base(const CaseRecord& c, const std::string& authority, const char* title, Date on) {
  pdf::OfficialDocument d;
  d.issuer = authority;
  d.title = title;
  d.number = c.case_no;
  d.addressee = c.institution_name + "：";
  d.signature = authority;
  d.date = chinese_date(on);
  d.footer = "案件编号 " + c.case_no + " · 机构代码 " + c.institution_code;
  return d;
}

}  // namespace

std::string chinese_date(Date d) { return fmt::format("{}年{}月{}日", d.year, d.month, d.day); }

Result<pdf::OfficialDocument> case_document(const CaseRecord& c, std::string_view kind, const std::string& authority,
                                            const ViolationCatalogue& catalogue, int statement_working_days) {
  const bool decided = c.decided_on && c.decision && c.decision != DecisionOutcome::dropped;
  const std::string items = items_text(c, catalogue);
  // Each document announces the measure of its own step, not the one a later step put in force.
  const MeasureClass proposed = c.proposed_measure.value_or(c.measure);
  const MeasureClass imposed = c.decided_measure.value_or(c.measure);
  if (kind == "prior-notice") {
    // S23: 告知拟作出的处理决定及相关事实、理由和依据.
    if (!c.proposed_on) return not_yet(kind);
    auto d = base(c, authority, "处理决定事先告知书", *c.proposed_on);
    d.paragraphs = {"经核查，你机构存在下列情形：" + items + "。",
                    "依据" + std::string(kLaw) + article_text(proposed) + "，本机关拟对你机构作出如下处理：" +
                        measure_text(proposed) + "。",
                    c.statement_due ? "根据该办法第二十三条、第二十四条，你机构可在" + chinese_date(*c.statement_due) +
                                          "前向本机关提出陈述和申辩，逾期视为放弃。"
                                    : fmt::format("根据该办法第二十三条、第二十四条，你机构可在本告知书送达之日起{}个工作日内向本机关提出陈述和申辩，逾期视为放弃。",
                                                  statement_working_days)};
    d.sections = {{"事实", c.facts}, {"理由", c.reasons}, {"依据", c.basis}};
    return d;
  }
  if (kind == "decision") {
    if (!decided) return not_yet(kind);
    auto d = base(c, authority, "处理决定书", *c.decided_on);
    const bool stated = std::ranges::any_of(c.statements, [](const auto& s) { return s.kind == "statement"; });
    d.paragraphs = {"本机关于" + (c.proposed_on ? chinese_date(*c.proposed_on) : std::string("前")) +
                        "告知你机构拟作出的处理决定" + (stated ? "，你机构提出了陈述和申辩，本机关已予复核考虑。" : "，你机构在规定期限内未提出陈述和申辩。"),
                    "经查，你机构存在下列情形：" + items + "。依据" + std::string(kLaw) + article_text(imposed) +
                        "，决定：" + measure_text(imposed) + "。"};
    if (imposed == MeasureClass::notice && c.rectification_due)
      d.paragraphs.push_back("请你机构于" + chinese_date(*c.rectification_due) + "前完成整改并书面报告，整改经核验合格前暂停评价活动。");
    if (c.interview_on)
      d.paragraphs.push_back("约谈时间：" + chinese_date(*c.interview_on) +
                             (c.interview_place.empty() ? "" : "；约谈地点：" + c.interview_place) + "。");
    if (!c.certificates.empty()) {
      std::string list;
      for (const auto& no : c.certificates) list += (list.empty() ? "" : "、") + no;
      d.paragraphs.push_back("宣布下列证书无效：" + list + "。请你机构对有关事实作出说明。");
    }
    if (!c.candidates.empty()) {
      // S18: 宣布有关参评人员评价成绩无效, each by name and the plan it was evaluated in.
      std::string list;
      for (const auto& x : c.candidates)
        list += (list.empty() ? "" : "、") + x.name + "（评价计划" + std::to_string(x.plan_id) + "）";
      d.paragraphs.push_back("宣布下列参评人员评价成绩无效：" + list + "。请你机构对有关事实作出说明。");
    }
    if (c.review_due)
      d.paragraphs.push_back("你机构如对本决定有异议，可在" + chinese_date(*c.review_due) + "前向本机关申请复核。");
    d.sections = {{"事实", c.facts}, {"理由", c.decision_reasons}};
    return d;
  }
  if (kind == "interview-notice") {
    // S19: 对其主要负责人进行约谈，听取其陈述事实或承诺，提醒其规范操作.
    if (!decided || c.measure != MeasureClass::interview || !c.interview_on) return not_yet(kind);
    auto d = base(c, authority, "约谈通知书", *c.decided_on);
    d.paragraphs = {"经查，你机构存在下列情形：" + items + "。",
                    "依据" + std::string(kLaw) + "第十九条，本机关定于" + chinese_date(*c.interview_on) +
                        (c.interview_place.empty() ? "" : "在" + c.interview_place) +
                        "对你机构主要负责人进行约谈，听取陈述事实或承诺。请准时参加。"};
    return d;
  }
  if (kind == "rectification-notice") {
    // S20: 出具书面通知、暂停评价活动并限期整改.
    if (!decided || c.measure != MeasureClass::notice || !c.rectification_due) return not_yet(kind);
    auto d = base(c, authority, "整改通知书", *c.decided_on);
    d.paragraphs = {"经查，你机构存在下列情形：" + items + "。",
                    "依据" + std::string(kLaw) + "第二十条，自本通知送达之日起暂停你机构评价活动，请于" +
                        chinese_date(*c.rectification_due) + "前完成整改并书面报告本机关。整改经核验合格后恢复评价活动。",
                    "逾期未完成整改的，本机关将依据该办法第二十条第（六）项、第二十一条第（一）项依法处理。"};
    return d;
  }
  if (kind == "review-decision") {
    if (!c.review_outcome || !c.reviewed_on) return not_yet(kind);
    auto d = base(c, authority, "复核决定书", *c.reviewed_on);
    const char* outcome = *c.review_outcome == ReviewOutcome::upheld    ? "维持原处理决定"
                          : *c.review_outcome == ReviewOutcome::changed ? "变更原处理决定"
                                                                        : "撤销原处理决定";
    d.paragraphs = {"你机构对本机关" + (c.decided_on ? chinese_date(*c.decided_on) : std::string()) + "作出的处理决定（" +
                        c.case_no + "）申请复核。",
                    "依据" + std::string(kLaw) + "第二十四条，本机关经复核，决定：" + outcome + "。" +
                        (*c.review_outcome == ReviewOutcome::changed ? "变更后的处理为：" + measure_text(c.measure) + "。" : "")};
    d.sections = {{"复核理由", c.review_reasons}};
    return d;
  }
  return not_found("document");
}

}  // namespace skillreg
