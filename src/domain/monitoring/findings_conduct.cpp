// Detectors of how a plan was run: plan validity (S19(1), S20(2)), qualification accuracy
// (S19(2)), question usage (S19(6), S19(7), S18(4)) and personnel (M16, S19(8), S16).
#include <cmath>
#include <fmt/format.h>

#include "domain/monitoring/findings.hpp"

namespace skillreg::monitoring {

std::string number(double value) {
  std::string s = fmt::format("{:.2f}", value);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::string percent(double share) { return fmt::format("{:.0f}%", share * 100); }

std::vector<std::string> typed_ids(std::string_view type, const std::vector<std::int64_t>& ids) {
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (auto id : ids) out.push_back(fmt::format("{}:{}", type, id));
  return out;
}

std::string plural(int n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string s;
  for (const auto& part : parts) s += (s.empty() ? "" : std::string(sep)) + part;
  return s;
}

namespace {

std::string plan_record(const PlanFacts& f) { return fmt::format("plan:{}", f.plan_id); }

std::string session_record(const SessionFacts& s) { return fmt::format("session:{}", s.session_id); }

void held_sessions_without(const PlanFacts& f, std::string indicator, auto&& missing,
                           const Explanation& what, Findings& out) {
  std::vector<std::string> records;
  for (const auto& s : f.sessions)
    if (s.held && missing(s)) records.push_back(session_record(s));
  if (records.empty()) return;
  const int n = int(records.size());
  out.add(std::move(indicator), n, std::move(records),
          {fmt::format("{} without {}", plural(n, "held session", "held sessions"), what.en),
           fmt::format("{}个已举行的场次{}", n, what.zh)});
}

}  // namespace

void find_plan_validity(const PlanFacts& f, const MonitoringPolicy& p, Findings& out) {
  // S19(1) 未及时公开评价计划: one case per day short of the required lead.
  if (f.publication_lead_days && *f.publication_lead_days < p.publish_days_before) {
    const int lead = *f.publication_lead_days;
    const int short_by = p.publish_days_before - lead;
    out.add("late_publication", short_by, {plan_record(f)},
            {fmt::format("published {} before the first session; {} required ({} short)",
                         plural(lead, "day", "days"), p.publish_days_before, plural(short_by, "day", "days")),
             fmt::format("首场考试前{}天公布，应至少提前{}天（少{}天）", lead, p.publish_days_before, short_by)});
  }
  // S19(1) 未按公开的评价计划执行: a late cancellation leaves candidates without the exam.
  if (f.cancelled_days_before && *f.cancelled_days_before < p.cancel_notice_days)
    out.add("late_cancellation", 1, {plan_record(f)},
            {fmt::format("cancelled {} before the first session; {} days' notice required",
                         plural(*f.cancelled_days_before, "day", "days"), p.cancel_notice_days),
             fmt::format("首场考试前{}天取消，应至少提前{}天", *f.cancelled_days_before, p.cancel_notice_days)});
  std::vector<std::string> moved;
  for (const auto& s : f.sessions)
    if (s.moved) moved.push_back(session_record(s));
  if (!moved.empty()) {
    const int n = int(moved.size());
    out.add("sessions_moved", n, std::move(moved),
            {fmt::format("{} held at another time than published", plural(n, "session", "sessions")),
             fmt::format("{}个场次未按公布的时间举行", n)});
  }
  // S19(1): judged once every session is held, when admissions are final.
  if (f.days_since_exam && f.planned_count > 0) {
    const double deviation = double(f.admitted_count - f.planned_count) / f.planned_count;
    if (std::abs(deviation) > p.head_count_tolerance + 1e-9)
      out.add("head_count_off_plan", 1, {plan_record(f)},
              {fmt::format("admitted {} of {} planned ({}{}); tolerance ±{}", f.admitted_count,
                           f.planned_count, deviation > 0 ? "+" : "", percent(deviation),
                           percent(p.head_count_tolerance)),
               fmt::format("计划{}人，审核通过{}人（{}{}），容许偏差±{}", f.planned_count, f.admitted_count,
                           deviation > 0 ? "+" : "", percent(deviation), percent(p.head_count_tolerance))});
  }
  // S20(2) 超职业、超等级、超地域范围评价.
  if (f.out_of_scope)
    out.add("out_of_scope", 1, {plan_record(f)},
            {"subject, level or site outside the institution's scope", "职业（工种）、等级或考点超出机构的评价范围"});
}

void find_qualification_accuracy(const PlanFacts& f, const MonitoringPolicy&, Findings& out) {
  // S19(2) 参评人员资格不符; S18(1) makes their results void.
  if (!f.ineligible_admitted.empty()) {
    const int n = int(f.ineligible_admitted.size());
    out.add("ineligible_admitted", n, typed_ids("candidate", f.ineligible_admitted),
            {fmt::format("{} of {} admitted meet no route of the application conditions",
                         plural(n, "candidate", "candidates"), f.admitted_count),
             fmt::format("审核通过的{}名考生中有{}名不符合任何申报条件", f.admitted_count, n)});
  }
  if (!f.duplicate_identity.empty()) {
    const int n = int(f.duplicate_identity.size());
    out.add("duplicate_identity", n, typed_ids("candidate", f.duplicate_identity),
            {fmt::format("{} share an identity with another admission or sit overlapping sessions",
                         plural(n, "candidate", "candidates")),
             fmt::format("{}名考生与其他报名身份相同或考试时间重叠", n)});
  }
}

void find_question_usage(const PlanFacts& f, const MonitoringPolicy& p, Findings& out) {
  // S19(6) 未按要求使用统一试题资源或拒绝采用无纸化机考.
  if (!f.unified_bank)
    out.add("not_unified_bank", 1, {plan_record(f)},
            {"questions not drawn from the unified bank", "试题未从统一题库抽取"});
  if (f.paperless_required && !f.paperless)
    out.add("not_paperless", 1, {plan_record(f)},
            {"paper exam although paperless testing is required", "应采用无纸化机考而采用了纸笔考试"});
  held_sessions_without(f, "paper_missing", [](const SessionFacts& s) { return !s.paper_lead_hours; },
                        {"a generated paper", "无试卷生成记录"}, out);
  // S19(7) 保密: a paper generated long before the session is exposed for longer.
  std::vector<std::string> early;
  double longest = 0;
  for (const auto& s : f.sessions)
    if (s.paper_lead_hours && *s.paper_lead_hours > p.paper_window_hours) {
      early.push_back(session_record(s));
      longest = std::max(longest, *s.paper_lead_hours);
    }
  if (!early.empty()) {
    const int n = int(early.size());
    out.add("paper_outside_window", n, std::move(early),
            {fmt::format("{} generated more than {}h before the session (up to {}h)",
                         plural(n, "paper", "papers"), p.paper_window_hours, number(longest)),
             fmt::format("{}份试卷在开考前超过{}小时生成（最长{}小时）", n, p.paper_window_hours, number(longest))});
  }
  // S18(4) 试题发生泄露: a paper seen by another session's candidates is no longer secret.
  if (!f.reused_paper_sessions.empty()) {
    const int n = int(f.reused_paper_sessions.size());
    out.add("paper_reused", n, typed_ids("session", f.reused_paper_sessions),
            {fmt::format("{} used a paper already used by another session", plural(n, "session", "sessions")),
             fmt::format("{}个场次使用了其他场次已用过的试卷", n)});
  }
}

void find_personnel_compliance(const PlanFacts& f, const MonitoringPolicy& p, Findings& out) {
  // M16 考评人员应当取得相应的资格; S19(8) 未按规范要求安排考评人员与内部质量督导员.
  auto by_assignment = [&](std::string key, const std::vector<std::int64_t>& ids, const Explanation& what) {
    if (ids.empty()) return;
    const int n = int(ids.size());
    out.add(std::move(key), n, typed_ids("assignment", ids),
            {fmt::format("{} {}", plural(n, "assignment", "assignments"), what.en), fmt::format("{}项安排{}", n, what.zh)});
  };
  by_assignment("examiner_unqualified", f.unqualified_assignments,
                {"without a valid qualification for the subject and level", "的人员不具备该职业（工种）和等级的有效资格"});
  // S19(8): at least 1 examiner per candidates_per_examiner candidates and min_practical_panel per
  // panel in practical sessions.
  std::vector<std::string> ratio_records, panel_records, ratio_text, panel_text, ratio_zh, panel_zh;
  const int required = (f.admitted_count + p.candidates_per_examiner - 1) / p.candidates_per_examiner;
  for (const auto& s : f.sessions) {
    if (!s.held || s.part != Part::practical) continue;
    if (s.examiners < required) {
      ratio_records.push_back(session_record(s));
      ratio_text.push_back(fmt::format("session {}: {} for {} candidates, {} required (1 per {})",
                                       s.session_id, plural(s.examiners, "examiner", "examiners"),
                                       f.admitted_count, required, p.candidates_per_examiner));
      ratio_zh.push_back(fmt::format("场次{}：{}名考生仅{}名考评人员，应至少{}名（每{}名考生1名）", s.session_id,
                                     f.admitted_count, s.examiners, required, p.candidates_per_examiner));
    }
    for (int size : s.panel_sizes)
      if (size < p.min_practical_panel) {
        panel_records.push_back(session_record(s));
        panel_text.push_back(fmt::format("session {}: panel of {}, {} required", s.session_id,
                                         size, p.min_practical_panel));
        panel_zh.push_back(fmt::format("场次{}：考评组{}人，应至少{}人", s.session_id, size, p.min_practical_panel));
      }
  }
  if (!ratio_records.empty())
    out.add("examiner_ratio", int(ratio_records.size()), ratio_records, {join(ratio_text), join(ratio_zh, "；")});
  if (!panel_records.empty())
    out.add("panel_too_small", int(panel_records.size()), panel_records, {join(panel_text), join(panel_zh, "；")});
  by_assignment("double_booking", f.double_booked_assignments,
                {"overlapping another booking of the person", "与该人员的其他安排时间重叠"});
  by_assignment("avoidance", f.own_employer_assignments,
                {"of a person employed by the institution (回避)", "的人员受雇于本机构，未执行回避"});
  std::vector<std::string> rotation_records, rotation_text, rotation_zh;
  for (const auto& load : f.examiner_loads)
    if (load.plans_in_year > p.rotation_limit) {
      rotation_records.push_back(fmt::format("person:{}", load.person_id));
      rotation_text.push_back(fmt::format("examiner {}: {} plans at this institution this year, limit {}",
                                          load.person_id, load.plans_in_year, p.rotation_limit));
      rotation_zh.push_back(fmt::format("考评人员{}：本年度在本机构参与{}个计划，上限{}个", load.person_id,
                                        load.plans_in_year, p.rotation_limit));
    }
  if (!rotation_records.empty())
    out.add("rotation", int(rotation_records.size()), rotation_records, {join(rotation_text), join(rotation_zh, "；")});
  // S19(8) 未按规范要求安排…内部质量督导员: the plan's internal supervisors, counted as the
  // staffing check counts them (per plan), once a session has been held; one case per missing one.
  const bool any_held = std::ranges::any_of(f.sessions, &SessionFacts::held);
  if (any_held && f.internal_supervisors < p.min_internal_supervisors) {
    const int short_by = p.min_internal_supervisors - f.internal_supervisors;
    out.add("internal_supervisor_missing", short_by, {plan_record(f)},
            {fmt::format("{} assigned to the plan, at least {} required",
                         plural(f.internal_supervisors, "internal supervisor", "internal supervisors"),
                         p.min_internal_supervisors),
             fmt::format("本计划安排内部质量督导员{}名，应至少{}名", f.internal_supervisors, p.min_internal_supervisors)});
  }
  // S16 外部质量督导员: only where the authority requires one.
  if (f.external_supervisor_required)
    held_sessions_without(f, "external_supervisor_missing",
                          [](const SessionFacts& s) { return s.external_supervisors == 0; },
                          {"the required external supervisor", "无应派遣的外部质量督导员"}, out);
}

}  // namespace skillreg::monitoring
