// Rules of personnel arrangement that need no database (domain/activity/assignment_rules.hpp);
// the assignment checks themselves are the case table tests/cases/activity_assignments.case.
#include <gtest/gtest.h>

#include "domain/activity/assignment_rules.hpp"

namespace skillreg {
namespace {

// S19(8): a session's arrangement may change until the session ends, never after.
TEST(AssignmentRules, S19_8_ASessionsArrangementIsKeptOnceTheSessionIsOver) {
  const PlanSession session{1, 1, Part::practical, 1000, 2000, "102"};
  EXPECT_TRUE(check_arrangement_open(session, 999)) << "before it";
  EXPECT_TRUE(check_arrangement_open(session, 1500)) << "a substitute while it runs";
  const auto over = check_arrangement_open(session, 2000);
  ASSERT_FALSE(over) << "as it ends";
  EXPECT_EQ(over.error().kind, ErrorKind::conflict);
  EXPECT_EQ(over.error().article, "S19(8)");
  EXPECT_EQ(over.error().details.at(0).problem, "session_over");
}

}  // namespace
}  // namespace skillreg
