#include "domain/supervision/complaint_rules.hpp"

#include <algorithm>

#include "core/utf8.hpp"

namespace skillreg {

std::string_view to_string(ComplaintStatus s) {
  switch (s) {
    case ComplaintStatus::received: return "received";
    case ComplaintStatus::accepted: return "accepted";
    case ComplaintStatus::not_accepted: return "not_accepted";
    case ComplaintStatus::investigating: return "investigating";
    case ComplaintStatus::replied: return "replied";
  }
  return "received";
}

std::optional<ComplaintStatus> parse_complaint_status(std::string_view s) {
  for (auto v : {ComplaintStatus::received, ComplaintStatus::accepted, ComplaintStatus::not_accepted,
                 ComplaintStatus::investigating, ComplaintStatus::replied})
    if (to_string(v) == s) return v;
  return std::nullopt;
}

const std::vector<std::string>& complaint_categories() {
  static const std::vector<std::string> c{"fees",         "qualification_review", "exam_conduct", "results",
                                          "certificates", "personnel",            "other"};
  return c;
}

bool complaint_may_become(ComplaintStatus from, ComplaintStatus to) {
  using S = ComplaintStatus;
  switch (from) {
    case S::received: return to == S::accepted || to == S::not_accepted;
    case S::accepted: return to == S::investigating || to == S::replied;
    case S::investigating: return to == S::replied;
    case S::not_accepted:
    case S::replied: return false;
  }
  return false;
}

Status check_complaint(const ComplaintInput& in) {
  std::vector<FieldProblem> problems;
  if (in.institution_code.empty()) problems.push_back({"institution_code", "required"});
  else if (in.institution_code.size() > 32) problems.push_back({"institution_code", "too_long"});
  if (std::ranges::find(complaint_categories(), in.category) == complaint_categories().end())
    problems.push_back({"category", "unknown_category"});
  const auto len = utf8_length(in.content);
  if (in.content.empty()) problems.push_back({"content", "required"});
  else if (len < 10) problems.push_back({"content", "too_short"});
  else if (len > 2000) problems.push_back({"content", "too_long"});
  if (std::ranges::any_of(in.content, [](char c) {
        return ((unsigned char)c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7F;
      }))
    problems.push_back({"content", "control_characters"});
  if (utf8_length(in.contact) > 100) problems.push_back({"contact", "too_long"});
  if (std::ranges::any_of(in.contact, [](char c) { return (unsigned char)c < 0x20 || c == 0x7F; }))
    problems.push_back({"contact", "control_characters"});
  if (!problems.empty()) return invalid(problems);
  return {};
}

bool may_be_found_substantiated(ComplaintStatus status, bool inspection_completed) {
  return status == ComplaintStatus::investigating && inspection_completed;
}

}  // namespace skillreg
