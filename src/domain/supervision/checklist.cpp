#include "domain/supervision/checklist.hpp"

#include <algorithm>

namespace skillreg {

const std::vector<ChecklistItem>& s9_checklist() {
  static const std::vector<ChecklistItem> items{
      // S9(1): law, policy, occupational classification, standards and specifications.
      {"S9(1)-1", 1, "执行法律法规和人力资源社会保障部门政策文件", "Follows the laws and the HR authorities' policy documents"},
      {"S9(1)-2", 1, "依据职业分类、职业技能标准和评价规范开展评价", "Evaluates by the occupational classification, skill standards and specifications"},
      // S9(2): commitments, quality responsibility, scope.
      {"S9(2)-1", 2, "履行申报时对资质、人员、场所、设施和制度的承诺", "Keeps the commitments on qualification, staff, premises, facilities and rules made when applying"},
      {"S9(2)-2", 2, "落实《技能人才评价质量管理责任书》", "Carries out the skill evaluation quality responsibility letter"},
      {"S9(2)-3", 2, "在备案与遴选的职业(工种)、等级和地域范围内开展活动", "Evaluates only within its filed or selected occupations, levels and area"},
      // S9(3): conduct of evaluation.
      {"S9(3)-1", 3, "按操作指南规范开展资格审核", "Reviews candidates' qualifications as the operating guide requires"},
      {"S9(3)-2", 3, "考务组织规范", "Organises examinations properly"},
      {"S9(3)-3", 3, "试题保密", "Keeps examination papers confidential"},
      {"S9(3)-4", 3, "人员配备符合要求", "Staffs sessions as required"},
      {"S9(3)-5", 3, "依规处理投诉", "Handles complaints as required"},
      // S9(4): disclosure.
      {"S9(4)-1", 4, "公开评价计划、评价方式与时间地点", "Publishes plans, methods, times and places"},
      {"S9(4)-2", 4, "公开评价结果和证书查询途径", "Publishes results and how to check certificates"},
      {"S9(4)-3", 4, "公开收费标准和监督投诉渠道", "Publishes fees and how to complain"},
      // S9(5): quality control.
      {"S9(5)-1", 5, "维护评价所需软硬件设施", "Maintains the hardware and software evaluation needs"},
      {"S9(5)-2", 5, "题库开发与规范使用", "Develops and uses question banks properly"},
      {"S9(5)-3", 5, "派遣考评人员与内部质量督导员", "Sends examiners and internal quality supervisors"},
      {"S9(5)-4", 5, "评价过程可追溯、评价资料完备可查", "Keeps the process traceable and the records complete"},
  };
  return items;
}

const ChecklistItem* checklist_item(std::string_view code) {
  const auto& items = s9_checklist();
  auto it = std::ranges::find(items, code, &ChecklistItem::code);
  return it == items.end() ? nullptr : &*it;
}

std::string_view to_string(Finding f) {
  switch (f) {
    case Finding::compliant: return "compliant";
    case Finding::deficient: return "deficient";
    case Finding::not_applicable: return "not_applicable";
  }
  return "compliant";
}

bool parse_finding(std::string_view s, Finding& out) {
  for (auto f : {Finding::compliant, Finding::deficient, Finding::not_applicable})
    if (to_string(f) == s) {
      out = f;
      return true;
    }
  return false;
}

}  // namespace skillreg
