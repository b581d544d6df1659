#pragma once
// Who may see and manage which user accounts. Pure rules over the region tree.
//
// Reading: an authority reads the accounts in its region and below (S5); an institution
// administrator reads its own institution's accounts; everyone reads their own account.
// Managing (create, disable, enable, reset password): see kManageable in the .cpp — an
// administrator manages only roles below its own, inside its own region or institution.
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/accounts/actor.hpp"
#include "domain/reference/region_tree.hpp"

namespace skillreg {

// The scope-relevant facts of an account.
struct AccountScope {
  std::int64_t user_id = 0;
  Role role = Role::examiner;
  std::string region_code;
  std::optional<std::int64_t> institution_id;
  // For an institution's account: the authority the institution is registered with (S5).
  std::string institution_authority;
};

bool can_read_account(const Actor& actor, const AccountScope& target, const RegionTree& regions);
bool can_manage_account(const Actor& actor, const AccountScope& target, const RegionTree& regions);
// Whether the actor's role may manage accounts at all (403 otherwise).
bool may_manage_accounts(Role role);
// The roles this actor may create.
std::vector<Role> manageable_roles(Role role);

// The account's role must fit its region (a city officer sits in a city, a county officer in a
// county, province roles at the province) and institution roles name an institution or none.
Status check_account_placement(Role role, const std::string& region_code,
                               const RegionTree& regions);

}  // namespace skillreg
