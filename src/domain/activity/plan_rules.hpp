#pragma once
// Rules of an evaluation plan (评价计划) that need no database: its sessions, when it may be
// published (S19(1)), and how a candidate's parts make a result.
#include <map>
#include <vector>

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "domain/activity/activity_policy.hpp"
#include "domain/activity/records.hpp"

namespace skillreg {

// Sessions are well formed: each ends after it starts and lasts at most the policy's hours, is
// one of the plan's parts, has a room; every part has a session; two sessions in the same room do
// not overlap. Problems name the field, e.g. {"sessions[2].room", "overlaps:sessions[0]"}.
Status check_sessions(const std::vector<PlanSession>& sessions, const std::vector<Part>& parts,
                      const ActivityPolicy& policy);

// Half-open intervals [start, end) overlap.
inline bool overlaps(Instant a_start, Instant a_end, Instant b_start, Instant b_end) {
  return a_start < b_end && b_start < a_end;
}

// S19(1): publication at `now` must come at least `days` calendar days (China Standard Time)
// before the first session's day. Conflict (409) naming S19(1) with the latest allowed date.
Status check_publication_lead(Instant now, Instant first_session_at, int days);

// A candidate passes when every part of the plan has a score at or above the pass line; the
// result is pending while a part has no score.
ExamResult result_of(const std::vector<Part>& parts, const std::map<Part, double>& scores, double pass_line);

// A score is a number from 0 to 100 with at most one decimal place.
bool valid_score(double score);

// S14(1) 评价结果真实性: a score is the result of an exam that took place, so a part is scored
// only once one of its sessions has begun (a computer-based theory exam scores as it ends).
bool part_has_begun(const Plan& plan, Part part, Instant now);

// The plan's exam has begun: one of its sessions has started by `now`.
bool exam_has_begun(const Plan& plan, Instant now);

// S19(2) 资格审核: candidates are registered and admitted before the exam. Once it has begun, no
// one is registered or admitted to it (a refusal may still come). Conflict (409) naming S19(2).
Status check_admission_open(const Plan& plan, Instant now);

// S19(1) 未按公开的评价计划执行: once a published plan's exam has begun, what was announced and
// held is the record the execution is compared with, so a change may no longer rewrite it. The
// sessions that have begun stay as they are (not moved, changed or removed), the plan's terms
// (occupation, level, parts, site, head count, question source, paperless, fee) stay, and a session
// added or moved starts after `now`. A draft, or a plan none of whose sessions has begun, may change
// freely (the publication lead is checked apart). Validation failure naming S19(1), e.g.
// {"sessions[0]", "held_session_fixed"}, {"sessions", "held_session_removed:12"},
// {"level", "fixed_once_the_exam_began"}, {"sessions[2].starts_at", "in_the_past"}.
Status check_change_after_exam_began(const Plan& before, const Plan& after, Instant now);

// S19(9) 成绩核定公示: results published on `published_on` stand in public for `working_days`
// working days, the day of publication not counted (民法典 第二百零一条: 开始的当日不计入). The
// returned day is the first after the last of them, from which certificates may be issued; the
// plan stores it as results_publicity_ends. Without a publicity (0 days), the day of publication.
Date certificates_issuable_from(Date published_on, int working_days, const Calendar& calendar);

}  // namespace skillreg
