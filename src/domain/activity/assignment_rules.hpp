#pragma once
// Rules of personnel arrangement 人员安排 (M16, S19(8)) that need no database: whether a person
// may be assigned to a session, the staffing a plan still lacks, and rotation.
//
// An assignment is refused (422) when the person
//   - is registered as something else than the role asked for;
//   - holds no qualification for the plan's subject valid on the session's day, or (examiners)
//     only for a lower level than the plan's (M16 考评人员、内部质量督导人员应当取得相应的资格);
//   - would break avoidance 回避: an examiner or external supervisor employed by the plan's
//     institution, or an internal supervisor of another institution (S19(8));
//   - is booked for another session whose time overlaps (S19(8));
//   - is retired from the registry (M16).
// The ratio rules cannot be judged when assigning (candidates come later); they are answered by
// assess_staffing, and rotation is flagged, never refused.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/activity/activity_policy.hpp"
#include "domain/activity/personnel.hpp"
#include "domain/activity/records.hpp"

namespace skillreg {

// 422 naming every problem, the article of the first; ok when the assignment may be made.
// `others` are the person's other bookings (any plan); the session itself is ignored in them.
Status check_assignment(const Person& person, PersonKind role, const Plan& plan,
                        const PlanSession& session, const std::vector<Booking>& others);

// S19(8) 人员安排: who examines or supervises a session is arranged before it, and the record of
// who did is kept after it: an assignment to a session, or its removal, is refused once the session
// has ended (while it runs, a substitute may still be recorded). Conflict (409) naming S19(8).
Status check_arrangement_open(const PlanSession& session, Instant now);

// The person holds a qualification for `subject` valid on `day`, at `level` or higher
// (numerically smaller or equal) when `check_level`.
bool qualified_for(const Person& person, const std::string& subject, int level, Date day,
                   bool check_level);

// Rotation: an examiner at one institution in more than `limit` plans in a calendar year.
struct RotationFlag {
  std::int64_t person_id = 0;
  int year = 0, count = 0, limit = 0;
};
std::optional<RotationFlag> rotation_flag(std::int64_t person_id, int year, int plans_in_year,
                                          int limit);

// The numbers of an unmet rule, for clients that word it themselves (the console, in zh or en):
// how many are required and assigned, the admitted candidates (examiner_ratio) and the panel's
// label (panel_size; "" is the session's one panel).
struct UnmetNumbers {
  int required = 0, actual = 0;
  std::optional<int> candidates;
  std::string panel;
};

// A ratio rule the plan's staffing does not meet yet (S19(8)). session_id is empty for a rule
// of the whole plan. rule: examiner_required | examiner_ratio | panel_size | internal_supervisor.
// `detail` is the same in English words, for API clients.
struct UnmetRule {
  std::optional<std::int64_t> session_id;
  std::string rule, article, detail;
  UnmetNumbers numbers;
};

struct SessionStaffing {
  PlanSession session;
  std::vector<Assignment> examiners, internal_supervisors, external_supervisors;
  int required_examiners = 0;
  std::optional<double> candidates_per_examiner;    // none without examiners
  std::vector<std::pair<std::string, int>> panels;  // practical: examiners per panel label
};

struct Staffing {
  int candidates = 0;
  std::vector<SessionStaffing> sessions;
  std::vector<UnmetRule> unmet;
};

// Every session's staff and every unmet rule, for `candidates` admitted candidates:
// each session has an examiner; practical sessions have ⌈candidates / ratio⌉ examiners and every
// panel the policy's minimum; the plan has the policy's internal supervisors.
Staffing assess_staffing(const Plan& plan, const std::vector<Assignment>& assignments,
                         int candidates, const ActivityPolicy& policy);

}  // namespace skillreg
