#include "app/enforcement_service.hpp"

#include <algorithm>

#include "app/audit_trail.hpp"
#include "app/notification_service.hpp"
#include "core/utf8.hpp"
#include "domain/enforcement/case_documents.hpp"
#include "domain/enforcement/evidence.hpp"
#include "domain/enforcement/suspension.hpp"
#include "domain/registry/institution_status.hpp"
#include "store/candidate_repo.hpp"
#include "store/certificate_repo.hpp"
#include "store/complaint_repo.hpp"
#include "store/inspection_repo.hpp"
#include "store/monitoring_repo.hpp"
#include "store/plan_repo.hpp"
#include "store/registry_repo.hpp"

namespace skillreg {

namespace {

// The institution whose record an evidence link names, for the records kept here (inspection,
// complaint, key-sampling item, plan by number; certificate by its number); an empty inner value
// when there is no such record. Not looked up (nullopt): a document, described by its note, and a
// link already refused as written.
std::optional<std::optional<std::int64_t>> evidence_institution(Tx& tx, const EvidenceLink& e) {
  if (!evidence_problems(e, "").empty()) return std::nullopt;
  auto of = [](const auto& record) -> std::optional<std::int64_t> {
    if (!record) return std::nullopt;
    return record->institution_id;
  };
  if (e.type == "inspection") return of(InspectionRepo(tx).find(e.id));
  if (e.type == "complaint") return of(ComplaintRepo(tx).find(e.id));
  if (e.type == "sampling") return of(MonitoringRepo(tx).sampling_item(e.id));
  if (e.type == "plan") return of(PlanRepo(tx).find(e.id));
  if (e.type == "certificate" && !e.ref.empty()) return of(CertificateRepo(tx).find(e.ref));
  return std::nullopt;
}

constexpr Instant kYear = 365 * 86400;

nlohmann::json case_state(const CaseRecord& c) {
  return {{"status", to_string(c.status)},
          {"measure", to_string(c.measure)},
          {"items", c.items},
          {"decision", c.decision ? nlohmann::json(to_string(*c.decision)) : nlohmann::json(nullptr)},
          {"review_outcome", c.review_outcome ? nlohmann::json(to_string(*c.review_outcome)) : nlohmann::json(nullptr)}};
}

std::unexpected<Error> step_refused(const CaseRecord& c, CaseStep step) {
  auto e = conflict("案件当前状态不允许此步骤", "The case's status does not allow this step");
  e.error().details.push_back({"status", std::string(to_string(c.status))});
  e.error().details.push_back({"step", std::string(to_string(step))});
  return e;
}

void text_problem(std::vector<FieldProblem>& problems, const char* name, const std::string& text, bool required,
                  std::size_t max) {
  if (required && text.empty()) problems.push_back({name, "required"});
  else if (utf8_length(text) > max) problems.push_back({name, "too_long"});
}

// The measure a decision or review changes to: required when the outcome is a change.
std::optional<MeasureClass> changed_measure(std::vector<FieldProblem>& problems, const std::optional<std::string>& text,
                                            bool changed) {
  if (!text) {
    if (changed) problems.push_back({"measure", "required_when_changed"});
    return std::nullopt;
  }
  auto m = parse_measure_class(*text);
  if (!m) problems.push_back({"measure", "unknown_measure"});
  return m;
}

std::optional<Date> date_field(std::vector<FieldProblem>& problems, const char* name,
                               const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  auto d = Date::parse(*text);
  if (!d) problems.push_back({name, "must_be_date"});
  return d;
}

// A notice to the case's institution about a step of its case: the case fields every such notice
// carries, then the step's own words.
Notice case_notice(const CaseRecord& c, std::string kind, std::string title_zh, std::string title_en) {
  Notice n;
  n.kind = std::move(kind);
  n.object_type = "case";
  n.object_id = std::to_string(c.id);
  n.link = "/api/v1/cases/" + n.object_id;
  n.title_zh = std::move(title_zh);
  n.title_en = std::move(title_en);
  n.region_code = c.authority_code;
  n.institution_id = c.institution_id;
  n.audiences = {Audience::institution};
  n.key = n.kind + "|case|" + n.object_id;
  return n;
}

// The notice to the institution that a case was served on it (S23), with its statement window.
Notice case_served_notice(const CaseRecord& c) {
  auto n = case_notice(c, "case_served", "收到监管处理告知书", "A case notice was served");
  n.params = {{"case_no", c.case_no}, {"served_on", c.served_on ? c.served_on->to_string() : ""}};
  n.article = "S23";
  n.due_on = c.statement_due;
  n.key += "|" + n.params["served_on"].get<std::string>();
  return n;
}

// The notice to the institution that its case was decided (S23 处理决定; a decision that
// stands opens the review window, S24) or that its review request was decided (S24 复核决定).
Notice case_decision_notice(const CaseRecord& c, bool review) {
  auto n = review ? case_notice(c, "case_reviewed", "收到复核决定", "The review of a case was decided")
                  : case_notice(c, "case_decided", "收到监管处理决定", "A case was decided");
  const auto outcome = review ? (c.review_outcome ? std::string(to_string(*c.review_outcome)) : "")
                              : (c.decision ? std::string(to_string(*c.decision)) : "");
  n.params = {{"case_no", c.case_no}, {"outcome", outcome}, {"measure", to_string(c.measure)}};
  n.article = "S24";
  if (!review && c.status == CaseStatus::decided) n.due_on = c.review_due;
  return n;
}

}  // namespace

bool EnforcementService::supervises(const Actor& actor, const std::string& authority_code) const {
  return is_authority(actor.role) && ctx_.regions.contains(actor.region_code, authority_code);
}

// S5: the office the institution is registered with (its authority_code) carries its cases.
bool EnforcementService::carries(const Actor& actor, const std::string& authority_code) const {
  return is_authority(actor.role) && actor.region_code == authority_code;
}

// "杭" for 杭州市, "浙" for the province, "西湖" for 西湖区: the short name in a 文号.
std::string EnforcementService::case_number_prefix(const std::string& authority_code) const {
  const auto* r = ctx_.regions.find(authority_code);
  if (!r) return "浙";
  std::string name = r->name;
  if (authority_code == "330000") return "浙";
  for (const char* suffix : {"市", "区", "县"})
    if (name.size() > 3 && name.ends_with(suffix)) name.resize(name.size() - 3);
  if (r->parent_code == "330000" && name.size() >= 3) name.resize(3);  // a city: its first character
  return name;
}

// Saves the case after a step, records the step in the audit log, and answers the case as stored.
Result<CaseRecord> EnforcementService::save_step(Tx& tx, const Actor& actor, Instant now, const CaseRecord& c,
                                                 const char* action, const nlohmann::json& before) const {
  CaseRepo repo(tx);
  repo.save(c);
  record_change(tx, actor, now, {action, "case", std::to_string(c.id), c.authority_code, c.institution_id, before,
                                 case_state(c)});
  return *repo.find(c.id);
}

Result<CaseRecord> EnforcementService::load(Tx& tx, const Actor& actor, std::int64_t id) const {
  auto c = CaseRepo(tx).find(id);
  if (!c) return not_found("case");
  if (supervises(actor, c->authority_code)) return *c;
  // The institution sees its case from the proposal on (S23 告知).
  if (is_institution_role(actor.role) && actor.institution_id == c->institution_id && c->status != CaseStatus::draft &&
      c->status != CaseStatus::dropped)
    return *c;
  return not_found("case");
}

Result<CaseRecord> EnforcementService::load_for_authority(Tx& tx, const Actor& actor, std::int64_t id) const {
  auto c = load(tx, actor, id);
  if (!c) return c;
  if (!supervises(actor, c->authority_code)) return forbidden();
  // S5: an office above reads the case; the registered office takes its steps, in its own name.
  if (!carries(actor, c->authority_code))
    return fail(ErrorKind::forbidden, "案件由评价机构的备案（遴选）机关办理，上级机关可查阅",
                "The case is carried by the office the institution is registered with; offices above it read it");
  return c;
}

Result<CaseRecord> EnforcementService::open(const Actor& actor, const CaseInput& in) {
  if (!is_authority(actor.role)) return forbidden();
  std::vector<FieldProblem> problems;
  text_problem(problems, "facts", in.facts, true, 20000);
  if (in.evidence.size() > 50) problems.push_back({"evidence", "too_many"});
  for (std::size_t i = 0; i < in.evidence.size() && i < 50; ++i)
    for (auto& p : evidence_problems(in.evidence[i], "evidence[" + std::to_string(i) + "]")) problems.push_back(p);
  static const std::vector<std::string> kOrigins{"inspection", "sampling", "complaint", "monitoring", "daily_job", "manual"};
  if (std::ranges::find(kOrigins, in.origin) == kOrigins.end()) problems.push_back({"origin", "unknown_origin"});
  if (in.items.size() > 40) problems.push_back({"items", "too_many"});
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<CaseRecord> {
    auto inst = RegistryRepo(tx).institution(in.institution_id);
    if (!inst || !supervises(actor, inst->authority_code)) return not_found("institution");
    // S5 谁备案（遴选）、谁监管: the office the institution is registered with opens its cases.
    if (!carries(actor, inst->authority_code)) problems.push_back({"institution_id", "registered_with_another_office"});
    // REQUIREMENTS 6: a case opened from an inspection or a complaint links it as evidence.
    std::vector<EvidenceLink> evidence = in.evidence;
    if (in.origin_id && (in.origin == "inspection" || in.origin == "complaint")) {
      const bool ours = in.origin == "inspection" ? InspectionRepo(tx).find(*in.origin_id).transform([&](const auto& i) {
                                                     return i.institution_id == inst->id;
                                                   }).value_or(false)
                                                 : ComplaintRepo(tx).find(*in.origin_id).transform([&](const auto& c) {
                                                     return c.institution_id == inst->id;
                                                   }).value_or(false);
      if (!ours) problems.push_back({"origin_id", "not_a_record_of_the_institution"});
      else if (std::ranges::none_of(evidence, [&](const auto& e) { return e.type == in.origin && e.id == *in.origin_id; }))
        evidence.push_back({in.origin, *in.origin_id, "", ""});
    }
    // S23 相关事实、理由和依据: evidence named by number is an existing record of this institution.
    for (std::size_t i = 0; i < evidence.size() && i < 50; ++i)
      if (auto owner = evidence_institution(tx, evidence[i]); owner && *owner != inst->id) {
        const char* named_by = evidence_naming(evidence[i].type) == EvidenceNaming::by_number ? "id" : "ref";
        problems.push_back({"evidence[" + std::to_string(i) + "]." + named_by, "not_a_record_of_the_institution"});
      }
    CaseRepo repo(tx);
    CaseFacts facts{in.items, in.serious, repo.measures_in_force(inst->id, MeasureClass::interview, 0),
                    repo.measures_in_force(inst->id, MeasureClass::notice, 0)};
    auto proposed = propose_measure(facts, ViolationCatalogue::standard());
    if (!proposed)
      for (const auto& d : proposed.error().details) problems.push_back(d);
    if (!problems.empty()) return invalid(problems);
    CaseRecord c;
    c.institution_id = inst->id;
    c.institution_code = inst->code;
    c.institution_name = inst->name;
    c.credit_code = inst->credit_code;
    c.authority_code = inst->authority_code;
    c.origin = in.origin;
    c.origin_id = in.origin_id;
    c.items = proposed->items;
    c.serious = in.serious;
    c.facts = in.facts;
    c.evidence = evidence;
    c.measure = proposed->measure;
    c.voids_results = proposed->voids_results;
    c.escalation = proposed->reasons;
    c.created_by = actor.user_id > 0 ? std::optional<std::int64_t>(actor.user_id) : std::nullopt;
    c.created_at = c.updated_at = now;
    c.case_no = repo.next_case_no(inst->authority_code, case_number_prefix(inst->authority_code), local_date(now).year);
    c.id = repo.insert(c);
    record_change(tx, actor, now, {"case.open", "case", std::to_string(c.id), c.authority_code, c.institution_id,
                                   nullptr, case_state(c)});
    return c;
  });
}

Result<CaseRecord> EnforcementService::propose(const Actor& actor, std::int64_t id, const ProposalInput& in) {
  std::vector<FieldProblem> problems;
  text_problem(problems, "reasons", in.reasons, true, 20000);
  text_problem(problems, "basis", in.basis, true, 4000);
  if (!problems.empty()) return invalid(problems);
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<CaseRecord> {
    auto c = load_for_authority(tx, actor, id);
    if (!c) return c;
    auto next = next_case_status(c->status, CaseStep::propose);
    if (!next) return step_refused(*c, CaseStep::propose);
    const auto before = case_state(*c);
    // S23: 告知拟作出的处理决定及相关事实、理由和依据.
    c->status = *next;
    c->reasons = in.reasons;
    c->basis = in.basis;
    c->proposed_measure = c->measure;
    c->proposed_on = local_date(now);
    c->updated_at = now;
    return save_step(tx, actor, now, *c, "case.propose", before);
  });
}

Result<CaseRecord> EnforcementService::serve(const Actor& actor, std::int64_t id, const ServiceInput& in) {
  std::vector<FieldProblem> problems;
  if (in.method != "written" && in.method != "announcement") problems.push_back({"method", "must_be_written_or_announcement"});
  auto served = Date::parse(in.served_on);
  const Instant now = ctx_.clock.now();
  if (!served) problems.push_back({"served_on", "must_be_date"});
  else if (local_date(now) < *served) problems.push_back({"served_on", "in_the_future"});
  if (!problems.empty()) return invalid(problems);
  return ctx_.db.write([&](Tx& tx) -> Result<CaseRecord> {
    auto c = load_for_authority(tx, actor, id);
    if (!c) return c;
    auto next = next_case_status(c->status, CaseStep::serve);
    if (!next) return step_refused(*c, CaseStep::serve);
    if (c->proposed_on && *served < *c->proposed_on) return invalid({{"served_on", "before_the_proposal"}});
    const auto before = case_state(*c);
    // S23: 以书面形式送达相关机构，或按有关规定进行公告; S24: the statement window runs from service.
    c->status = *next;
    c->service_method = in.method;
    c->served_on = *served;
    c->statement_due = statement_due(*served, *ctx_.calendar.snapshot(), policy_);
    c->updated_at = now;
    CaseRepo(tx).save(*c);
    record_change(tx, actor, now, {"case.serve", "case", std::to_string(id), c->authority_code, c->institution_id,
                                   before, {{"status", "served"}, {"method", in.method}, {"served_on", in.served_on},
                                            {"statement_due", c->statement_due->to_string()}}});
    // Issue 10 §2: the institution finds the served notice in its inbox (S23).
    NotificationService::notify(tx, ctx_, case_served_notice(*c), now);
    return c;
  });
}

Result<CaseRecord> EnforcementService::state(const Actor& actor, std::int64_t id, const std::string& text) {
  std::vector<FieldProblem> problems;
  text_problem(problems, "text", text, true, 20000);
  if (!problems.empty()) return invalid(problems);
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<CaseRecord> {
    auto c = load(tx, actor, id);
    if (!c) return c;
    if (!is_institution_role(actor.role)) return forbidden();
    if (!next_case_status(c->status, CaseStep::state)) return step_refused(*c, CaseStep::state);
    // S24 陈述申辩: within the window the service opened.
    if (c->statement_due && *c->statement_due < local_date(now)) {
      auto e = conflict("陈述申辩期限已过", "The statement window has closed");
      e.error().article = "S24";
      e.error().details.push_back({"statement_due", c->statement_due->to_string()});
      return std::unexpected(e.error());
    }
    CaseRepo repo(tx);
    repo.add_statement(id, {0, "statement", text, actor.user_id, now});
    record_change(tx, actor, now, {"case.statement", "case", std::to_string(id), c->authority_code, c->institution_id,
                                   nullptr, {{"length", utf8_length(text)}}});
    return *repo.find(id);
  });
}

Result<CaseRecord> EnforcementService::decide(const Actor& actor, std::int64_t id, const DecisionInput& in) {
  std::vector<FieldProblem> problems;
  auto outcome = parse_decision_outcome(in.outcome);
  if (!outcome) problems.push_back({"outcome", "must_be_upheld_changed_or_dropped"});
  text_problem(problems, "reasons", in.reasons, true, 20000);
  const auto changed_to = changed_measure(problems, in.measure, outcome == DecisionOutcome::changed);
  auto rect_due = date_field(problems, "rectification_due", in.rectification_due);
  auto interview_on = date_field(problems, "interview_on", in.interview_on);
  text_problem(problems, "interview_place", in.interview_place, false, 200);
  if (in.certificates.size() > 1000) problems.push_back({"certificates", "too_many"});
  if (in.candidates.size() > 1000) problems.push_back({"candidates", "too_many"});
  // Each certificate and candidate is named once (the decision document lists them).
  for (std::size_t i = 0; i < in.certificates.size(); ++i)
    if (std::find(in.certificates.begin(), in.certificates.begin() + std::ptrdiff_t(i), in.certificates[i]) !=
        in.certificates.begin() + std::ptrdiff_t(i))
      problems.push_back({"certificates[" + std::to_string(i) + "]", "duplicate"});
  for (std::size_t i = 0; i < in.candidates.size(); ++i)
    if (std::find(in.candidates.begin(), in.candidates.begin() + std::ptrdiff_t(i), in.candidates[i]) !=
        in.candidates.begin() + std::ptrdiff_t(i))
      problems.push_back({"candidates[" + std::to_string(i) + "]", "duplicate"});
  if (!problems.empty()) return invalid(problems);
  const Instant now = ctx_.clock.now();
  const Date today = local_date(now);
  return ctx_.db.write([&](Tx& tx) -> Result<CaseRecord> {
    auto c = load_for_authority(tx, actor, id);
    if (!c) return c;
    if (!next_case_status(c->status, CaseStep::decide)) return step_refused(*c, CaseStep::decide);
    // S24: the decision waits for the statement, or for its window to pass.
    const bool stated = std::ranges::any_of(c->statements, [](const auto& s) { return s.kind == "statement"; });
    if (!may_decide(today, *c->statement_due, stated)) {
      auto e = conflict("陈述申辩期限未满", "The statement window is still open");
      e.error().article = "S24";
      e.error().details.push_back({"statement_due", c->statement_due->to_string()});
      return std::unexpected(e.error());
    }
    // S23: no heavier measure than the prior notice announced and the institution was heard on.
    if (changed_to && *outcome != DecisionOutcome::dropped &&
        !may_change_measure(CaseStep::decide, c->proposed_measure.value_or(c->measure), *changed_to)) {
      auto e = fail(ErrorKind::validation_failed, "处理决定不得重于事先告知的拟作出的处理决定",
                    "The decision may not be heavier than the measure notified in advance",
                    {{"measure", "heavier_than_notified"}});
      e.error().article = "S23";
      return e;
    }
    const auto before = case_state(*c);
    c->decision = *outcome;
    c->decision_reasons = in.reasons;
    c->decided_on = today;
    c->updated_at = now;
    if (*outcome == DecisionOutcome::dropped) {
      c->status = CaseStatus::dropped;
    } else {
      if (changed_to) c->measure = *changed_to;
      std::vector<FieldProblem> needs;
      if (c->measure == MeasureClass::notice) {
        if (!rect_due) needs.push_back({"rectification_due", "required_for_a_notice"});
        else if (!(today < *rect_due)) needs.push_back({"rectification_due", "must_be_after_today"});
      }
      if (c->measure == MeasureClass::interview) {
        if (!interview_on) needs.push_back({"interview_on", "required_for_an_interview"});
        else if (*interview_on < today) needs.push_back({"interview_on", "in_the_past"});
      }
      // S18: 证书或评价成绩无效 — the certificates, or the candidates whose results, are named.
      if ((c->voids_results || c->measure == MeasureClass::void_results) && in.certificates.empty() &&
          in.candidates.empty()) {
        needs.push_back({"certificates", "required_to_void_results"});
        needs.push_back({"candidates", "required_to_void_results"});
      }
      if (!needs.empty()) return invalid(needs);
      c->rectification_due = c->measure == MeasureClass::notice ? rect_due : std::nullopt;
      c->interview_on = c->measure == MeasureClass::interview ? interview_on : std::nullopt;
      c->interview_place = in.interview_place;
      c->certificates = in.certificates;
      c->candidates.clear();
      for (const auto cid : in.candidates) c->candidates.push_back({cid, 0, ""});
      c->status = CaseStatus::decided;
      c->decided_measure = c->measure;  // S24: what the decision document announces, whatever a review does
      c->review_due = review_due(today, *ctx_.calendar.snapshot(), policy_);
      if (auto ok = apply_effects(tx, *c, now); !ok) return std::unexpected(ok.error());
    }
    NotificationService::notify(tx, ctx_, case_decision_notice(*c, false), now);
    return save_step(tx, actor, now, *c, "case.decide", before);
  });
}

Result<CaseRecord> EnforcementService::request_review(const Actor& actor, std::int64_t id, const std::string& text) {
  std::vector<FieldProblem> problems;
  text_problem(problems, "text", text, true, 20000);
  if (!problems.empty()) return invalid(problems);
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<CaseRecord> {
    auto c = load(tx, actor, id);
    if (!c) return c;
    if (!is_institution_role(actor.role)) return forbidden();
    auto next = next_case_status(c->status, CaseStep::request_review);
    if (!next) return step_refused(*c, CaseStep::request_review);
    if (c->review_due && *c->review_due < local_date(now)) {
      auto e = conflict("复核申请期限已过", "The time to request a review has passed");
      e.error().article = "S24";
      e.error().details.push_back({"review_due", c->review_due->to_string()});
      return std::unexpected(e.error());
    }
    const auto before = case_state(*c);
    CaseRepo repo(tx);
    repo.add_statement(id, {0, "review_request", text, actor.user_id, now});
    c->status = *next;
    c->updated_at = now;
    repo.save(*c);
    record_change(tx, actor, now, {"case.review_request", "case", std::to_string(id), c->authority_code,
                                   c->institution_id, before, case_state(*c)});
    return *repo.find(id);
  });
}

Result<CaseRecord> EnforcementService::decide_review(const Actor& actor, std::int64_t id, const CaseReviewInput& in) {
  std::vector<FieldProblem> problems;
  auto outcome = parse_review_outcome(in.outcome);
  if (!outcome) problems.push_back({"outcome", "must_be_upheld_changed_or_overturned"});
  text_problem(problems, "reasons", in.reasons, true, 20000);
  const auto changed_to = changed_measure(problems, in.measure, outcome == ReviewOutcome::changed);
  if (!problems.empty()) return invalid(problems);
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<CaseRecord> {
    auto c = load_for_authority(tx, actor, id);
    if (!c) return c;
    auto next = next_case_status(c->status, CaseStep::decide_review);
    if (!next) return step_refused(*c, CaseStep::decide_review);
    // S24: a change on review can only lighten the measure.
    if (changed_to && !may_change_measure(CaseStep::decide_review, c->measure, *changed_to))
      return invalid({{"measure", "must_be_lighter_than_decided"}});
    const auto before = case_state(*c);
    c->review_outcome = *outcome;
    c->review_reasons = in.reasons;
    c->reviewed_on = local_date(now);
    c->status = *next;
    c->updated_at = now;
    if (*outcome != ReviewOutcome::upheld) {
      reverse_effects(tx, *c, now);
      if (*outcome == ReviewOutcome::changed) {
        c->measure = *changed_to;
        if (c->measure == MeasureClass::notice && !c->rectification_due)
          c->rectification_due = ctx_.calendar.add_working_days(local_date(now), policy_.rectification_working_days);
        if (auto ok = apply_effects(tx, *c, now); !ok) return std::unexpected(ok.error());
      }
    }
    NotificationService::notify(tx, ctx_, case_decision_notice(*c, true), now);
    return save_step(tx, actor, now, *c, "case.review_decision", before);
  });
}

Result<CaseRecord> EnforcementService::close(const Actor& actor, std::int64_t id, const std::string& record) {
  std::vector<FieldProblem> problems;
  text_problem(problems, "record", record, false, 20000);
  if (!problems.empty()) return invalid(problems);
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<CaseRecord> {
    auto c = load_for_authority(tx, actor, id);
    if (!c) return c;
    auto next = next_case_status(c->status, CaseStep::close);
    if (!next) next = next_case_status(c->status, CaseStep::drop);
    if (!next) return step_refused(*c, CaseStep::close);
    // S19: the interview's record 约谈记录 is kept with the case.
    if (*next == CaseStatus::closed && c->measure == MeasureClass::interview && in_force(*c) && record.empty())
      return invalid({{"record", "required_for_an_interview"}});
    const auto before = case_state(*c);
    c->status = *next;
    c->record = record;
    c->updated_at = now;
    return save_step(tx, actor, now, *c, "case.close", before);
  });
}

Result<CaseRecord> EnforcementService::verify_rectification(const Actor& actor, std::int64_t id,
                                                            std::int64_t inspection_id) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<CaseRecord> {
    auto c = load_for_authority(tx, actor, id);
    if (!c) return c;
    if (c->measure != MeasureClass::notice || !in_force(*c) || c->rectification_verified_on)
      return conflict("没有待核验的整改", "No rectification waits for verification");
    // S20: 暂停评价活动并限期整改 — lifted when an inspection after the decision finds it done.
    auto i = InspectionRepo(tx).find(inspection_id);
    if (!i || i->institution_id != c->institution_id || i->status != InspectionStatus::completed ||
        i->outcome != InspectionOutcome::pass || !i->completed_at || local_date(*i->completed_at) < *c->decided_on)
      return invalid({{"inspection_id", "must_be_a_passed_inspection_of_the_institution_after_the_decision"}});
    const auto before = case_state(*c);
    c->rectification_verified_on = local_date(now);
    c->effects["rectification_inspection"] = inspection_id;
    // The suspension ends; the notice stays on the record, and so do its other effects (S18 voiding).
    settle_suspension(tx, *c);
    c->updated_at = now;
    CaseRepo(tx).save(*c);
    record_change(tx, actor, now, {"case.rectification_verified", "case", std::to_string(id), c->authority_code,
                                   c->institution_id, before,
                                   {{"rectification_verified_on", c->rectification_verified_on->to_string()},
                                    {"inspection_id", inspection_id}}});
    return *CaseRepo(tx).find(id);
  });
}

// ---- effects ------------------------------------------------------------------------------

Status EnforcementService::apply_effects(Tx& tx, CaseRecord& c, Instant now) {
  RegistryRepo registry(tx);
  auto inst = registry.institution(c.institution_id);
  if (!inst) return not_found("institution");
  // S18: 宣布有关参评人员证书或评价成绩无效 — the certificates named, and the results of the
  // candidates named with any certificate issued on them.
  if (c.voids_results || c.measure == MeasureClass::void_results) {
    CertificateRepo certs(tx);
    CandidateRepo candidates(tx);
    PlanRepo plans(tx);
    std::vector<FieldProblem> problems;
    std::string items;
    for (const auto& code : c.items)
      if (code.starts_with("S18")) items += (items.empty() ? "" : "、") + code;
    const std::string reason = "依据" + c.case_no + "（监督管理办法第十八条 " + items + "）宣布无效";
    nlohmann::json voided = nlohmann::json::array(), results = nlohmann::json::array();
    auto void_certificate = [&](const std::string& no) {
      auto cert = certs.find(no);
      if (!cert || cert->institution_id != c.institution_id) return false;
      if (cert->status != CertificateStatus::voided) {
        certs.void_certificate(cert->cert_no, reason, now);
        voided.push_back(cert->cert_no);
      }
      return true;
    };
    for (std::size_t i = 0; i < c.certificates.size(); ++i)
      if (!void_certificate(c.certificates[i]))
        problems.push_back({"certificates[" + std::to_string(i) + "]", "not_a_certificate_of_the_institution"});
    for (std::size_t i = 0; i < c.candidates.size(); ++i) {
      auto& named = c.candidates[i];
      auto cand = candidates.find(named.id);
      auto plan = cand ? plans.find(cand->plan_id) : std::nullopt;
      if (!plan || plan->institution_id != c.institution_id) {
        problems.push_back({"candidates[" + std::to_string(i) + "]", "not_a_candidate_of_the_institution"});
        continue;
      }
      named = {cand->id, cand->plan_id, cand->name};
      if (cand->result != ExamResult::voided) {
        candidates.void_result(cand->id);
        results.push_back({{"candidate_id", cand->id}, {"prior", to_string(cand->result)}});
      }
      if (auto no = certs.certificate_of_candidate(cand->id)) void_certificate(*no);
    }
    if (!problems.empty()) return invalid(problems);
    c.effects["voided"] = voided;
    if (!results.empty()) c.effects["results_voided"] = results;
  }
  // S20: 出具书面通知、暂停评价活动并限期整改 — this notice (not saved yet) awaits its rectification.
  if (c.measure == MeasureClass::notice) {
    const auto next = status_under_notices(inst->status, true);
    if (next != inst->status) registry.update_institution_status(inst->id, next);
    if (next == InstitutionStatus::suspended) c.effects["suspended"] = true;
  }
  // S21: 取消其评价资格，退出评价机构目录清单 — and its open plans are closed.
  if (c.measure == MeasureClass::cancellation && inst->status != InstitutionStatus::revoked) {
    c.effects["prior_status"] = std::string(to_string(inst->status));
    registry.update_institution_status(inst->id, InstitutionStatus::revoked);
    PlanRepo plans(tx);
    nlohmann::json closed = nlohmann::json::array();
    for (auto plan : plans.open_plans_of(inst->id)) {
      plans.cancel(plan, "评价资格已依据" + c.case_no + "取消（监督管理办法第二十一条）", now);
      closed.push_back(plan);
    }
    c.effects["plans_closed"] = closed;
  }
  return {};
}

void EnforcementService::reverse_effects(Tx& tx, CaseRecord& c, Instant now) {
  (void)now;
  RegistryRepo registry(tx);
  auto inst = registry.institution(c.institution_id);
  if (!inst) return;
  if (c.effects.contains("voided")) {
    CertificateRepo certs(tx);
    for (const auto& no : c.effects["voided"]) certs.restore_certificate(no.get<std::string>());
    c.effects.erase("voided");
  }
  if (c.effects.contains("results_voided")) {
    CandidateRepo candidates(tx);
    for (const auto& r : c.effects["results_voided"])
      candidates.restore_result(r.value("candidate_id", std::int64_t{0}),
                                parse_exam_result(r.value("prior", "")).value_or(ExamResult::pending));
    c.effects.erase("results_voided");
  }
  const bool status_held = c.measure == MeasureClass::notice || c.effects.contains("suspended") ||
                           c.effects.contains("prior_status");
  if (c.effects.contains("prior_status") && inst->status == InstitutionStatus::revoked) {
    // Plans closed by the cancellation stay closed; the institution publishes them again.
    registry.update_institution_status(
        inst->id, parse_institution_status(c.effects["prior_status"].get<std::string>()).value_or(InstitutionStatus::active));
    c.effects.erase("prior_status");
  }
  // The status restored may be a suspension whose notices have been verified since, or an active
  // one while a notice decided during the cancellation awaits its rectification.
  if (status_held) settle_suspension(tx, c);
}

// S20: this case no longer keeps the institution suspended; the suspension follows the other
// notices in force that still await their rectification, whatever order they were decided,
// verified or reversed in.
void EnforcementService::settle_suspension(Tx& tx, CaseRecord& c) {
  RegistryRepo registry(tx);
  auto inst = registry.institution(c.institution_id);
  if (!inst) return;
  const bool awaited = CaseRepo(tx).notices_awaiting_rectification(c.institution_id, c.id) > 0;
  const auto next = status_under_notices(inst->status, awaited);
  if (next != inst->status) registry.update_institution_status(inst->id, next);
  if (c.effects.contains("suspended")) c.effects["suspended"] = false;
}

// ---- reads -------------------------------------------------------------------------------

Result<CaseRecord> EnforcementService::get(const Actor& actor, std::int64_t id) {
  return ctx_.db.read([&](Tx& tx) { return load(tx, actor, id); });
}

Result<std::string> EnforcementService::document(const Actor& actor, std::int64_t id, std::string_view kind) {
  auto c = get(actor, id);
  if (!c) return std::unexpected(c.error());
  const auto* region = ctx_.regions.find(c->authority_code);
  const std::string authority = c->authority_code == "330000" ? "浙江省人力资源和社会保障厅"
                                : region                       ? region->name + "人力资源和社会保障局"
                                                               : "人力资源和社会保障部门";
  auto doc = case_document(*c, kind, authority, ViolationCatalogue::standard(), policy_.statement_working_days);
  if (!doc) return std::unexpected(doc.error());
  return pdf::render(*doc);
}

Result<Page<CaseRecord>> EnforcementService::list(const Actor& actor, const CaseFilter& f) {
  CaseQuery q;
  if (is_authority(actor.role)) q.authorities = ctx_.regions.subtree(actor.region_code);
  else if (is_institution_role(actor.role) && actor.institution_id) q.institution = actor.institution_id;
  else return forbidden();
  q.status = f.status;
  q.institution_id = f.institution_id;
  q.page = f.page;
  return ctx_.db.read([&](Tx& tx) -> Result<Page<CaseRecord>> { return CaseRepo(tx).list(q); });
}

Result<Page<CaseRecord>> EnforcementService::public_sanctions(std::optional<std::int64_t> institution_id,
                                                              PageRequest page) {
  CaseQuery q;
  q.public_only = true;
  q.institution_id = institution_id;
  q.page = page;
  return ctx_.db.read([&](Tx& tx) -> Result<Page<CaseRecord>> { return CaseRepo(tx).list(q); });
}

Result<int> EnforcementService::open_due_cases(Date as_of) {
  const Instant now = ctx_.clock.now();
  auto due = ctx_.db.read([&](Tx& tx) -> Result<std::map<std::int64_t, DueFacts>> {
    return CaseRepo(tx).due_facts(as_of, now);
  });
  if (!due) return std::unexpected(due.error());
  int opened = 0;
  for (const auto& [institution, facts] : *due) {
    for (const auto& item : due_items(facts, as_of)) {
      auto done = ctx_.db.write([&](Tx& tx) -> Result<bool> {
        CaseRepo repo(tx);
        if (repo.open_case_with_item(institution, item, now - kYear)) return false;
        auto inst = RegistryRepo(tx).institution(institution);
        if (!inst) return false;
        // S20(1), S21(1): escalated by the measures already in force, as any case.
        CaseFacts facts{{item}, false, repo.measures_in_force(institution, MeasureClass::interview, 0),
                        repo.measures_in_force(institution, MeasureClass::notice, 0)};
        auto proposed = propose_measure(facts, ViolationCatalogue::standard());
        if (!proposed) return std::unexpected(proposed.error());
        CaseRecord c;
        c.institution_id = institution;
        c.authority_code = inst->authority_code;
        c.origin = "daily_job";
        c.items = proposed->items;
        c.escalation = proposed->reasons;
        c.facts = "每日任务于" + as_of.to_string() + "发现：" + ViolationCatalogue::standard().find(item)->text_zh;
        c.measure = proposed->measure;
        c.created_at = c.updated_at = now;
        c.case_no = repo.next_case_no(inst->authority_code, case_number_prefix(inst->authority_code), as_of.year);
        c.id = repo.insert(c);
        record_change(tx, system_actor(), now, {"case.open", "case", std::to_string(c.id), c.authority_code,
                                                institution, nullptr, case_state(c)});
        return true;
      });
      if (!done) return std::unexpected(done.error());
      opened += *done ? 1 : 0;
    }
  }
  return opened;
}

}  // namespace skillreg
