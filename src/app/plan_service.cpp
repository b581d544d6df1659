#include "app/plan_service.hpp"

#include <algorithm>

#include "app/activity_access.hpp"
#include "app/audit_trail.hpp"
#include "domain/activity/plan_rules.hpp"
#include "store/registry_repo.hpp"

namespace skillreg {

namespace {

nlohmann::json plan_snapshot(const Plan& p) {
  nlohmann::json sessions = nlohmann::json::array();
  for (const auto& s : p.sessions)
    sessions.push_back({{"id", s.id}, {"part", to_string(s.part)}, {"starts_at", format_instant(s.starts_at)},
                        {"ends_at", format_instant(s.ends_at)}, {"room", s.room}});
  nlohmann::json parts = nlohmann::json::array();
  for (Part x : p.parts) parts.push_back(to_string(x));
  return {{"subject_code", p.subject_code}, {"level", p.level}, {"parts", parts},
          {"exam_site_id", p.exam_site_id}, {"planned_count", p.planned_count},
          {"question_source", to_string(p.question_source)}, {"paperless", p.paperless},
          {"fee", p.fee}, {"status", to_string(p.status)}, {"sessions", sessions},
          {"cancel_reason", p.cancel_reason}};
}

bool in_scope(const Institution& inst, const std::string& subject, int level) {
  for (const auto& item : inst.scope) {
    if (item.subject_code != subject) continue;
    if (item.levels.empty()) return level == 0;  // a special-ability specification
    return std::ranges::find(item.levels, level) != item.levels.end();
  }
  return false;
}

std::unexpected<Error> reason_problem(const std::string& reason) {
  return invalid({{"reason", reason.empty() ? "required" : "too_long"}});
}

}  // namespace

Result<Plan> PlanService::build(Tx& tx, const Institution& inst, const PlanInput& in, Plan p) {
  std::vector<FieldProblem> problems;
  p.subject_code = in.subject_code;
  p.level = in.level;
  p.parts.clear();
  if (in.parts.empty()) problems.push_back({"parts", "required"});
  for (std::size_t i = 0; i < in.parts.size(); ++i) {
    auto part = parse_part(in.parts[i]);
    if (!part) problems.push_back({"parts[" + std::to_string(i) + "]", "unknown_part"});
    else if (std::ranges::find(p.parts, *part) != p.parts.end()) problems.push_back({"parts[" + std::to_string(i) + "]", "duplicate"});
    else p.parts.push_back(*part);
  }
  if (in.level < 0 || in.level > 5) problems.push_back({"level", "must_be_0_to_5"});
  if (in.planned_count < 1 || in.planned_count > 100000) problems.push_back({"planned_count", "must_be_1_to_100000"});
  if (in.fee < 0 || in.fee > 100000) problems.push_back({"fee", "must_be_0_to_100000"});
  auto source = parse_question_source(in.question_source);
  if (!source) problems.push_back({"question_source", "unknown_source"});
  else p.question_source = *source;
  p.planned_count = in.planned_count;
  p.paperless = in.paperless;
  p.fee = in.fee;
  p.sessions.clear();
  for (std::size_t i = 0; i < in.sessions.size(); ++i) {
    const auto& s = in.sessions[i];
    const std::string field = "sessions[" + std::to_string(i) + "]";
    PlanSession out;
    out.id = s.id;
    out.plan_id = p.id;
    out.room = s.room;
    auto part = parse_part(s.part);
    auto starts = parse_instant(s.starts_at), ends = parse_instant(s.ends_at);
    if (!part) problems.push_back({field + ".part", "unknown_part"});
    if (!starts) problems.push_back({field + ".starts_at", "must_be_date_time"});
    if (!ends) problems.push_back({field + ".ends_at", "must_be_date_time"});
    if (!part || !starts || !ends) continue;
    out.part = *part;
    out.starts_at = *starts;
    out.ends_at = *ends;
    p.sessions.push_back(out);
  }
  if (problems.empty())
    if (auto ok = check_sessions(p.sessions, p.parts, policy_); !ok) return std::unexpected(ok.error());
  if (!problems.empty()) return invalid(problems);

  // S20(2) 超范围开展评价: the occupation and level must be in the granted scope, and the exam
  // site one of the institution's confirmed sites (M12).
  std::vector<FieldProblem> scope;
  if (!in_scope(inst, p.subject_code, p.level))
    scope.push_back({"subject_code", p.subject_code + "/" + std::to_string(p.level) + ":not_in_scope"});
  auto site = RegistryRepo(tx).exam_site(in.exam_site_id);
  if (!site || site->institution_id != inst.id) scope.push_back({"exam_site_id", "not_a_site_of_the_institution"});
  else if (site->status != ExamSiteStatus::confirmed) scope.push_back({"exam_site_id", "not_confirmed"});
  if (!scope.empty()) {
    auto e = invalid(scope);
    e.error().article = "S20(2)";
    e.error().message_zh = "超出机构评价范围或使用未经确认的考点";
    e.error().message_en = "Outside the institution's scope, or at an exam site not confirmed";
    return e;
  }
  p.exam_site_id = site->id;
  p.site_region_code = site->region_code;
  return p;
}

Result<Plan> PlanService::create(const Actor& actor, const PlanInput& input) {
  if (!is_institution_role(actor.role) || !actor.institution_id) return forbidden();
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<Plan> {
    auto inst = reporting_institution(tx, actor, *actor.institution_id);
    if (!inst) return std::unexpected(inst.error());
    Plan base;
    base.institution_id = inst->id;
    base.authority_code = inst->authority_code;
    base.created_by = actor.user_id;
    base.created_at = base.updated_at = now;
    auto p = build(tx, *inst, input, base);
    if (!p) return p;
    PlanRepo repo(tx);
    p->id = repo.insert(*p);
    *p = *repo.find(p->id);
    record_change(tx, actor, now, {"plan.create", "plan", std::to_string(p->id), p->authority_code, p->institution_id,
                                   nullptr, plan_snapshot(*p)});
    return p;
  });
}

Result<Plan> PlanService::change(const Actor& actor, std::int64_t id, const PlanInput& input,
                                 const std::string& reason) {
  if (reason.empty() || reason.size() > 4000) return reason_problem(reason);
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<Plan> {
    auto current = load_plan_for_report(tx, ctx_, actor, id);
    if (!current) return current;
    if (current->status == PlanStatus::cancelled)
      return std::unexpected(conflict("计划已取消", "The plan is cancelled").error());
    auto inst = reporting_institution(tx, actor, current->institution_id);
    if (!inst) return std::unexpected(inst.error());
    for (const auto& s : input.sessions)
      if (s.id != 0 && std::ranges::none_of(current->sessions, [&](const PlanSession& x) { return x.id == s.id; }))
        return invalid({{"sessions", "unknown_session_id:" + std::to_string(s.id)}});
    auto p = build(tx, *inst, input, *current);
    if (!p) return p;
    // S19(1): what was announced and held is not rewritten once the exam has begun.
    if (auto ok = check_change_after_exam_began(*current, *p, now); !ok) return std::unexpected(ok.error());
    // S19(1): a published plan may not be moved earlier than the publication lead allows.
    if (current->status == PlanStatus::published && p->first_session_at() < current->first_session_at())
      if (auto ok = check_publication_lead(now, *p->first_session_at(), policy_.publish_days_before); !ok)
        return std::unexpected(ok.error());
    p->updated_at = now;
    PlanRepo repo(tx);
    repo.update(*p);
    *p = *repo.find(id);
    const auto before = plan_snapshot(*current), after = plan_snapshot(*p);
    repo.insert_change(id, actor.user_id, reason, before.dump(), after.dump(), now);
    auto audited = after;
    audited["reason"] = reason;
    record_change(tx, actor, now, {"plan.change", "plan", std::to_string(id), p->authority_code, p->institution_id,
                                   before, audited});
    return p;
  });
}

Result<Plan> PlanService::publish(const Actor& actor, std::int64_t id) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<Plan> {
    auto p = load_plan_for_report(tx, ctx_, actor, id);
    if (!p) return p;
    if (p->status != PlanStatus::draft)
      return std::unexpected(conflict("只有草稿计划可以公布", "Only a draft plan can be published").error());
    if (auto inst = reporting_institution(tx, actor, p->institution_id); !inst) return std::unexpected(inst.error());
    // S19(1) 未按规定提前公布评价计划.
    if (auto ok = check_publication_lead(now, *p->first_session_at(), policy_.publish_days_before); !ok)
      return std::unexpected(ok.error());
    const Plan before = *p;
    p->status = PlanStatus::published;
    p->published_at = now;
    p->updated_at = now;
    PlanRepo(tx).update(*p);
    record_change(tx, actor, now, {"plan.publish", "plan", std::to_string(id), p->authority_code, p->institution_id,
                                   {{"status", "draft"}}, {{"status", "published"}, {"published_at", format_instant(now)}}});
    return p;
  });
}

Result<Plan> PlanService::cancel(const Actor& actor, std::int64_t id, const std::string& reason) {
  if (reason.empty() || reason.size() > 4000) return reason_problem(reason);
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<Plan> {
    auto p = load_plan_for_report(tx, ctx_, actor, id);
    if (!p) return p;
    if (p->status == PlanStatus::cancelled)
      return std::unexpected(conflict("计划已取消", "The plan is already cancelled").error());
    if (p->results_published_on)
      return std::unexpected(conflict("成绩已公示的计划不能取消", "A plan whose results are published cannot be cancelled").error());
    const Plan before = *p;
    p->status = PlanStatus::cancelled;
    p->cancel_reason = reason;
    p->updated_at = now;
    PlanRepo repo(tx);
    repo.update(*p);
    repo.insert_change(id, actor.user_id, reason, plan_snapshot(before).dump(), plan_snapshot(*p).dump(), now);
    record_change(tx, actor, now, {"plan.cancel", "plan", std::to_string(id), p->authority_code, p->institution_id,
                                   {{"status", to_string(before.status)}}, {{"status", "cancelled"}, {"reason", reason}}});
    return p;
  });
}

Result<Plan> PlanService::plan(const Actor& actor, std::int64_t id) {
  return ctx_.db.read([&](Tx& tx) { return load_plan_for_read(tx, ctx_, actor, id); });
}

Result<Page<Plan>> PlanService::plans(const Actor& actor, const PlanFilter& f) {
  PlanQuery q;
  q.page = f.page;
  q.subject_code = f.subject_code;
  q.level = f.level;
  if (f.status) {
    q.status = parse_plan_status(*f.status);
    if (!q.status) return bad_request({{"status", "unknown_status"}});
  }
  for (const auto* d : {&f.from, &f.to})
    if (!d->empty() && !Date::parse(*d)) return bad_request({{d == &f.from ? "from" : "to", "must_be_date"}});
  q.from = f.from;
  q.to = f.to;
  if (is_authority(actor.role)) {
    q.authorities = ctx_.regions.subtree(actor.region_code);
    q.site_regions = q.authorities;
    q.filter_institution_id = f.institution_id;  // narrows within scope, never widens it
  } else if (is_institution_role(actor.role) && actor.institution_id) {
    q.institution_id = actor.institution_id;
  } else {
    return forbidden();
  }
  return ctx_.db.read([&](Tx& tx) -> Result<Page<Plan>> { return PlanRepo(tx).list(q); });
}

Result<std::vector<PlanChange>> PlanService::changes(const Actor& actor, std::int64_t id) {
  return ctx_.db.read([&](Tx& tx) -> Result<std::vector<PlanChange>> {
    auto p = load_plan_for_read(tx, ctx_, actor, id);
    if (!p) return std::unexpected(p.error());
    return PlanRepo(tx).changes(id);
  });
}

}  // namespace skillreg
