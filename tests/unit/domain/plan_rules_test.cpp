// Rules of a plan that need no database (domain/activity/plan_rules.hpp).
#include <gtest/gtest.h>

#include <functional>

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

// S19(1) 未按公开的评价计划执行: once a published plan's exam has begun, a change may not rewrite
// what was announced and held; sessions still to come may move, and new ones come after now.
TEST(PlanRules, S19_1_AChangeAfterTheExamBeganKeepsTheHeldSessionsAndThePlansTerms) {
  Plan before;
  before.status = PlanStatus::published;
  before.subject_code = "4-01-02-01";
  before.level = 4;
  before.parts = {Part::theory, Part::practical};
  before.exam_site_id = 7;
  before.planned_count = 30;
  before.fee = 300;
  before.sessions = {{1, 1, Part::theory, 1000, 2000, "101"}, {2, 1, Part::practical, 5000, 6000, "102"}};
  struct Row {
    const char* what;
    Instant now;
    std::function<void(Plan&)> change;
    std::vector<FieldProblem> problems;  // empty: allowed
  };
  const Row rows[] = {
      {"before the exam anything goes", 999, [](Plan& p) { p.level = 3, p.sessions[0].starts_at = 1500; }, {}},
      {"a session to come moves", 3000, [](Plan& p) { p.sessions[1].starts_at = 7000, p.sessions[1].ends_at = 8000; }, {}},
      {"a session to come changes room", 3000, [](Plan& p) { p.sessions[1].room = "103"; }, {}},
      {"a new session after now", 3000, [](Plan& p) { p.sessions.push_back({0, 1, Part::practical, 9000, 9500, "104"}); }, {}},
      {"the reason alone, nothing else", 9000, [](Plan&) {}, {}},
      {"a held session moved", 3000, [](Plan& p) { p.sessions[0].starts_at = 1100; }, {{"sessions[0]", "held_session_fixed"}}},
      {"a held session's room", 3000, [](Plan& p) { p.sessions[0].room = "109"; }, {{"sessions[0]", "held_session_fixed"}}},
      {"a held session removed", 3000, [](Plan& p) { p.sessions.erase(p.sessions.begin()); }, {{"sessions", "held_session_removed:1"}}},
      {"a session to come moved into the past", 3000, [](Plan& p) { p.sessions[1].starts_at = 2500; },
       {{"sessions[1].starts_at", "in_the_past"}}},
      {"a new session in the past", 3000, [](Plan& p) { p.sessions.push_back({0, 1, Part::practical, 2100, 2900, "104"}); },
       {{"sessions[2].starts_at", "in_the_past"}}},
      {"the level", 3000, [](Plan& p) { p.level = 3; }, {{"level", "fixed_once_the_exam_began"}}},
      {"the head count and the fee", 3000, [](Plan& p) { p.planned_count = 20, p.fee = 200; },
       {{"planned_count", "fixed_once_the_exam_began"}, {"fee", "fixed_once_the_exam_began"}}},
      {"a part dropped", 3000, [](Plan& p) { p.parts = {Part::theory}; }, {{"parts", "fixed_once_the_exam_began"}}},
  };
  for (const auto& r : rows) {
    Plan after = before;
    r.change(after);
    const auto ok = check_change_after_exam_began(before, after, r.now);
    if (r.problems.empty()) {
      EXPECT_TRUE(ok) << r.what;
      continue;
    }
    ASSERT_FALSE(ok) << r.what;
    EXPECT_EQ(ok.error().article, "S19(1)") << r.what;
    ASSERT_EQ(ok.error().details.size(), r.problems.size()) << r.what;
    for (std::size_t i = 0; i < r.problems.size(); ++i) {
      EXPECT_EQ(ok.error().details[i].field, r.problems[i].field) << r.what;
      EXPECT_EQ(ok.error().details[i].problem, r.problems[i].problem) << r.what;
    }
  }
  // A draft's sessions in the past were never held: it changes freely.
  Plan draft = before, moved = before;
  draft.status = moved.status = PlanStatus::draft;
  moved.level = 3;
  EXPECT_TRUE(check_change_after_exam_began(draft, moved, 9000));
}

// S19(2) 资格审核: registration and admission close when the first session begins.
TEST(PlanRules, S19_2_AdmissionClosesWhenTheExamBegins) {
  Plan plan;
  plan.sessions = {{1, 1, Part::practical, 3000, 4000, "102"}, {2, 1, Part::theory, 1000, 2000, "101"}};
  EXPECT_TRUE(check_admission_open(plan, 999));
  const auto closed = check_admission_open(plan, 1000);  // whichever session comes first
  ASSERT_FALSE(closed);
  EXPECT_EQ(closed.error().kind, ErrorKind::conflict);
  EXPECT_EQ(closed.error().article, "S19(2)");
  EXPECT_FALSE(exam_has_begun(Plan{}, 9000)) << "a plan without sessions has no exam";
}

// S19(9) 成绩核定公示: five working days after the day of publication, which does not count (民法典
// 第二百零一条); certificates from the day after the fifth. Issuing on the fifth day itself cut the
// publicity short by a day.
TEST(PlanRules, S19_9_CertificatesMayBeIssuedTheDayAfterTheFifthWorkingDayOfThePublicity) {
  const Calendar calendar = Calendar::from_entries({
      {*Date::parse("2026-10-01"), DayKind::holiday, "国庆节"}, {*Date::parse("2026-10-02"), DayKind::holiday, "国庆节"},
      {*Date::parse("2026-10-05"), DayKind::holiday, "国庆节"}, {*Date::parse("2026-10-06"), DayKind::holiday, "国庆节"},
      {*Date::parse("2026-10-07"), DayKind::holiday, "国庆节"}, {*Date::parse("2026-10-10"), DayKind::workday, "国庆节"},
  });
  struct Row {
    const char* published_on;
    const char* issuable_from;
    const char* why;
  };
  const Row rows[] = {
      {"2026-12-14", "2026-12-22", "Monday: Tuesday to the next Monday, then Tuesday"},
      {"2026-12-18", "2026-12-26", "Friday: the next week's five days, then Saturday"},
      {"2026-12-13", "2026-12-19", "published on a Sunday: Monday to Friday"},
      {"2026-09-30", "2026-10-14", "before the National Day holiday, its Saturday working day counted"},
  };
  for (const auto& r : rows)
    EXPECT_EQ(certificates_issuable_from(*Date::parse(r.published_on), 5, calendar).to_string(), r.issuable_from)
        << r.why;
  EXPECT_EQ(certificates_issuable_from(*Date::parse("2026-12-14"), 0, calendar).to_string(), "2026-12-14")
      << "a province that sets no publicity issues at once";
}

}  // namespace
}  // namespace skillreg
