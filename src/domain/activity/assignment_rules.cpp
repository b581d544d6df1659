#include "domain/activity/assignment_rules.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "domain/activity/plan_rules.hpp"

namespace skillreg {

namespace {

constexpr const char* kQualification = "M16";
constexpr const char* kArrangement = "S19(8)";

struct Problem {
  FieldProblem field;
  const char* article;
};

// M16: the qualification problem of the person for this plan and day, if any.
std::optional<std::string> qualification_problem(const Person& person, PersonKind role,
                                                 const Plan& plan, Date day) {
  const bool check_level = role == PersonKind::examiner;
  if (qualified_for(person, plan.subject_code, plan.level, day, check_level)) return std::nullopt;
  std::optional<Date> latest;
  std::optional<int> best;
  for (const auto& q : person.qualifications) {
    if (q.subject_code != plan.subject_code) continue;
    if (!latest || q.valid_until > *latest) latest = q.valid_until;
    if (!best || q.level < *best) best = q.level;
  }
  if (!latest) return "no_qualification_for:" + plan.subject_code;
  if (check_level && *best > plan.level) return "qualified_only_to_level:" + std::to_string(*best);
  return "qualification_expired:" + latest->to_string();
}

std::optional<std::string> avoidance_problem(const Person& person, PersonKind role,
                                             const Plan& plan) {
  const bool employed_here = person.employer_id && *person.employer_id == plan.institution_id;
  switch (role) {
    case PersonKind::examiner:
      if (employed_here) return "examiner_employed_by_the_institution";
      break;
    case PersonKind::external_supervisor:
      if (employed_here) return "external_supervisor_employed_by_the_institution";
      break;
    case PersonKind::internal_supervisor:
      if (!employed_here) return "internal_supervisor_of_another_institution";
      break;
  }
  return std::nullopt;
}

}  // namespace

bool qualified_for(const Person& person, const std::string& subject, int level, Date day,
                   bool check_level) {
  return std::ranges::any_of(person.qualifications, [&](const Qualification& q) {
    return q.subject_code == subject && q.valid_until >= day && (!check_level || q.level <= level);
  });
}

Status check_arrangement_open(const PlanSession& session, Instant now) {
  if (session.ends_at > now) return {};
  auto e = conflict("该场次已结束，人员安排不能再变更", "The session is over: its arrangement can no longer change");
  e.error().article = "S19(8)";
  e.error().details.push_back({"session_id", "session_over"});
  return e;
}

Status check_assignment(const Person& person, PersonKind role, const Plan& plan,
                        const PlanSession& session, const std::vector<Booking>& others) {
  if (person.kind != role)
    return invalid({{"role", "person_is:" + std::string(to_string(person.kind))}});
  std::vector<Problem> problems;
  // M16: only a person standing in the registry is assigned; a retired one keeps past sessions.
  if (person.status == PersonStatus::retired)
    problems.push_back({{"person_id", "person_retired"}, kQualification});
  if (auto q = qualification_problem(person, role, plan, local_date(session.starts_at)))
    problems.push_back({{"person_id", *q}, kQualification});
  // S19(8) 回避: nobody examines or supervises from outside at the institution that employs them.
  if (auto a = avoidance_problem(person, role, plan))
    problems.push_back({{"person_id", *a}, kArrangement});
  // S19(8): one person, one place at a time.
  for (const auto& b : others) {
    if (b.session_id == session.id) continue;
    if (overlaps(session.starts_at, session.ends_at, b.starts_at, b.ends_at))
      problems.push_back({{"session_id", "double_booked:plan:" + std::to_string(b.plan_id) +
                                             "/session:" + std::to_string(b.session_id)},
                          kArrangement});
  }
  if (problems.empty()) return {};
  std::vector<FieldProblem> details;
  for (const auto& p : problems) details.push_back(p.field);
  auto e = invalid(details);
  e.error().article = problems.front().article;
  e.error().message_zh = "人员安排不符合规定";
  e.error().message_en = "The person may not be assigned to this session";
  return e;
}

std::optional<RotationFlag> rotation_flag(std::int64_t person_id, int year, int plans_in_year,
                                          int limit) {
  if (plans_in_year <= limit) return std::nullopt;
  return RotationFlag{person_id, year, plans_in_year, limit};
}

Staffing assess_staffing(const Plan& plan, const std::vector<Assignment>& assignments,
                         int candidates, const ActivityPolicy& policy) {
  Staffing out;
  out.candidates = candidates;
  std::set<std::int64_t> internal;
  for (const auto& session : plan.sessions) {
    SessionStaffing s;
    s.session = session;
    std::map<std::string, int> panels;
    for (const auto& a : assignments) {
      if (a.session_id != session.id) continue;
      switch (a.role) {
        case PersonKind::examiner:
          s.examiners.push_back(a);
          ++panels[a.panel];
          break;
        case PersonKind::internal_supervisor:
          s.internal_supervisors.push_back(a);
          break;
        case PersonKind::external_supervisor:
          s.external_supervisors.push_back(a);
          break;
      }
    }
    for (const auto& a : s.internal_supervisors) internal.insert(a.person_id);
    const int examiners = int(s.examiners.size());
    if (examiners > 0) s.candidates_per_examiner = double(candidates) / examiners;
    s.required_examiners = 1;
    const auto sid = std::optional<std::int64_t>(session.id);
    if (session.part == Part::practical) {
      const int ratio = std::max(1, policy.candidates_per_examiner);
      s.required_examiners = std::max(1, (candidates + ratio - 1) / ratio);
      s.panels.assign(panels.begin(), panels.end());
      if (examiners >= 1 && examiners < s.required_examiners)
        out.unmet.push_back({sid,
                             "examiner_ratio",
                             kArrangement,
                             std::to_string(candidates) + " candidates need " +
                                 std::to_string(s.required_examiners) + " examiners, " +
                                 std::to_string(examiners) + " assigned",
                             {s.required_examiners, examiners, candidates, ""}});
      if (panels.empty()) panels[""] = 0;
      for (const auto& [label, n] : panels)
        if (n < policy.min_practical_panel)
          out.unmet.push_back({sid,
                               "panel_size",
                               kArrangement,
                               "panel '" + label + "' has " + std::to_string(n) +
                                   " examiners, at least " +
                                   std::to_string(policy.min_practical_panel) + " required",
                               {policy.min_practical_panel, n, std::nullopt, label}});
    }
    if (examiners == 0)
      out.unmet.push_back({sid,
                           "examiner_required",
                           kArrangement,
                           "no examiner assigned",
                           {1, 0, std::nullopt, ""}});
    out.sessions.push_back(std::move(s));
  }
  if (int(internal.size()) < policy.min_internal_supervisors)
    out.unmet.push_back(
        {std::nullopt,
         "internal_supervisor",
         kArrangement,
         std::to_string(internal.size()) + " internal supervisors assigned, at least " +
             std::to_string(policy.min_internal_supervisors) + " required",
         {policy.min_internal_supervisors, int(internal.size()), std::nullopt, ""}});
  return out;
}

}  // namespace skillreg
