// Rules of a plan that need no database (domain/activity/plan_rules.hpp).
#include <gtest/gtest.h>

#include "domain/activity/plan_rules.hpp"

namespace skillreg {
namespace {

TEST(PlanRules, S14_1_APartIsScoredOnlyOnceOneOfItsSessionsHasBegun) {
  Plan plan;
  plan.parts = {Part::theory, Part::practical};
  plan.sessions = {{1, 1, Part::theory, 1000, 2000, "101"},
                   {2, 1, Part::practical, 3000, 4000, "102"},
                   {3, 1, Part::practical, 5000, 6000, "103"}};
  struct Row {
    Part part;
    Instant now;
    bool begun;
  };
  const Row rows[] = {
      {Part::theory, 999, false},      // before the theory session
      {Part::theory, 1000, true},      // as it begins (a computer-based exam scores as it runs)
      {Part::theory, 9000, true},      // long after
      {Part::practical, 2500, false},  // theory over, practical not begun
      {Part::practical, 3000, true},   // the first practical session counts
      {Part::review, 9000, false},     // a part with no session is never examined
  };
  for (const auto& r : rows)
    EXPECT_EQ(part_has_begun(plan, r.part, r.now), r.begun) << to_string(r.part) << " at " << r.now;
}

}  // namespace
}  // namespace skillreg
