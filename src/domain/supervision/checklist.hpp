#pragma once
// The inspection checklist 检查清单 over the five areas of S9: what an inspector looks at, one
// finding per item. Codes "S9(n)-k" name the area's item of the regulation and the item number.
#include <string>
#include <string_view>
#include <vector>

namespace skillreg {

struct ChecklistItem {
  std::string code;  // "S9(3)-2"
  int area = 0;      // 1..5, the item of S9
  std::string zh, en;
};

const std::vector<ChecklistItem>& s9_checklist();
const ChecklistItem* checklist_item(std::string_view code);

enum class Finding { compliant, deficient, not_applicable };
std::string_view to_string(Finding f);
bool parse_finding(std::string_view s, Finding& out);

}  // namespace skillreg
