#include "domain/enforcement/escalation.hpp"

#include <algorithm>

namespace skillreg {

namespace {

bool has(const std::vector<std::string>& v, const std::string& s) { return std::ranges::find(v, s) != v.end(); }

void add(std::vector<std::string>& v, const std::string& s) {
  if (!has(v, s)) v.push_back(s);
}

}  // namespace

Result<ProposedMeasure> propose_measure(const CaseFacts& facts, const ViolationCatalogue& catalogue) {
  if (facts.items.empty()) return invalid({{"items", "required"}});
  std::vector<FieldProblem> problems;
  ProposedMeasure out;
  bool any_s19 = false, any_s20 = false;
  std::optional<MeasureClass> gravest;
  for (std::size_t i = 0; i < facts.items.size(); ++i) {
    const auto* v = catalogue.find(facts.items[i]);
    if (!v) {
      problems.push_back({"items[" + std::to_string(i) + "]", "not_in_the_catalogue"});
      continue;
    }
    add(out.items, v->code);
    any_s19 |= v->measure == MeasureClass::interview;
    any_s20 |= v->measure == MeasureClass::notice;
    out.voids_results |= v->measure == MeasureClass::void_results;
    if (!gravest || v->measure > *gravest) gravest = v->measure;
  }
  if (!problems.empty()) return invalid(problems);
  out.measure = *gravest;
  // S20(1): 第十九条所列情况，情节严重的，或约谈后又发生的.
  if (any_s19 && (facts.serious || facts.prior_interviews > 0) && out.measure < MeasureClass::notice) {
    add(out.items, "S20(1)");
    out.reasons.push_back("S20(1)");
    out.measure = MeasureClass::notice;
    any_s20 = true;
  }
  // S21(1): 已被出具书面通知后再次违反第二十条规定的.
  if (any_s20 && facts.prior_notices > 0 && out.measure < MeasureClass::cancellation) {
    add(out.items, "S21(1)");
    out.reasons.push_back("S21(1)");
    out.measure = MeasureClass::cancellation;
  }
  return out;
}

std::vector<std::string> due_items(const DueFacts& f, Date today) {
  std::vector<std::string> out;
  const bool idle_one_year = f.approved_on.add_years(1) <= today &&
                             (!f.last_evaluation || f.last_evaluation->add_years(1) <= today);
  const bool idle_two_years = f.approved_on.add_years(2) <= today &&
                              (!f.last_evaluation || f.last_evaluation->add_years(2) <= today);
  // S21(7): 2年未开展评价、有效期满未及时申请延续或定期评估不合格的.
  if (idle_two_years || f.expired_without_renewal || f.failed_periodic_evaluation) out.push_back("S21(7)");
  // S20(4): 一年内无正当理由不开展评价活动的 (the officer weighs the reason when deciding).
  else if (idle_one_year) out.push_back("S20(4)");
  // S21(6): 软硬件配备无法满足评价要求，且未按期完成整改的.
  if (f.overdue_hardware_rectification) out.push_back("S21(6)");
  // S20(6): 未按期完成监督检查中发现或反映的违规问题整改的.
  else if (f.overdue_rectification) out.push_back("S20(6)");
  // S20(3): 未按规定接受重点抽查、专项督查或年度考核不合格的.
  if (f.failed_annual_assessment || f.refused_inspection) out.push_back("S20(3)");
  return out;
}

}  // namespace skillreg
