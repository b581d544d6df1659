#include "app/inspection_service.hpp"

#include <algorithm>
#include <set>

#include "app/audit_trail.hpp"
#include "app/notification_service.hpp"
#include "core/crypto.hpp"
#include "core/utf8.hpp"
#include "domain/registry/evidence.hpp"
#include "store/plan_repo.hpp"
#include "store/registry_repo.hpp"
#include "store/supervision_repo.hpp"

namespace skillreg {

namespace {

nlohmann::json inspection_state(const Inspection& i) {
  return {{"status", to_string(i.status)},
          {"outcome", i.outcome ? nlohmann::json(to_string(*i.outcome)) : nlohmann::json(nullptr)}};
}

std::unexpected<Error> wrong_status(const char* zh, const char* en) { return conflict(zh, en); }

// S11 整改: the institution's report tells the inspection's authority; the officer's finding that
// it was not done tells the institution, with the deadline that still runs (S20(6)).
Notice rectification_notice(const Inspection& i, const Rectification& r, const char* kind, Instant now) {
  const bool reported = std::string_view(kind) == "rectification_reported";
  Notice n;
  n.kind = kind;
  n.object_type = "inspection";
  n.object_id = std::to_string(i.id);
  n.link = "/api/v1/inspections/" + n.object_id;
  n.title_zh = reported ? "机构已报告整改情况" : "整改验收未通过";
  n.title_en = reported ? "An institution reported on a rectification" : "A rectification was found not done";
  n.params = {{"rectification_id", r.id}, {"due_on", r.due_on.to_string()}};
  n.article = reported ? "S11" : "S20(6)";
  n.due_on = r.due_on;
  n.region_code = i.authority_code;
  n.institution_id = i.institution_id;
  n.audiences = {reported ? Audience::authority : Audience::institution};
  n.key = std::string(kind) + "|rectification|" + std::to_string(r.id) + "|" + std::to_string(now);
  return n;
}

}  // namespace

bool InspectionService::supervises(const Actor& actor, const std::string& authority_code) const {
  return is_authority(actor.role) && ctx_.regions.contains(actor.region_code, authority_code);
}

Result<Inspection> InspectionService::load_for_read(Tx& tx, const Actor& actor, std::int64_t id) const {
  InspectionRepo repo(tx);
  auto i = repo.find(id);
  if (!i) return not_found("inspection");
  if (supervises(actor, i->authority_code)) return *i;
  // S10: an inspector sees only what they are assigned to.
  if (actor.role == Role::inspector && repo.assigned(id, actor.user_id)) return *i;
  // S10(2) 暗访: hidden from the institution until completed.
  if (is_institution_role(actor.role) && actor.institution_id == i->institution_id &&
      visible_to_institution(i->mode, i->status))
    return *i;
  return not_found("inspection");
}

Result<Inspection> InspectionService::load_for_work(Tx& tx, const Actor& actor, std::int64_t id) const {
  auto i = load_for_read(tx, actor, id);
  if (!i) return i;
  if (is_institution_role(actor.role)) return forbidden();
  return i;
}

Result<Inspection> InspectionService::create_in(Tx& tx, const Actor& actor, const InspectionInput& in) {
  const Instant now = ctx_.clock.now();
  auto inst = RegistryRepo(tx).institution(in.institution_id);
  if (!inst || !supervises(actor, inst->authority_code)) return not_found("institution");
  std::vector<FieldProblem> problems;
  Inspection i;
  i.institution_id = inst->id;
  i.authority_code = inst->authority_code;
  i.kind = in.kind;
  i.mode = in.mode;
  auto scheduled = Date::parse(in.scheduled_on);
  if (!scheduled) problems.push_back({"scheduled_on", "must_be_date"});
  else i.scheduled_on = *scheduled;
  if (utf8_length(in.third_party) > 100) problems.push_back({"third_party", "too_long"});
  // S16 交互评估: a cross evaluation names the peer institution that evaluates.
  if (in.mode == InspectionMode::cross_evaluation) {
    if (!in.peer_institution_id) problems.push_back({"peer_institution_id", "required_for_cross_evaluation"});
    else if (*in.peer_institution_id == inst->id || !RegistryRepo(tx).institution(*in.peer_institution_id))
      problems.push_back({"peer_institution_id", "must_be_another_institution"});
  }
  i.peer_institution_id = in.peer_institution_id;
  i.third_party = in.third_party;
  i.complaint_id = in.complaint_id;
  i.renewal_id = in.renewal_id;
  if (in.evaluation_plan_id) {
    auto plan = PlanRepo(tx).find(*in.evaluation_plan_id);
    if (!plan || plan->institution_id != inst->id) problems.push_back({"evaluation_plan_id", "not_a_plan_of_the_institution"});
    i.evaluation_plan_id = in.evaluation_plan_id;
  }
  // S10: inspectors come from the roster of an authority over the institution; no tie to it.
  SupervisionRepo roster(tx);
  std::set<std::int64_t> seen;
  for (std::size_t k = 0; k < in.inspector_ids.size(); ++k) {
    const std::string field = "inspector_ids[" + std::to_string(k) + "]";
    auto r = roster.inspector(in.inspector_ids[k]);
    if (!r || !r->active || !ctx_.regions.contains(r->region_code, inst->authority_code) ||
        !ctx_.regions.contains(actor.region_code, r->region_code))
      problems.push_back({field, "not_on_a_roster_over_the_institution"});
    else if (!seen.insert(r->id).second)
      problems.push_back({field, "duplicate"});
    else if (const auto tied = roster.tied_codes(*r, now - 365 * 86400);
             std::ranges::find(tied, inst->code) != tied.end())
      problems.push_back({field, "tied_to_the_institution"});  // M27 回避
    else
      i.inspectors.push_back({r->id, r->name, r->user_id});
  }
  if (in.inspector_ids.size() > 10) problems.push_back({"inspector_ids", "too_many"});
  for (const auto& code : in.checklist.empty() ? std::vector<std::string>{} : in.checklist)
    if (!checklist_item(code)) problems.push_back({"checklist", "unknown_item"});
  if (!problems.empty()) return invalid(problems);
  if (in.checklist.empty())
    for (const auto& item : s9_checklist()) i.items.push_back({item.code, std::nullopt, ""});
  else
    for (const auto& code : in.checklist)
      if (std::ranges::find(i.items, code, &ItemFinding::code) == i.items.end()) i.items.push_back({code, std::nullopt, ""});
  i.created_by = actor.user_id;
  i.created_at = now;
  i.id = InspectionRepo(tx).insert(i);
  std::vector<std::int64_t> ids;
  for (const auto& r : i.inspectors) ids.push_back(r.id);
  record_change(tx, actor, now,
                {"inspection.create", "inspection", std::to_string(i.id), i.authority_code, i.institution_id,
                 nullptr,
                 {{"kind", to_string(i.kind)}, {"mode", to_string(i.mode)}, {"inspectors", ids},
                  {"scheduled_on", i.scheduled_on.to_string()}}});
  return *InspectionRepo(tx).find(i.id);
}

Result<Inspection> InspectionService::create(const Actor& actor, const InspectionInput& in) {
  if (!is_authority(actor.role)) return forbidden();
  return ctx_.db.write([&](Tx& tx) { return create_in(tx, actor, in); });
}

Result<Page<Inspection>> InspectionService::list(const Actor& actor, const InspectionFilter& f) {
  InspectionQuery q;
  if (is_authority(actor.role)) q.authorities = ctx_.regions.subtree(actor.region_code);
  else if (actor.role == Role::inspector) q.inspector_user = actor.user_id;
  else if (is_institution_role(actor.role) && actor.institution_id) q.institution = actor.institution_id;
  else return forbidden();
  q.status = f.status;
  q.kind = f.kind;
  q.institution_id = f.institution_id;
  q.draw_id = f.draw_id;
  q.page = f.page;
  return ctx_.db.read([&](Tx& tx) -> Result<Page<Inspection>> { return InspectionRepo(tx).list(q); });
}

Result<Inspection> InspectionService::get(const Actor& actor, std::int64_t id) {
  return ctx_.db.read([&](Tx& tx) { return load_for_read(tx, actor, id); });
}

Result<Page<Inspection>> InspectionService::public_results(const std::string& institution_code, PageRequest page) {
  return ctx_.db.read([&](Tx& tx) -> Result<Page<Inspection>> {
    InspectionQuery q;
    q.published_only = 1;
    q.status = "completed";
    q.page = page;
    if (!institution_code.empty()) {
      auto inst = RegistryRepo(tx).institution_by_code(institution_code);
      if (!inst) return Page<Inspection>{{}, 0, page.page, page.page_size};
      q.institution_id = inst->id;
    }
    return InspectionRepo(tx).list(q);
  });
}

Result<Inspection> InspectionService::start(const Actor& actor, std::int64_t id) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<Inspection> {
    auto i = load_for_work(tx, actor, id);
    if (!i) return i;
    if (i->status != InspectionStatus::planned) return wrong_status("检查已开始或已结束", "The inspection is not planned");
    InspectionRepo(tx).set_started(id, now);
    const auto before = inspection_state(*i);
    i->status = InspectionStatus::in_progress;
    i->started_at = now;
    record_change(tx, actor, now, {"inspection.start", "inspection", std::to_string(id), i->authority_code,
                                   i->institution_id, before, inspection_state(*i)});
    return i;
  });
}

Result<Inspection> InspectionService::record_findings(const Actor& actor, std::int64_t id,
                                                      const std::vector<ItemFinding>& items) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<Inspection> {
    auto i = load_for_work(tx, actor, id);
    if (!i) return i;
    if (i->status != InspectionStatus::in_progress)
      return wrong_status("检查未在进行中", "Findings are recorded while the inspection is in progress");
    std::vector<FieldProblem> problems;
    for (std::size_t k = 0; k < items.size(); ++k) {
      const std::string field = "items[" + std::to_string(k) + "]";
      if (std::ranges::find(i->items, items[k].code, &ItemFinding::code) == i->items.end())
        problems.push_back({field + ".code", "not_on_the_checklist"});
      if (utf8_length(items[k].note) > 2000) problems.push_back({field + ".note", "too_long"});
    }
    if (!problems.empty()) return invalid(problems);
    InspectionRepo repo(tx);
    repo.set_findings(id, items);
    nlohmann::json after = nlohmann::json::array();
    for (const auto& f : items)
      after.push_back({{"code", f.code}, {"finding", f.finding ? nlohmann::json(to_string(*f.finding)) : nlohmann::json(nullptr)}});
    record_change(tx, actor, now, {"inspection.findings", "inspection", std::to_string(id), i->authority_code,
                                   i->institution_id, nullptr, after});
    return *repo.find(id);
  });
}

Result<EvidenceMeta> InspectionService::add_evidence(const Actor& actor, std::int64_t id, const std::string& file_name,
                                                     const std::string& bytes) {
  if (auto ok = check_inspection_evidence(file_name, bytes); !ok) return std::unexpected(ok.error());
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<EvidenceMeta> {
    auto i = load_for_work(tx, actor, id);
    if (!i) return std::unexpected(i.error());
    if (i->status != InspectionStatus::in_progress)
      return wrong_status("检查未在进行中", "Evidence is added while the inspection is in progress");
    EvidenceMeta e{0, id, file_name, *sniff_inspection_evidence_type(bytes), crypto::sha256_hex(bytes),
                   static_cast<std::int64_t>(bytes.size()), actor.user_id, now};
    e.id = InspectionRepo(tx).insert_evidence(e, crypto::base64_encode(bytes));
    record_change(tx, actor, now, {"inspection.evidence", "inspection", std::to_string(id), i->authority_code,
                                   i->institution_id, nullptr,
                                   {{"evidence_id", e.id}, {"file_name", file_name}, {"sha256", e.sha256}, {"size", e.size}}});
    return e;
  });
}

Result<std::pair<EvidenceMeta, std::string>> InspectionService::evidence(const Actor& actor, std::int64_t id,
                                                                         std::int64_t evidence_id) {
  return ctx_.db.read([&](Tx& tx) -> Result<std::pair<EvidenceMeta, std::string>> {
    auto i = load_for_read(tx, actor, id);
    if (!i) return std::unexpected(i.error());
    auto found = InspectionRepo(tx).evidence_with_content(evidence_id);
    if (!found || found->first.inspection_id != id) return not_found("evidence");
    std::string bytes = crypto::base64_decode(found->second);
    // The hash recorded at upload is checked on every read.
    if (crypto::sha256_hex(bytes) != found->first.sha256)
      return fail(ErrorKind::internal, "检查证据校验失败", "The evidence file failed its integrity check");
    return std::pair{found->first, std::move(bytes)};
  });
}

Result<Inspection> InspectionService::submit_self_evaluation(const Actor& actor, std::int64_t id, const std::string& text) {
  const Instant now = ctx_.clock.now();
  if (text.empty()) return invalid({{"text", "required"}});
  if (utf8_length(text) > 20000) return invalid({{"text", "too_long"}});
  return ctx_.db.write([&](Tx& tx) -> Result<Inspection> {
    auto i = load_for_read(tx, actor, id);
    if (!i) return i;
    // S16 自评: the institution's own account, for an annual assessment or periodic evaluation.
    if (!is_institution_role(actor.role)) return forbidden();
    if (!takes_self_evaluation(i->kind)) return wrong_status("此类检查不需要自评", "This kind of inspection takes no self-evaluation");
    if (i->status == InspectionStatus::completed || i->status == InspectionStatus::cancelled)
      return wrong_status("检查已结束", "The inspection has ended");
    InspectionRepo repo(tx);
    repo.set_self_evaluation(id, text, now);
    record_change(tx, actor, now, {"inspection.self_evaluation", "inspection", std::to_string(id), i->authority_code,
                                   i->institution_id, nullptr, {{"sha256", crypto::sha256_hex(text)}}});
    return *repo.find(id);
  });
}

Result<Inspection> InspectionService::complete(const Actor& actor, std::int64_t id, const CompletionInput& in) {
  const Instant now = ctx_.clock.now();
  const Date today = local_date(now);
  auto outcome = parse_inspection_outcome(in.outcome);
  if (!outcome) return invalid({{"outcome", "must_be_pass_issues_found_or_fail"}});
  if (in.rectifications.size() > 50) return invalid({{"rectifications", "too_many"}});
  return ctx_.db.write([&](Tx& tx) -> Result<Inspection> {
    auto i = load_for_work(tx, actor, id);
    if (!i) return i;
    if (i->status != InspectionStatus::in_progress)
      return wrong_status("检查未在进行中", "Only an inspection in progress can be completed");
    if (takes_self_evaluation(i->kind) && i->mode == InspectionMode::self_evaluation_review && !i->self_evaluation)
      return wrong_status("机构尚未提交自评", "The institution has not submitted its self-evaluation");
    if (auto ok = check_completion(i->items, *outcome, in.report, in.rectifications, today); !ok)
      return std::unexpected(ok.error());
    InspectionRepo repo(tx);
    const auto before = inspection_state(*i);
    repo.set_completed(id, *outcome, in.report, now);
    for (const auto& r : in.rectifications) {
      Rectification order;
      order.inspection_id = id;
      order.institution_id = i->institution_id;
      order.requirement = r.requirement;
      order.due_on = *Date::parse(r.due_on);
      repo.insert_rectification(order);
    }
    auto done = *repo.find(id);
    record_change(tx, actor, now, {"inspection.complete", "inspection", std::to_string(id), i->authority_code,
                                   i->institution_id, before,
                                   {{"status", "completed"}, {"outcome", in.outcome},
                                    {"report_sha256", crypto::sha256_hex(in.report)},
                                    {"rectifications", in.rectifications.size()}}});
    // M27 一公开: once the draw's last inspection ends, its results are due within the policy's
    // working days.
    if (i->draw_id) {
      bool all_done = true;
      for (auto other : repo.of_draw(*i->draw_id)) {
        auto o = repo.find(other);
        all_done &= o && (o->status == InspectionStatus::completed || o->status == InspectionStatus::cancelled);
      }
      if (all_done)
        SupervisionRepo(tx).set_completion(*i->draw_id, today,
                                           ctx_.calendar.add_working_days(today, policy_.publish_working_days));
    }
    return done;
  });
}

Result<Inspection> InspectionService::verify_rectification(const Actor& actor, std::int64_t id,
                                                           std::int64_t rectification_id, const std::string& note,
                                                           bool accepted) {
  const Instant now = ctx_.clock.now();
  if (utf8_length(note) > 2000) return invalid({{"note", "too_long"}});
  if (!accepted && note.empty()) return invalid({{"note", "required_when_not_accepted"}});
  return ctx_.db.write([&](Tx& tx) -> Result<Inspection> {
    auto i = load_for_work(tx, actor, id);
    if (!i) return i;
    auto r = std::ranges::find(i->rectifications, rectification_id, &Rectification::id);
    if (r == i->rectifications.end()) return not_found("rectification");
    if (r->verified_on) return wrong_status("整改已确认", "The rectification is already verified");
    InspectionRepo repo(tx);
    if (accepted) {
      repo.verify_rectification(rectification_id, local_date(now), actor.user_id, note);
      record_change(tx, actor, now, {"rectification.verify", "inspection", std::to_string(id), i->authority_code,
                                     i->institution_id, nullptr, {{"rectification_id", rectification_id}}});
      return *repo.find(id);
    }
    // S11, S20(6): found not done on the institution's report; the order stays open to its deadline.
    if (!may_reject_rectification(*r))
      return wrong_status("机构尚未报告整改情况", "The institution has not reported on the rectification");
    repo.reject_rectification(rectification_id, note, now);
    record_change(tx, actor, now, {"rectification.reject", "inspection", std::to_string(id), i->authority_code,
                                   i->institution_id, {{"rectification_id", rectification_id}, {"status", "reported"}},
                                   {{"rectification_id", rectification_id}, {"status", "open"}, {"note", note}}});
    NotificationService::notify(tx, ctx_, rectification_notice(*i, *r, "rectification_rejected", now), now);
    return *repo.find(id);
  });
}

Result<Inspection> InspectionService::report_rectification(const Actor& actor, std::int64_t id,
                                                           std::int64_t rectification_id, const std::string& report) {
  const Instant now = ctx_.clock.now();
  if (report.empty()) return invalid({{"report", "required"}});
  if (utf8_length(report) > 4000) return invalid({{"report", "too_long"}});
  return ctx_.db.write([&](Tx& tx) -> Result<Inspection> {
    auto i = load_for_read(tx, actor, id);
    if (!i) return i;
    // S11 整改: the institution that was ordered reports; the officers verify.
    if (!is_institution_role(actor.role)) return forbidden();
    auto r = std::ranges::find(i->rectifications, rectification_id, &Rectification::id);
    if (r == i->rectifications.end()) return not_found("rectification");
    if (!may_report_rectification(*r)) return wrong_status("整改已确认", "The rectification is already verified");
    InspectionRepo repo(tx);
    repo.report_rectification(rectification_id, report, now, actor.user_id);
    record_change(tx, actor, now, {"rectification.report", "inspection", std::to_string(id), i->authority_code,
                                   i->institution_id, nullptr,
                                   {{"rectification_id", rectification_id}, {"sha256", crypto::sha256_hex(report)}}});
    NotificationService::notify(tx, ctx_, rectification_notice(*i, *r, "rectification_reported", now), now);
    return *repo.find(id);
  });
}

Result<Inspection> InspectionService::cancel(const Actor& actor, std::int64_t id, const std::string& reason,
                                             bool refused) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<Inspection> {
    auto i = load_for_read(tx, actor, id);
    if (!i) return i;
    if (!supervises(actor, i->authority_code)) return forbidden();
    if (i->status == InspectionStatus::completed || i->status == InspectionStatus::cancelled)
      return wrong_status("检查已结束", "The inspection has ended");
    InspectionRepo repo(tx);
    repo.set_cancelled(id, reason, refused, now);
    record_change(tx, actor, now,
                  {"inspection.cancel", "inspection", std::to_string(id), i->authority_code, i->institution_id,
                   inspection_state(*i), {{"status", "cancelled"}, {"reason", reason}, {"refused", refused}}});
    return *repo.find(id);
  });
}

}  // namespace skillreg
