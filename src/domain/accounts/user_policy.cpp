#include "domain/accounts/user_policy.hpp"

#include <algorithm>
#include <map>

namespace skillreg {

namespace {

// Which roles each administrator may create and manage. Peers and superiors are never managed:
// an account is changed only by someone above it, so no one can raise their own rights.
const std::map<Role, std::vector<Role>>& manage_table() {
  static const std::map<Role, std::vector<Role>> t{
      {Role::province_admin,
       {Role::province_admin, Role::eval_center, Role::city_officer, Role::county_officer,
        Role::qualification_dept, Role::inspector, Role::institution_admin,
        Role::institution_staff, Role::examiner}},
      {Role::eval_center,
       {Role::inspector, Role::institution_admin, Role::institution_staff, Role::examiner}},
      {Role::city_officer,
       {Role::county_officer, Role::inspector, Role::institution_admin, Role::institution_staff,
        Role::examiner}},
      {Role::county_officer,
       {Role::inspector, Role::institution_admin, Role::institution_staff, Role::examiner}},
      {Role::institution_admin, {Role::institution_staff}},
  };
  return t;
}

}  // namespace

std::vector<Role> manageable_roles(Role role) {
  auto it = manage_table().find(role);
  return it == manage_table().end() ? std::vector<Role>{} : it->second;
}

bool may_manage_accounts(Role role) { return !manageable_roles(role).empty(); }

bool can_read_account(const Actor& actor, const AccountScope& target, const RegionTree& regions) {
  if (actor.user_id == target.user_id) return true;
  if (is_authority(actor.role)) return regions.contains(actor.region_code, target.region_code);
  if (actor.role == Role::institution_admin)
    return actor.institution_id && target.institution_id == actor.institution_id;
  return false;
}

bool can_manage_account(const Actor& actor, const AccountScope& target,
                        const RegionTree& regions) {
  if (actor.user_id == target.user_id) return false;  // nobody changes their own rights
  const auto roles = manageable_roles(actor.role);
  if (std::ranges::find(roles, target.role) == roles.end()) return false;
  if (actor.role == Role::institution_admin)
    return actor.institution_id && target.institution_id == actor.institution_id;
  // S5 谁备案(遴选)、谁监管: an institution's accounts are managed by the authority it is registered
  // with and those above it, not by every authority of the place it sits in (whoever can reset
  // the administrator's password acts as the institution).
  if (is_institution_role(target.role) && !target.institution_authority.empty())
    return regions.contains(actor.region_code, target.institution_authority);
  return regions.contains(actor.region_code, target.region_code);
}

Status check_account_placement(Role role, const std::string& region_code,
                               const RegionTree& regions) {
  const Region* r = regions.find(region_code);
  if (r == nullptr) return invalid({{"region_code", "unknown_region"}});
  const bool province_role = role == Role::province_admin || role == Role::eval_center ||
                             role == Role::qualification_dept;
  if (province_role && r->level != RegionLevel::province)
    return invalid({{"region_code", "must_be_province"}});
  if (role == Role::city_officer && r->level != RegionLevel::city)
    return invalid({{"region_code", "must_be_city"}});
  if (role == Role::county_officer && r->level != RegionLevel::county)
    return invalid({{"region_code", "must_be_county"}});
  return {};
}

}  // namespace skillreg
