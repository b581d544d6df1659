#include "domain/supervision/inspection_rules.hpp"

#include <algorithm>
#include <array>

#include "core/utf8.hpp"
#include "domain/supervision/records.hpp"

namespace skillreg {

namespace {

template <class E, std::size_t N>
std::optional<E> parse_in(const std::array<E, N>& all, std::string_view s) {
  for (auto e : all)
    if (to_string(e) == s) return e;
  return std::nullopt;
}

constexpr std::array kKinds{InspectionKind::daily, InspectionKind::special, InspectionKind::annual_assessment,
                            InspectionKind::periodic_evaluation, InspectionKind::sampling_followup};
constexpr std::array kModes{InspectionMode::onsite_overt,         InspectionMode::onsite_covert,
                            InspectionMode::interview,            InspectionMode::document_review,
                            InspectionMode::video_review,         InspectionMode::self_evaluation_review,
                            InspectionMode::cross_evaluation};
constexpr std::array kStatuses{InspectionStatus::planned, InspectionStatus::in_progress,
                               InspectionStatus::completed, InspectionStatus::cancelled};
constexpr std::array kOutcomes{InspectionOutcome::pass, InspectionOutcome::issues_found, InspectionOutcome::fail};

}  // namespace

std::string_view to_string(InspectionKind k) {
  switch (k) {
    case InspectionKind::daily: return "daily";
    case InspectionKind::special: return "special";
    case InspectionKind::annual_assessment: return "annual_assessment";
    case InspectionKind::periodic_evaluation: return "periodic_evaluation";
    case InspectionKind::sampling_followup: return "sampling_followup";
  }
  return "daily";
}

std::string_view to_string(InspectionMode m) {
  switch (m) {
    case InspectionMode::onsite_overt: return "onsite_overt";
    case InspectionMode::onsite_covert: return "onsite_covert";
    case InspectionMode::interview: return "interview";
    case InspectionMode::document_review: return "document_review";
    case InspectionMode::video_review: return "video_review";
    case InspectionMode::self_evaluation_review: return "self_evaluation_review";
    case InspectionMode::cross_evaluation: return "cross_evaluation";
  }
  return "onsite_overt";
}

std::string_view to_string(InspectionStatus s) {
  switch (s) {
    case InspectionStatus::planned: return "planned";
    case InspectionStatus::in_progress: return "in_progress";
    case InspectionStatus::completed: return "completed";
    case InspectionStatus::cancelled: return "cancelled";
  }
  return "planned";
}

std::string_view to_string(InspectionOutcome o) {
  switch (o) {
    case InspectionOutcome::pass: return "pass";
    case InspectionOutcome::issues_found: return "issues_found";
    case InspectionOutcome::fail: return "fail";
  }
  return "pass";
}

std::optional<InspectionKind> parse_inspection_kind(std::string_view s) { return parse_in(kKinds, s); }
std::optional<InspectionMode> parse_inspection_mode(std::string_view s) { return parse_in(kModes, s); }
std::optional<InspectionStatus> parse_inspection_status(std::string_view s) { return parse_in(kStatuses, s); }
std::optional<InspectionOutcome> parse_inspection_outcome(std::string_view s) { return parse_in(kOutcomes, s); }

bool visible_to_institution(InspectionMode mode, InspectionStatus status) {
  // S10(2) 暗访: the institution learns of a covert visit only from its completed report.
  return mode != InspectionMode::onsite_covert || status == InspectionStatus::completed;
}

std::string_view to_string(RectificationStatus s) {
  switch (s) {
    case RectificationStatus::open: return "open";
    case RectificationStatus::reported: return "reported";
    case RectificationStatus::verified: return "verified";
  }
  return "open";
}

RectificationStatus rectification_status(const Rectification& r) {
  if (r.verified_on) return RectificationStatus::verified;
  return r.reported_at ? RectificationStatus::reported : RectificationStatus::open;
}

bool may_report_rectification(const Rectification& r) {
  return rectification_status(r) != RectificationStatus::verified;
}

bool may_reject_rectification(const Rectification& r) {
  return rectification_status(r) == RectificationStatus::reported;
}

bool takes_self_evaluation(InspectionKind kind) {
  return kind == InspectionKind::annual_assessment || kind == InspectionKind::periodic_evaluation;
}

Status check_completion(const std::vector<ItemFinding>& items, InspectionOutcome outcome,
                        const std::string& report, const std::vector<RectificationInput>& rectifications,
                        Date today) {
  std::vector<FieldProblem> problems;
  bool deficient = false;
  for (const auto& item : items) {
    if (!item.finding) problems.push_back({"checklist." + item.code, "finding_required"});
    // S10(4), S11: a deficiency is recorded with what was found, which the report, the
    // rectification and any case rest on.
    else if (item.finding == Finding::deficient && item.note.find_first_not_of(" \t\r\n") == std::string::npos)
      problems.push_back({"checklist." + item.code, "note_required_when_deficient"});
    deficient |= item.finding == Finding::deficient;
  }
  if (outcome == InspectionOutcome::pass && deficient)
    problems.push_back({"outcome", "pass_with_deficient_items"});
  if (outcome != InspectionOutcome::pass && !deficient && problems.empty())
    problems.push_back({"outcome", "no_deficient_item"});
  if (outcome == InspectionOutcome::issues_found && rectifications.empty())
    problems.push_back({"rectifications", "required"});
  if (report.empty()) problems.push_back({"report", "required"});
  else if (utf8_length(report) > 20000) problems.push_back({"report", "too_long"});
  for (std::size_t i = 0; i < rectifications.size(); ++i) {
    const std::string f = "rectifications[" + std::to_string(i) + "]";
    const auto& r = rectifications[i];
    if (r.requirement.empty()) problems.push_back({f + ".requirement", "required"});
    else if (utf8_length(r.requirement) > 2000) problems.push_back({f + ".requirement", "too_long"});
    auto due = Date::parse(r.due_on);
    if (!due) problems.push_back({f + ".due_on", "must_be_date"});
    else if (!(today < *due)) problems.push_back({f + ".due_on", "must_be_after_today"});
  }
  if (!problems.empty()) return invalid(problems);
  return {};
}

}  // namespace skillreg
