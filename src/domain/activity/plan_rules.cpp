#include "domain/activity/plan_rules.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace skillreg {

Status check_sessions(const std::vector<PlanSession>& sessions, const std::vector<Part>& parts,
                      const ActivityPolicy& policy) {
  std::vector<FieldProblem> problems;
  if (sessions.empty()) problems.push_back({"sessions", "required"});
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    const auto& s = sessions[i];
    const std::string field = "sessions[" + std::to_string(i) + "]";
    if (s.ends_at <= s.starts_at) problems.push_back({field + ".ends_at", "not_after_starts_at"});
    else if (s.ends_at - s.starts_at > Instant(policy.max_session_hours) * 3600)
      problems.push_back({field + ".ends_at", "longer_than_" + std::to_string(policy.max_session_hours) + "_hours"});
    if (std::ranges::find(parts, s.part) == parts.end()) problems.push_back({field + ".part", "not_a_part_of_the_plan"});
    if (s.room.empty()) problems.push_back({field + ".room", "required"});
    else if (s.room.size() > 100) problems.push_back({field + ".room", "too_long"});
    for (std::size_t j = 0; j < i; ++j) {
      const auto& o = sessions[j];
      if (o.room == s.room && overlaps(s.starts_at, s.ends_at, o.starts_at, o.ends_at))
        problems.push_back({field + ".room", "overlaps:sessions[" + std::to_string(j) + "]"});
    }
  }
  for (Part p : parts)
    if (!sessions.empty() && std::ranges::none_of(sessions, [p](const PlanSession& s) { return s.part == p; }))
      problems.push_back({"sessions", "no_session_for:" + std::string(to_string(p))});
  if (!problems.empty()) return invalid(problems);
  return {};
}

Status check_publication_lead(Instant now, Instant first_session_at, int days) {
  // S19(1) 未按规定提前公布评价计划: whole days between the two local dates.
  const Date today = local_date(now), first = local_date(first_session_at);
  const Date latest = first.add_days(-days);
  if (today <= latest) return {};
  auto e = conflict("评价计划须在首场考试" + std::to_string(days) + "日前公布",
                    "A plan must be published at least " + std::to_string(days) + " days before its first session");
  e.error().article = "S19(1)";
  e.error().details.push_back({"latest_publication_date", latest.to_string()});
  return e;
}

ExamResult result_of(const std::vector<Part>& parts, const std::map<Part, double>& scores, double pass_line) {
  bool all_passed = true;
  for (Part p : parts) {
    const auto it = scores.find(p);
    if (it == scores.end()) return ExamResult::pending;
    all_passed &= it->second >= pass_line;
  }
  return all_passed ? ExamResult::passed : ExamResult::failed;
}

bool valid_score(double score) {
  if (!std::isfinite(score) || score < 0 || score > 100) return false;
  const double tenths = score * 10;
  return std::fabs(tenths - std::round(tenths)) < 1e-6;
}

// S14(1): scored only once a session of the part has begun.
bool part_has_begun(const Plan& plan, Part part, Instant now) {
  for (const auto& s : plan.sessions)
    if (s.part == part && s.starts_at <= now) return true;
  return false;
}

bool exam_has_begun(const Plan& plan, Instant now) {
  return std::ranges::any_of(plan.sessions, [&](const PlanSession& s) { return s.starts_at <= now; });
}

Status check_admission_open(const Plan& plan, Instant now) {
  if (!exam_has_begun(plan, now)) return {};
  auto e = conflict("考试已开始，不能再登记或审核通过考生", "The exam has begun: no one is registered or admitted any more");
  e.error().article = "S19(2)";
  e.error().details.push_back({"plan_id", "exam_begun"});
  return e;
}

Status check_change_after_exam_began(const Plan& before, const Plan& after, Instant now) {
  const auto begun = [&](const PlanSession& s) { return s.starts_at <= now; };
  if (before.status != PlanStatus::published || !exam_has_begun(before, now)) return {};
  std::vector<FieldProblem> problems;
  const auto fixed = [&](bool same, const char* field) {
    if (!same) problems.push_back({field, "fixed_once_the_exam_began"});
  };
  fixed(after.subject_code == before.subject_code, "subject_code");
  fixed(after.level == before.level, "level");
  fixed(after.parts == before.parts, "parts");
  fixed(after.exam_site_id == before.exam_site_id, "exam_site_id");
  fixed(after.planned_count == before.planned_count, "planned_count");
  fixed(after.question_source == before.question_source, "question_source");
  fixed(after.paperless == before.paperless, "paperless");
  fixed(after.fee == before.fee, "fee");
  for (const auto& held : before.sessions) {
    if (!begun(held)) continue;
    const auto kept = std::ranges::find(after.sessions, held.id, &PlanSession::id);
    if (kept == after.sessions.end()) {
      problems.push_back({"sessions", "held_session_removed:" + std::to_string(held.id)});
      continue;
    }
    if (kept->part != held.part || kept->starts_at != held.starts_at || kept->ends_at != held.ends_at ||
        kept->room != held.room)
      problems.push_back({"sessions[" + std::to_string(kept - after.sessions.begin()) + "]", "held_session_fixed"});
  }
  for (std::size_t i = 0; i < after.sessions.size(); ++i) {
    const auto& s = after.sessions[i];
    const auto was = std::ranges::find(before.sessions, s.id, &PlanSession::id);
    const bool was_held = s.id != 0 && was != before.sessions.end() && begun(*was);  // judged above
    if (!was_held && begun(s)) problems.push_back({"sessions[" + std::to_string(i) + "].starts_at", "in_the_past"});
  }
  if (problems.empty()) return {};
  auto e = invalid(problems);
  e.error().article = "S19(1)";
  e.error().message_zh = "考试已开始：已举行的场次和计划要素须与公布的计划一致";
  e.error().message_en = "The exam has begun: the sessions held and the plan's terms stay as published";
  return e;
}

Date certificates_issuable_from(Date published_on, int working_days, const Calendar& calendar) {
  if (working_days <= 0) return published_on;  // no publicity asked for
  return calendar.add_working_days(published_on, working_days).add_days(1);
}

}  // namespace skillreg
