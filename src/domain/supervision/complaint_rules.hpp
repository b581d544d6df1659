#pragma once
// Complaints and reports 投诉举报 (M28, S17): categories, the handling states and which step
// may follow which, and what a public submission must look like.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace skillreg {

enum class ComplaintStatus { received, accepted, not_accepted, investigating, replied };
std::string_view to_string(ComplaintStatus s);
std::optional<ComplaintStatus> parse_complaint_status(std::string_view s);

const std::vector<std::string>& complaint_categories();

// received → accepted | not_accepted; accepted → investigating | replied; investigating → replied.
bool complaint_may_become(ComplaintStatus from, ComplaintStatus to);

// S15 发生投诉举报…启动专项督查: a complaint is found substantiated (属实) on what the special
// inspection it opened found, so only once that inspection is completed. A reply that does not
// find it substantiated (an answer, a misunderstanding cleared up) needs no inspection.
// `inspection_completed` is whether the complaint's special inspection, if any, is completed.
bool may_be_found_substantiated(ComplaintStatus status, bool inspection_completed);

struct ComplaintInput {
  std::string institution_code, category, content, contact, activity_region_code;
};

// The shape rules of a public submission (422 naming every failing field): a category from the
// list; content 10–2000 characters without control characters other than line breaks and tabs;
// contact at most 100 characters on one line. Anonymous (empty contact) is allowed (S17).
Status check_complaint(const ComplaintInput& in);

}  // namespace skillreg
