#pragma once
// Roles (API.md "Authentication") and what each is: authority, institution or individual.
// REQUIREMENTS.md section 1 (M5, S5, S6) lists who sees and does what.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillreg {

enum class Role {
  province_admin,      // 省人力资源和社会保障厅
  eval_center,         // 省技能人才评价管理服务中心 (M5)
  city_officer,        // 市人社局
  county_officer,      // 县(市、区)人社局
  qualification_dept,  // 职业资格实施部门 (M9(1), S5)
  inspector,           // 检查人员 / 外部质量督导员 (S6, S10)
  institution_admin,   // 评价机构管理员
  institution_staff,   // 评价机构工作人员
  examiner,            // 考评人员 (M16)
};

std::string_view to_string(Role r);
std::optional<Role> parse_role(std::string_view s);
const std::vector<Role>& all_roles();

// Roles of the HR authorities, who supervise by region (S5).
bool is_authority(Role r);
// Roles bound to one evaluation institution.
bool is_institution_role(Role r);

}  // namespace skillreg
