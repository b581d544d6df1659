// Who may read and manage which accounts: a table of actors, targets and outcomes (S5).
#include <gtest/gtest.h>

#include "domain/accounts/user_policy.hpp"

namespace skillreg {
namespace {

RegionTree zhejiang_sample() {
  return RegionTree({{"330000", "浙江省", RegionLevel::province, ""},
                     {"330100", "杭州市", RegionLevel::city, "330000"},
                     {"330106", "西湖区", RegionLevel::county, "330100"},
                     {"330105", "拱墅区", RegionLevel::county, "330100"},
                     {"330200", "宁波市", RegionLevel::city, "330000"},
                     {"330212", "鄞州区", RegionLevel::county, "330200"}});
}

Actor actor(Role r, const char* region, std::optional<std::int64_t> inst = std::nullopt) {
  return Actor{1, "a", r, region, inst};
}
AccountScope target(Role r, const char* region, std::optional<std::int64_t> inst = std::nullopt,
                    const char* institution_authority = "") {
  return AccountScope{2, r, region, inst, institution_authority};
}

struct Row {
  const char* name;
  Actor who;
  AccountScope whom;
  bool read;
  bool manage;
};

TEST(UserPolicy, S5_AuthoritiesActWithinTheirRegionOnRolesBelowThemAndOnTheInstitutionsTheySupervise) {
  const auto regions = zhejiang_sample();
  const Row rows[] = {
      {"province manages a city officer", actor(Role::province_admin, "330000"), target(Role::city_officer, "330200"), true, true},
      {"province manages another province admin", actor(Role::province_admin, "330000"), target(Role::province_admin, "330000"), true, true},
      {"city manages its county officer", actor(Role::city_officer, "330100"), target(Role::county_officer, "330106"), true, true},
      {"city cannot manage a peer city officer", actor(Role::city_officer, "330100"), target(Role::city_officer, "330100"), true, false},
      {"city cannot see another city's county", actor(Role::city_officer, "330100"), target(Role::county_officer, "330212"), false, false},
      {"county sees its institution admin", actor(Role::county_officer, "330106"), target(Role::institution_admin, "330106", 5, "330106"), true, true},
      {"county manages an applicant's account", actor(Role::county_officer, "330106"), target(Role::institution_admin, "330106"), true, true},
      {"county sees but does not manage the admin of an institution its city supervises", actor(Role::county_officer, "330106"), target(Role::institution_admin, "330106", 5, "330100"), true, false},
      {"city manages the admin of an institution it supervises in a county", actor(Role::city_officer, "330100"), target(Role::institution_admin, "330106", 5, "330100"), true, true},
      {"city does not manage staff of an institution another city supervises", actor(Role::city_officer, "330100"), target(Role::institution_staff, "330106", 5, "330212"), true, false},
      {"province manages every institution's accounts", actor(Role::province_admin, "330000"), target(Role::institution_staff, "330106", 5, "330212"), true, true},
      {"county cannot see the neighbouring county", actor(Role::county_officer, "330106"), target(Role::examiner, "330105"), false, false},
      {"county cannot see its city's officer", actor(Role::county_officer, "330106"), target(Role::city_officer, "330100"), false, false},
      {"institution admin manages its own staff", actor(Role::institution_admin, "330106", 5), target(Role::institution_staff, "330106", 5), true, true},
      {"institution admin cannot touch another institution", actor(Role::institution_admin, "330106", 5), target(Role::institution_staff, "330106", 6), false, false},
      {"institution admin cannot manage a peer admin", actor(Role::institution_admin, "330106", 5), target(Role::institution_admin, "330106", 5), true, false},
      {"examiner sees nobody else", actor(Role::examiner, "330100"), target(Role::examiner, "330100"), false, false},
      {"inspector manages nobody", actor(Role::inspector, "330100"), target(Role::examiner, "330100"), false, false},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(can_read_account(r.who, r.whom, regions), r.read) << r.name;
    EXPECT_EQ(can_manage_account(r.who, r.whom, regions), r.manage) << r.name;
  }
}

TEST(UserPolicy, EveryoneReadsButNobodyManagesTheirOwnAccount) {
  const auto regions = zhejiang_sample();
  Actor self = actor(Role::province_admin, "330000");
  AccountScope me{self.user_id, self.role, self.region_code, std::nullopt, {}};
  EXPECT_TRUE(can_read_account(self, me, regions));
  EXPECT_FALSE(can_manage_account(self, me, regions));
}

TEST(UserPolicy, AccountsSitAtTheLevelTheirRoleBelongsTo) {
  const auto regions = zhejiang_sample();
  EXPECT_TRUE(check_account_placement(Role::county_officer, "330106", regions));
  EXPECT_FALSE(check_account_placement(Role::county_officer, "330100", regions));
  EXPECT_FALSE(check_account_placement(Role::city_officer, "330106", regions));
  EXPECT_FALSE(check_account_placement(Role::province_admin, "330100", regions));
  EXPECT_FALSE(check_account_placement(Role::examiner, "990000", regions));
  EXPECT_TRUE(check_account_placement(Role::examiner, "330106", regions));
}

TEST(RegionTree, ContainsFollowsParentsAndSubtreeListsDescendants) {
  const auto regions = zhejiang_sample();
  EXPECT_TRUE(regions.contains("330000", "330212"));
  EXPECT_TRUE(regions.contains("330100", "330106"));
  EXPECT_TRUE(regions.contains("330106", "330106"));
  EXPECT_FALSE(regions.contains("330106", "330100"));
  EXPECT_FALSE(regions.contains("330100", "330212"));
  EXPECT_FALSE(regions.contains("330000", "110000"));
  EXPECT_EQ(regions.subtree("330100"), (std::vector<std::string>{"330100", "330106", "330105"}));
}

}  // namespace
}  // namespace skillreg
