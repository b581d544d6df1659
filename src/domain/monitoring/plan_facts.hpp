#pragma once
// What digital monitoring 数字化监测 (S14(1)) knows about one evaluation plan, as plain values.
// Each field is one aggregate of the reported records (a count, a flag, or the ids of the records
// that show a finding), so the data-extraction step fills it with one query each and the scorer
// (scoring.hpp) judges it against the policy. Record ids are kept so every deduction can name the
// records that caused it. Judging the numbers (thresholds, tolerances) is the scorer's job; the
// extractor only reports facts. "As of" is the extraction day: nothing here reads a clock.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/activity/records.hpp"

namespace skillreg {

// One session of the plan as held (or to be held).
struct SessionFacts {
  std::int64_t session_id = 0;
  Part part = Part::theory;
  int duration_minutes = 0;            // ends_at − starts_at
  bool held = false;                   // ended on or before the as-of day
  bool moved = false;                  // start differs from the one published with the plan
  double video_coverage = 0;           // 0..1 of the session's time, its own room (session_coverage)
  std::optional<double> paper_lead_hours;  // session start − paper generated; none = no paper
  int examiners = 0;                       // examiners assigned to the session
  std::vector<int> panel_sizes;            // practical: examiners per panel label
  int external_supervisors = 0;
};

// One candidate's part scores in the order of the plan's parts. Only candidates with a score in
// every part are listed.
struct ScoreVector {
  std::int64_t candidate_id = 0;
  std::vector<double> scores;
};

// An examiner's load at the plan's institution in the calendar year of the plan.
struct ExaminerLoad {
  std::int64_t person_id = 0;
  int plans_in_year = 0;
};

// A certificate of the plan and how long its reporting (S19(10)) took: days from issue to the
// report, or, while unreported, days from issue to the as-of day.
struct CertificateReport {
  std::string cert_no;
  int days = 0;
  bool reported = false;
};

struct PlanFacts {
  std::int64_t plan_id = 0;

  // plan validity (S19(1), S20(2))
  std::optional<int> publication_lead_days;   // first session day − publication day; none = unpublished
  std::optional<int> cancelled_days_before;   // cancelled this many days before the first session
  int planned_count = 0;                      // head count announced with the plan
  int admitted_count = 0;                     // candidates admitted by the qualification review
  bool out_of_scope = false;  // subject, level or site outside the institution's scope on the plan's day

  // qualification accuracy (S19(2))
  std::vector<std::int64_t> ineligible_admitted;  // admitted, yet no route met (Candidate::eligible)
  std::vector<std::int64_t> duplicate_identity;   // candidate ids sharing an identity with another
                                                  // candidate of this plan or of an overlapping session

  // question usage (S19(6), S19(7), S18(4))
  bool unified_bank = true;
  bool paperless = true;
  bool paperless_required = false;           // the occupation/level must be tested paperless
  std::vector<std::int64_t> reused_paper_sessions;  // sessions whose paper id another session used first

  // sessions: staffing, papers, durations, video
  std::vector<SessionFacts> sessions;

  // personnel (M16, S19(8), S16)
  std::vector<std::int64_t> unqualified_assignments;  // assignment ids, qualified_for() false
  std::vector<std::int64_t> double_booked_assignments;  // overlapping another booking of the person
  std::vector<std::int64_t> own_employer_assignments;   // avoidance 回避 broken
  int internal_supervisors = 0;  // distinct people assigned as internal supervisors to its sessions
  std::vector<ExaminerLoad> examiner_loads;              // every examiner of the plan
  bool external_supervisor_required = false;  // the authority requires one in every session

  // results (S18)
  double pass_line = 60;  // per part
  int result_count = 0;   // candidates with a final result (passed or failed)
  int pass_count = 0;
  std::vector<double> baseline_pass_rates;  // other finished plans, same subject and level, province
  std::vector<ScoreVector> score_vectors;
  // Candidates with a part score recorded before any session of that part began (S14(1), S18(2)):
  // the write paths refuse such a score, so only records written around them (imported, legacy)
  // can hold one.
  std::vector<std::int64_t> scored_before_exam;

  // traceability (S19(9)–(11))
  std::optional<int> days_since_exam;  // as-of day − last session day; none until every session is held
  std::optional<int> results_published_after_days;  // publication day − last session day; none = not yet
  std::vector<std::string> archive_required;        // document keys the archive must hold now
  std::vector<std::string> archive_present;
  std::vector<CertificateReport> certificates;
};

}  // namespace skillreg
