#include "domain/accounts/role.hpp"

#include <array>
#include <utility>

namespace skillreg {

namespace {
constexpr std::array<std::pair<Role, std::string_view>, 9> kNames{{
    {Role::province_admin, "province_admin"},
    {Role::eval_center, "eval_center"},
    {Role::city_officer, "city_officer"},
    {Role::county_officer, "county_officer"},
    {Role::qualification_dept, "qualification_dept"},
    {Role::inspector, "inspector"},
    {Role::institution_admin, "institution_admin"},
    {Role::institution_staff, "institution_staff"},
    {Role::examiner, "examiner"},
}};
}  // namespace

std::string_view to_string(Role r) {
  for (const auto& [role, name] : kNames)
    if (role == r) return name;
  return "unknown";
}

std::optional<Role> parse_role(std::string_view s) {
  for (const auto& [role, name] : kNames)
    if (name == s) return role;
  return std::nullopt;
}

const std::vector<Role>& all_roles() {
  static const std::vector<Role> roles = [] {
    std::vector<Role> v;
    for (const auto& [role, name] : kNames) v.push_back(role);
    return v;
  }();
  return roles;
}

bool is_authority(Role r) {
  return r == Role::province_admin || r == Role::eval_center || r == Role::city_officer ||
         r == Role::county_officer;
}

bool is_institution_role(Role r) {
  return r == Role::institution_admin || r == Role::institution_staff;
}

}  // namespace skillreg
