// The facts of a plan from its records (S14(1)) and the key-sampling draw (S14(2)): each test
// builds a small snapshot by hand and checks one fact the scorer relies on.
#include <gtest/gtest.h>

#include "domain/monitoring/activity_snapshot.hpp"
#include "domain/monitoring/sampling.hpp"

namespace skillreg {
namespace {

constexpr Instant kDay = 86400;
// 2026-03-02 09:00 +08:00 (a Monday).
const Instant kMonday9 = start_of_local_day(Date{2026, 3, 2}) + 9 * 3600;

// Plan `id` of institution 1 with a theory session [start, start + 2 h) in room "101".
void add_plan(ActivitySnapshot& s, std::int64_t id, Instant start, std::int64_t institution = 1) {
  SnapshotPlan p;
  p.id = id;
  p.institution_id = institution;
  p.subject_code = "4-01-02-01";
  p.level = 4;
  p.parts = {Part::theory};
  p.published_at = start - 10 * kDay;
  p.planned_count = 2;
  s.plans.push_back(p);
  s.sessions.push_back({id * 10, id, Part::theory, start, start + 2 * 3600, "101"});
  s.targets.push_back(id);
}

ActivitySnapshot snapshot_after_exam() {
  ActivitySnapshot s;
  s.as_of = Date{2026, 3, 20};
  return s;
}

const PlanFacts& facts_of(const std::vector<PlanFacts>& all, std::int64_t plan) {
  for (const auto& f : all)
    if (f.plan_id == plan) return f;
  throw std::logic_error("no facts");
}

TEST(MonitoringFacts, S19_1_PublicationLeadAndMovedSessionsComeFromThePublishedPlan) {
  auto s = snapshot_after_exam();
  add_plan(s, 1, kMonday9);
  s.plans[0].published_at = kMonday9 - 3 * kDay;
  s.plans[0].published_starts = {{10, kMonday9 - kDay}};  // published for the day before
  const auto f = build_plan_facts(s, {}).front();
  EXPECT_EQ(f.publication_lead_days, 3);
  ASSERT_EQ(f.sessions.size(), 1u);
  EXPECT_TRUE(f.sessions[0].moved);
  EXPECT_TRUE(f.sessions[0].held);
  EXPECT_EQ(f.sessions[0].duration_minutes, 120);
  EXPECT_EQ(f.days_since_exam, 18);
}

TEST(MonitoringFacts, S19_2_AnIdentityAdmittedToAnOverlappingPlanIsADuplicate) {
  auto s = snapshot_after_exam();
  add_plan(s, 1, kMonday9);
  add_plan(s, 2, kMonday9 + 3600);  // overlaps plan 1
  add_plan(s, 3, kMonday9 + kDay);  // the next day: no overlap
  const auto same = identity_hash("330106198501010015");
  s.candidates = {{11, 1, same, true, true, ExamResult::passed},
                  {21, 2, same, true, true, ExamResult::passed},
                  {31, 3, identity_hash("330106198501020011"), true, false, ExamResult::failed},
                  {32, 3, same, false, true, ExamResult::pending}};  // refused: never counts
  const auto all = build_plan_facts(s, {});
  EXPECT_EQ(facts_of(all, 1).duplicate_identity, std::vector<std::int64_t>{11});
  EXPECT_EQ(facts_of(all, 2).duplicate_identity, std::vector<std::int64_t>{21});
  EXPECT_TRUE(facts_of(all, 3).duplicate_identity.empty());
  EXPECT_EQ(facts_of(all, 3).ineligible_admitted, std::vector<std::int64_t>{31});
  EXPECT_EQ(facts_of(all, 3).admitted_count, 1);
  EXPECT_EQ(facts_of(all, 3).result_count, 1);
}

TEST(MonitoringFacts, S18_4_OnlyTheLaterUseOfAPaperByAnotherPlanIsAReuse) {
  auto s = snapshot_after_exam();
  add_plan(s, 1, kMonday9);
  add_plan(s, 2, kMonday9 + 2 * kDay);
  s.papers = {{10, "ZJTK-1", kMonday9 - 3600}, {20, "ZJTK-1", kMonday9 + 2 * kDay - 7200}};
  const auto all = build_plan_facts(s, {});
  EXPECT_TRUE(facts_of(all, 1).reused_paper_sessions.empty());
  EXPECT_EQ(facts_of(all, 2).reused_paper_sessions, std::vector<std::int64_t>{20});
  EXPECT_DOUBLE_EQ(*facts_of(all, 2).sessions[0].paper_lead_hours, 2.0);
}

TEST(MonitoringFacts, S19_8_DoubleBookingAvoidanceQualificationAndRotation) {
  auto s = snapshot_after_exam();
  add_plan(s, 1, kMonday9);
  add_plan(s, 2, kMonday9 + 1800, 2);  // another institution, overlapping
  add_plan(s, 3, kMonday9 + 7 * kDay);  // institution 1 again, a week later
  Person qualified;
  qualified.id = 7;
  qualified.qualifications = {{"4-01-02-01", 3, Date{2030, 1, 1}}};
  Person own = qualified;
  own.id = 8;
  own.employer_id = 1;  // employed by institution 1: avoidance 回避
  Person unqualified;
  unqualified.id = 9;
  unqualified.qualifications = {{"4-01-02-01", 5, Date{2030, 1, 1}}};  // level 5 only
  s.people = {qualified, own, unqualified};
  s.assignments = {{101, 10, 7, PersonKind::examiner, ""},
                   {102, 10, 8, PersonKind::examiner, ""},
                   {103, 10, 9, PersonKind::examiner, ""},
                   {201, 20, 7, PersonKind::examiner, ""},  // person 7 twice at once
                   {301, 30, 7, PersonKind::examiner, ""}};
  const auto all = build_plan_facts(s, {});
  const auto& f = facts_of(all, 1);
  EXPECT_EQ(f.double_booked_assignments, std::vector<std::int64_t>{101});
  EXPECT_EQ(f.own_employer_assignments, std::vector<std::int64_t>{102});
  EXPECT_EQ(f.unqualified_assignments, std::vector<std::int64_t>{103});
  EXPECT_EQ(f.sessions[0].examiners, 3);
  for (const auto& load : f.examiner_loads)
    if (load.person_id == 7) {
      EXPECT_EQ(load.plans_in_year, 2) << "plans 1 and 3 of institution 1; plan 2 is elsewhere";
    }
  EXPECT_TRUE(facts_of(all, 3).double_booked_assignments.empty());
}

TEST(MonitoringFacts, S19_11_VideoOfTheSessionsOwnRoomAndArchiveOnceHeld) {
  auto s = snapshot_after_exam();
  add_plan(s, 1, kMonday9);
  s.videos = {{10, "101", kMonday9, kMonday9 + 3600}, {10, "102", kMonday9, kMonday9 + 7200}};
  s.documents = {{1, "sign_in_sheet"}};
  FactsSettings settings;
  settings.archive_required = {"sign_in_sheet", "score_sheet"};
  const auto f = build_plan_facts(s, settings).front();
  EXPECT_DOUBLE_EQ(f.sessions[0].video_coverage, 0.5) << "another room's recording does not count";
  EXPECT_EQ(f.archive_required, settings.archive_required);
  EXPECT_EQ(f.archive_present, std::vector<std::string>{"sign_in_sheet"});

  // Before the exam nothing is required yet and the sessions are not held.
  s.as_of = Date{2026, 3, 1};
  const auto before = build_plan_facts(s, settings).front();
  EXPECT_TRUE(before.archive_required.empty());
  EXPECT_FALSE(before.sessions[0].held);
  EXPECT_FALSE(before.days_since_exam.has_value());
}

TEST(MonitoringFacts, S19_10_CertificatesCountDaysToTheReportOrToToday) {
  auto s = snapshot_after_exam();
  add_plan(s, 1, kMonday9);
  s.certificates = {{1, "A", Date{2026, 3, 5}, Date{2026, 3, 9}}, {1, "B", Date{2026, 3, 5}, std::nullopt}};
  const auto f = build_plan_facts(s, {}).front();
  ASSERT_EQ(f.certificates.size(), 2u);
  EXPECT_EQ(f.certificates[0].days, 4);
  EXPECT_TRUE(f.certificates[0].reported);
  EXPECT_EQ(f.certificates[1].days, 15);
  EXPECT_FALSE(f.certificates[1].reported);
}

TEST(MonitoringFacts, S18_2_S14_1_AScoreRecordedBeforeAnySessionOfItsPartBeganIsFlagged) {
  auto s = snapshot_after_exam();
  add_plan(s, 1, kMonday9);
  s.plans[0].parts = {Part::theory, Part::practical};
  s.sessions.push_back({11, 1, Part::practical, kMonday9 + kDay, kMonday9 + kDay + 3 * 3600, "102"});
  s.sessions.push_back({12, 1, Part::practical, kMonday9 + 2 * kDay, kMonday9 + 2 * kDay + 3 * 3600, "102"});
  s.candidates = {{101, 1, identity_hash("330106198501010015"), true, true, ExamResult::passed},
                  {102, 1, identity_hash("330106198501020011"), true, true, ExamResult::passed},
                  {103, 1, identity_hash("330106198501030017"), true, true, ExamResult::passed},
                  {104, 1, identity_hash("330106198501040013"), false, true, ExamResult::pending}};
  s.scores = {
      {101, Part::theory, 70, kMonday9},                    // as the theory session begins: fine
      {101, Part::practical, 70, kMonday9 + kDay + 60},     // after the first practical session began
      {102, Part::theory, 70, kMonday9 + 3 * 3600},
      {102, Part::practical, 70, kMonday9 + 3 * 3600},      // the practical part had not begun
      {103, Part::theory, 70, kMonday9 - 1},                // a second before the exam
      {104, Part::theory, 70, kMonday9 - kDay},             // refused later, still recorded early
  };
  const auto f = build_plan_facts(s, {}).front();
  EXPECT_EQ(f.scored_before_exam, (std::vector<std::int64_t>{102, 103, 104}));
}

TEST(MonitoringFacts, S18_2_S14_1_AScoreOfAPartThePlanHasNoSessionForIsFlagged) {
  auto s = snapshot_after_exam();
  add_plan(s, 1, kMonday9);
  s.candidates = {{101, 1, identity_hash("330106198501010015"), true, true, ExamResult::passed}};
  s.scores = {{101, Part::theory, 70, kMonday9 + 3600}, {101, Part::practical, 70, kMonday9 + 3600}};
  EXPECT_EQ(build_plan_facts(s, {}).front().scored_before_exam, std::vector<std::int64_t>{101});
}

TEST(MonitoringFacts, S18_3_TheBaselineIsTheOtherFinishedPlansOfTheSameSubjectAndLevel) {
  auto s = snapshot_after_exam();
  add_plan(s, 1, kMonday9);
  s.baseline = {{1, "4-01-02-01", 4, 10, 9}, {2, "4-01-02-01", 4, 10, 7}, {3, "4-01-02-01", 3, 10, 1},
                {4, "6-01-01-01", 4, 10, 2}};
  const auto f = build_plan_facts(s, {}).front();
  EXPECT_EQ(f.baseline_pass_rates, std::vector<double>{0.7});
}

TEST(MonitoringSampling, S14_2_CriticalPlansAlwaysEnterAndAShareOfLowFinishedOnesIsDrawnOnce) {
  MonitoringPolicy policy;
  policy.sampling_share = 0.5;
  std::vector<SamplingCandidate> plans;
  for (int i = 1; i <= 2000; ++i) plans.push_back({i, 50, false, true});
  plans.push_back({5000, 95, true, false});   // critical, unfinished: enters
  plans.push_back({5001, 95, false, true});   // above the threshold: never drawn
  plans.push_back({5002, 40, false, false});  // unfinished: not yet considered
  const auto draw = draw_sampling(plans, {}, {}, policy, 42);
  int random = 0;
  bool critical = false;
  for (const auto& e : draw.enqueue) {
    if (e.reason == "random") ++random;
    if (e.plan_id == 5000) critical = e.reason == "critical";
    EXPECT_NE(e.plan_id, 5001);
    EXPECT_NE(e.plan_id, 5002);
  }
  EXPECT_TRUE(critical);
  EXPECT_EQ(draw.considered.size(), 2000u);
  EXPECT_NEAR(random / 2000.0, 0.5, 0.05);
  // The same seed draws the same plans; plans already queued or considered are left alone.
  EXPECT_EQ(draw_sampling(plans, {}, {}, policy, 42).enqueue.size(), draw.enqueue.size());
  std::set<std::int64_t> considered;
  for (const auto& [id, drawn] : draw.considered) considered.insert(id);
  const auto again = draw_sampling(plans, {5000}, considered, policy, 43);
  EXPECT_TRUE(again.enqueue.empty());
  EXPECT_TRUE(again.considered.empty());
}

}  // namespace
}  // namespace skillreg
