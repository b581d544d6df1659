#pragma once
// Due process of an enforcement case 处理程序 (S23, S24):
//   draft → proposed   拟作出的处理决定 with facts, reasons and legal basis (S23)
//         → served     送达 in writing or by public announcement, the date recorded (S23)
//         → decided    after the statement and defence window 陈述申辩 (S24); upheld, changed to
//                      a lighter measure than notified (S23), or dropped; the measure takes effect now
//         → review_requested → reviewed   复核 on the institution's request (S24); a review may
//                      uphold, change to a lighter measure or overturn, and the effects follow
//         → closed
// A draft or proposed case may be dropped. No effect applies before the decision.
#include <optional>
#include <string>
#include <string_view>

#include "core/calendar.hpp"
#include "core/date.hpp"
#include "domain/enforcement/catalogue.hpp"

namespace skillreg {

enum class CaseStatus { draft, proposed, served, decided, review_requested, reviewed, closed, dropped };
std::string_view to_string(CaseStatus s);
std::optional<CaseStatus> parse_case_status(std::string_view s);

enum class CaseStep { propose, serve, state, decide, request_review, decide_review, close, drop };
std::string_view to_string(CaseStep s);

// The status after `step`, or nullopt when the step is not allowed from `from`.
std::optional<CaseStatus> next_case_status(CaseStatus from, CaseStep step);

enum class DecisionOutcome { upheld, changed, dropped };
enum class ReviewOutcome { upheld, changed, overturned };
std::string_view to_string(DecisionOutcome o);
std::string_view to_string(ReviewOutcome o);
std::optional<DecisionOutcome> parse_decision_outcome(std::string_view s);
std::optional<ReviewOutcome> parse_review_outcome(std::string_view s);

struct DueProcessPolicy {
  int statement_working_days = 5;       // S24 陈述申辩 window after service (policy default)
  int review_working_days = 15;         // window for a review request after the decision (policy)
  int rectification_working_days = 20;  // S20 限期整改 of a notice a review puts in place (policy)
};

// The last day of the statement window: `statement_working_days` working days after service.
Date statement_due(Date served_on, const Calendar& calendar, const DueProcessPolicy& policy);
// The last day a review may be requested.
Date review_due(Date decided_on, const Calendar& calendar, const DueProcessPolicy& policy);
// S24: a decision waits until the institution has made its statement or the window has passed.
bool may_decide(Date today, Date statement_due, bool statement_made);

// Whether `step` may impose `to` where the case stood at `from`, in the catalogue's order of
// measures (lightest first):
//   decide         S23: the measure the prior notice announced (拟作出的处理决定) or a lighter one;
//                  a heavier one is not what the institution was told and heard on;
//   decide_review  S24: a change on review only lightens the measure decided;
// no other step changes the measure.
bool may_change_measure(CaseStep step, MeasureClass from, MeasureClass to);

}  // namespace skillreg
