#pragma once
// The official documents of a case 执法文书 (S19, S20, S23, S24), composed from the case record:
//   interview-notice     约谈通知书          an interview decided (S19)
//   rectification-notice 整改通知书          a written notice decided: suspension and deadline (S20)
//   prior-notice         处理决定事先告知书  the proposal with facts, reasons and basis (S23), and the
//                                            measure as proposed
//   decision             处理决定书          the decision (S18–S21, S24), and the measure as decided
//   review-decision      复核决定书          the review's decision (S24), and a changed measure
// A document once issued says the same whatever a later step changes: the prior notice and the
// decision are composed from the measure of their own step, not the one in force.
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/pdf_document.hpp"
#include "domain/enforcement/records.hpp"

namespace skillreg {

inline constexpr std::string_view kCaseDocumentKinds[] = {"interview-notice", "rectification-notice", "prior-notice",
                                                          "decision", "review-decision"};

// The document of `kind` for the case, issued by `authority_name`. 404 for an unknown kind; 409
// when the case has not reached the step the document records. A prior notice not yet served
// gives the statement window (S24) as `statement_working_days` from service.
Result<pdf::OfficialDocument> case_document(const CaseRecord& c, std::string_view kind, const std::string& authority_name,
                                            const ViolationCatalogue& catalogue, int statement_working_days = 5);

// 2026年11月29日
std::string chinese_date(Date d);

}  // namespace skillreg
