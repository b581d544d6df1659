#pragma once
// Inspections 监督检查 (S10, S13, S15, S16): their kinds, modes and outcomes, and the rules a
// completed inspection must satisfy.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "domain/supervision/checklist.hpp"

namespace skillreg {

// S13, S14, S15: 日常督查, 专项督查, 年度考核, 定期评估, and the follow-up of key sampling 重点抽查.
enum class InspectionKind { daily, special, annual_assessment, periodic_evaluation, sampling_followup };
// S10(2)–(4), S16: 明察, 暗访, 个别询问, 查阅资料, 调取影像, 自评抽审, 交互评估.
enum class InspectionMode {
  onsite_overt,
  onsite_covert,
  interview,
  document_review,
  video_review,
  self_evaluation_review,
  cross_evaluation
};
enum class InspectionStatus { planned, in_progress, completed, cancelled };
enum class InspectionOutcome { pass, issues_found, fail };

std::string_view to_string(InspectionKind k);
std::string_view to_string(InspectionMode m);
std::string_view to_string(InspectionStatus s);
std::string_view to_string(InspectionOutcome o);
std::optional<InspectionKind> parse_inspection_kind(std::string_view s);
std::optional<InspectionMode> parse_inspection_mode(std::string_view s);
std::optional<InspectionStatus> parse_inspection_status(std::string_view s);
std::optional<InspectionOutcome> parse_inspection_outcome(std::string_view s);

// S10(2) 暗访: a covert visit is hidden from the institution until it is completed.
bool visible_to_institution(InspectionMode mode, InspectionStatus status);

// S16: a self-evaluation belongs to an annual assessment or a periodic evaluation.
bool takes_self_evaluation(InspectionKind kind);

struct ItemFinding {
  std::string code;
  std::optional<Finding> finding;
  std::string note;
};

struct RectificationInput {
  std::string requirement;
  std::string due_on;
};

// What completing an inspection needs (S10, S11): a finding on every checklist item, and on a
// deficient one a note of what was found; `pass` with
// no deficient item; `issues_found` or `fail` with at least one deficient item; `issues_found`
// with at least one rectification requirement, each with a due date after `today`; a report.
// 422 naming every failing field.
Status check_completion(const std::vector<ItemFinding>& items, InspectionOutcome outcome,
                        const std::string& report, const std::vector<RectificationInput>& rectifications,
                        Date today);

}  // namespace skillreg
