#include "domain/enforcement/due_process.hpp"

#include <array>

namespace skillreg {

namespace {

constexpr std::array kStatuses{CaseStatus::draft,   CaseStatus::proposed,         CaseStatus::served,
                               CaseStatus::decided, CaseStatus::review_requested, CaseStatus::reviewed,
                               CaseStatus::closed,  CaseStatus::dropped};

}  // namespace

std::string_view to_string(CaseStatus s) {
  switch (s) {
    case CaseStatus::draft: return "draft";
    case CaseStatus::proposed: return "proposed";
    case CaseStatus::served: return "served";
    case CaseStatus::decided: return "decided";
    case CaseStatus::review_requested: return "review_requested";
    case CaseStatus::reviewed: return "reviewed";
    case CaseStatus::closed: return "closed";
    case CaseStatus::dropped: return "dropped";
  }
  return "draft";
}

std::optional<CaseStatus> parse_case_status(std::string_view s) {
  for (auto v : kStatuses)
    if (to_string(v) == s) return v;
  return std::nullopt;
}

std::string_view to_string(CaseStep s) {
  switch (s) {
    case CaseStep::propose: return "propose";
    case CaseStep::serve: return "serve";
    case CaseStep::state: return "state";
    case CaseStep::decide: return "decide";
    case CaseStep::request_review: return "request_review";
    case CaseStep::decide_review: return "decide_review";
    case CaseStep::close: return "close";
    case CaseStep::drop: return "drop";
  }
  return "propose";
}

std::optional<CaseStatus> next_case_status(CaseStatus from, CaseStep step) {
  using S = CaseStatus;
  switch (step) {
    case CaseStep::propose: return from == S::draft ? std::optional(S::proposed) : std::nullopt;
    case CaseStep::serve: return from == S::proposed ? std::optional(S::served) : std::nullopt;
    case CaseStep::state: return from == S::served ? std::optional(S::served) : std::nullopt;
    case CaseStep::decide: return from == S::served ? std::optional(S::decided) : std::nullopt;
    case CaseStep::request_review: return from == S::decided ? std::optional(S::review_requested) : std::nullopt;
    case CaseStep::decide_review: return from == S::review_requested ? std::optional(S::reviewed) : std::nullopt;
    case CaseStep::close:
      return from == S::decided || from == S::reviewed ? std::optional(S::closed) : std::nullopt;
    case CaseStep::drop: return from == S::draft || from == S::proposed ? std::optional(S::dropped) : std::nullopt;
  }
  return std::nullopt;
}

std::string_view to_string(DecisionOutcome o) {
  switch (o) {
    case DecisionOutcome::upheld: return "upheld";
    case DecisionOutcome::changed: return "changed";
    case DecisionOutcome::dropped: return "dropped";
  }
  return "upheld";
}

std::string_view to_string(ReviewOutcome o) {
  switch (o) {
    case ReviewOutcome::upheld: return "upheld";
    case ReviewOutcome::changed: return "changed";
    case ReviewOutcome::overturned: return "overturned";
  }
  return "upheld";
}

std::optional<DecisionOutcome> parse_decision_outcome(std::string_view s) {
  for (auto o : {DecisionOutcome::upheld, DecisionOutcome::changed, DecisionOutcome::dropped})
    if (to_string(o) == s) return o;
  return std::nullopt;
}

std::optional<ReviewOutcome> parse_review_outcome(std::string_view s) {
  for (auto o : {ReviewOutcome::upheld, ReviewOutcome::changed, ReviewOutcome::overturned})
    if (to_string(o) == s) return o;
  return std::nullopt;
}

Date statement_due(Date served_on, const Calendar& calendar, const DueProcessPolicy& policy) {
  return calendar.add_working_days(served_on, policy.statement_working_days);
}

Date review_due(Date decided_on, const Calendar& calendar, const DueProcessPolicy& policy) {
  return calendar.add_working_days(decided_on, policy.review_working_days);
}

bool may_decide(Date today, Date statement_due, bool statement_made) {
  return statement_made || statement_due < today;
}

bool may_change_measure(CaseStep step, MeasureClass from, MeasureClass to) {
  if (step == CaseStep::decide) return !(from < to);  // S23
  if (step == CaseStep::decide_review) return to < from;  // S24
  return false;
}

}  // namespace skillreg
