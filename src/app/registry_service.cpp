#include "app/registry_service.hpp"

#include <algorithm>
#include <set>

#include "app/audit_trail.hpp"
#include "app/notification_service.hpp"
#include "core/validators.hpp"
#include "domain/registry/evidence.hpp"
#include "domain/registry/exam_site_rules.hpp"
#include "domain/registry/validity.hpp"
#include "core/crypto.hpp"
#include "store/case_repo.hpp"
#include "store/inspection_repo.hpp"
#include "store/reference_repo.hpp"

namespace skillreg {

namespace {

nlohmann::json scope_json(const std::vector<ScopeItem>& scope) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : scope) out.push_back({{"subject_code", s.subject_code}, {"levels", s.levels}});
  return out;
}

nlohmann::json application_snapshot(const Application& a) {
  return {{"purpose", to_string(a.purpose)},
          {"kind", to_string(a.kind)},           {"status", to_string(a.status)},
          {"credit_code", a.credit_code},        {"name", a.name},
          {"authority_code", a.authority_code},  {"region_code", a.region_code},
          {"scope", scope_json(a.scope)},        {"reasons", a.reasons},
          {"publicity_ends", a.publicity_ends ? a.publicity_ends->to_string() : ""}};
}

nlohmann::json institution_snapshot(const Institution& i) {
  return {{"code", i.code},           {"kind", to_string(i.kind)},
          {"name", i.name},           {"status", to_string(i.status)},
          {"authority_code", i.authority_code}, {"valid_until", i.valid_until.to_string()},
          {"scope", scope_json(i.scope)}};
}

bool is_authority_role(Role r) { return is_authority(r); }

std::vector<FieldProblem> required_text(std::initializer_list<std::pair<const char*, const std::string*>> fields,
                                        std::size_t max_len = 200) {
  std::vector<FieldProblem> out;
  for (const auto& [name, value] : fields) {
    if (value->empty()) out.push_back({name, "required"});
    else if (value->size() > max_len) out.push_back({name, "too_long"});
  }
  return out;
}

// A validation failure that names the scope rule (M6) it broke, when it broke one.
std::unexpected<Error> scope_invalid(const std::vector<FieldProblem>& problems, const std::optional<Error>& rule) {
  auto e = invalid(problems);
  if (rule) {
    e.error().article = rule->article;
    e.error().message_zh = rule->message_zh;
    e.error().message_en = rule->message_en;
  }
  return e;
}

}  // namespace

Date RegistryService::today() const { return local_date(ctx_.clock.now()); }

bool RegistryService::manages(const Actor& actor, const std::string& authority_code) const {
  // S5 谁备案(遴选)、谁监管: the receiving authority and those above it.
  return is_authority_role(actor.role) && ctx_.regions.contains(actor.region_code, authority_code);
}

// ---- announcements (M9(2)) ---------------------------------------------------------------

Result<Announcement> RegistryService::announce(const Actor& actor, const NewAnnouncement& cmd) {
  if (!is_authority_role(actor.role)) return forbidden();
  const Region* region = ctx_.regions.find(actor.region_code);
  if (region == nullptr) return forbidden();
  auto problems = required_text({{"title", &cmd.title}, {"conditions", &cmd.conditions},
                                 {"assessment", &cmd.assessment}}, 4000);
  Announcement a;
  a.region_code = actor.region_code;
  a.title = cmd.title;
  a.conditions = cmd.conditions;
  a.assessment = cmd.assessment;
  a.created_by = actor.user_id;
  a.created_at = ctx_.clock.now();
  if (cmd.kinds.empty()) problems.push_back({"kinds", "required"});
  for (std::size_t i = 0; i < cmd.kinds.size(); ++i) {
    auto kind = parse_institution_kind(cmd.kinds[i]);
    const std::string field = "kinds[" + std::to_string(i) + "]";
    if (!kind || rules_of(*kind).filed) problems.push_back({field, "not_a_selected_kind"});  // M4
    else if (!may_receive(*kind, region->level)) problems.push_back({field, "not_received_at_this_level"});  // M9
    else a.kinds.push_back(*kind);
  }
  for (std::size_t i = 0; i < cmd.methods.size(); ++i) {
    if (std::ranges::find(review_methods(), cmd.methods[i]) == review_methods().end())
      problems.push_back({"methods[" + std::to_string(i) + "]", "unknown_review_method"});
  }
  a.methods = cmd.methods;
  if (cmd.methods.empty()) problems.push_back({"methods", "required"});
  auto opens = Date::parse(cmd.opens_on), closes = Date::parse(cmd.closes_on);
  if (!opens) problems.push_back({"opens_on", "must_be_date"});
  if (!closes) problems.push_back({"closes_on", "must_be_date"});
  if (opens && closes && *closes < *opens) problems.push_back({"closes_on", "before_opens_on"});
  if (!problems.empty()) {
    auto e = invalid(problems);
    e.error().article = "M9";
    return e;
  }
  a.opens_on = *opens;
  a.closes_on = *closes;
  return ctx_.db.write([&](Tx& tx) -> Result<Announcement> {
    a.id = RegistryRepo(tx).insert_announcement(a);
    record_change(tx, actor, a.created_at,
                  {"announcement.publish", "announcement", std::to_string(a.id), a.region_code,
                   std::nullopt, nullptr, {{"title", a.title}, {"opens_on", cmd.opens_on}, {"closes_on", cmd.closes_on}}});
    return a;
  });
}

Result<Page<Announcement>> RegistryService::announcements(const PageRequest& page) {
  return ctx_.db.read([&](Tx& tx) -> Result<Page<Announcement>> { return RegistryRepo(tx).announcements(page); });
}

Result<std::vector<std::pair<std::string, std::string>>> RegistryService::specs() {
  return ctx_.db.read([&](Tx& tx) -> Result<std::vector<std::pair<std::string, std::string>>> {
    return RegistryRepo(tx).specs();
  });
}

Status RegistryService::publish_spec(const Actor& actor, const std::string& code, const std::string& name) {
  // M6: the province publishes the specifications (after filing them with the ministry).
  if (actor.role != Role::province_admin) return forbidden();
  auto problems = required_text({{"code", &code}, {"name", &name}});
  if (!code.empty() && !is_spec_code(code)) problems.push_back({"code", "must_be_A-Z_0-9_and_dashes"});
  if (has_control_characters(name)) problems.push_back({"name", "control_characters"});
  if (!problems.empty()) return invalid(problems);
  return ctx_.db.write([&](Tx& tx) -> Status {
    RegistryRepo repo(tx);
    if (repo.spec_exists(code)) return conflict("规范编号已存在", "The specification code exists");
    repo.insert_spec(code, name, today());
    record_change(tx, actor, ctx_.clock.now(),
                  {"spec.publish", "special_ability_spec", code, "330000", std::nullopt, nullptr,
                   {{"code", code}, {"name", name}}});
    return {};
  });
}

// ---- applications -----------------------------------------------------------------------

// M6 the requested scope, M7/M8 every checklist item answered and nothing else, M11 subsidiaries
// only for employers. Problems are appended; the first scope rule broken is returned so the
// answer can name its article.
std::optional<Error> RegistryService::check_requested_scope(Tx& tx, InstitutionKind kind,
                                                            const std::vector<ScopeItem>& scope,
                                                            const std::vector<ChecklistAnswer>& checklist,
                                                            const std::vector<std::string>& subsidiaries,
                                                            std::vector<FieldProblem>& problems) {
  RegistryRepo repo(tx);
  // M6: the requested scope.
  if (scope.empty()) problems.push_back({"scope", "required"});
  ReferenceRepo reference(tx);
  std::optional<Error> scope_rule;
  for (std::size_t i = 0; i < scope.size(); ++i) {
    const auto& item = scope[i];
    SubjectFacts facts;
    if (auto occ = reference.occupation(item.subject_code)) {
      facts = {true, true, occ->in_catalog};
    } else if (repo.spec_exists(item.subject_code)) {
      facts = {true, false, false};
    }
    if (auto ok = check_scope_item(kind, item, facts, "scope[" + std::to_string(i) + "]"); !ok) {
      problems.insert(problems.end(), ok.error().details.begin(), ok.error().details.end());
      if (!ok.error().article.empty() && !scope_rule) scope_rule = ok.error();  // M6: say which pair and why
    }
  }
  // M7, M8: every checklist item answered, and nothing else.
  std::set<std::string> expected;
  for (const auto& item : eligibility_checklist(kind)) expected.insert(item.key);
  std::set<std::string> answered;
  for (const auto& c : checklist) {
    if (!expected.contains(c.key)) problems.push_back({"checklist." + c.key, "not_a_condition_of_this_kind"});
    else if (c.statement.empty()) problems.push_back({"checklist." + c.key, "required"});
    else answered.insert(c.key);
  }
  for (const auto& key : expected)
    if (!answered.contains(key)) problems.push_back({"checklist." + key, "required"});
  if (!subsidiaries.empty() && kind != InstitutionKind::employer)
    problems.push_back({"subsidiaries", "only_for_employers"});  // M11
  return scope_rule;
}

Status RegistryService::check_draft(Tx& tx, const Actor& actor, const ApplicationDraft& d,
                                    InstitutionKind kind, std::string& authority_code) {
  const auto& rules = rules_of(kind);
  auto problems = required_text({{"name", &d.name}, {"address", &d.address}, {"contact", &d.contact},
                                 {"phone", &d.phone}});
  if (!d.phone.empty() && !is_phone_number(d.phone)) problems.push_back({"phone", "not_a_phone_number"});
  for (const auto& [field, value] : {std::pair{"name", &d.name}, {"address", &d.address}, {"contact", &d.contact}})
    if (has_control_characters(*value)) problems.push_back({field, "control_characters"});
  if (auto cc = check_credit_code(d.credit_code); !cc)
    for (const auto& p : cc.error().details) problems.push_back({"credit_code", p.problem});
  const Region* location = ctx_.regions.find(d.region_code);
  if (location == nullptr) problems.push_back({"region_code", "unknown_region"});

  RegistryRepo repo(tx);
  // Who receives it (M9): the announcement's authority, or for appraisal the named authority.
  if (rules.filed) {
    if (actor.role != Role::qualification_dept) return forbidden();  // M9(1)
    authority_code = d.authority_code;
  } else {
    if (actor.role != Role::institution_admin || actor.institution_id) return forbidden();
    if (!d.announcement_id) {
      problems.push_back({"announcement_id", "required"});
    } else if (auto a = repo.announcement(*d.announcement_id); !a) {
      problems.push_back({"announcement_id", "unknown_announcement"});
    } else if (std::ranges::find(a->kinds, kind) == a->kinds.end()) {
      problems.push_back({"kind", "not_in_announcement"});
    } else {
      authority_code = a->region_code;
    }
  }
  const Region* authority = ctx_.regions.find(authority_code);
  if (!authority_code.empty() && authority == nullptr) problems.push_back({"authority_code", "unknown_region"});
  if (authority && !may_receive(kind, authority->level)) problems.push_back({"authority_code", "may_not_receive_this_kind"});
  // 按隶属关系: the institution sits inside the receiving authority's region.
  if (authority && location && !ctx_.regions.contains(authority_code, d.region_code))
    problems.push_back({"region_code", "outside_the_authority's_region"});
  if (kind == InstitutionKind::branch) {
    if (d.ministry_code.size() != 4 || d.ministry_code.find_first_not_of("0123456789") != std::string::npos ||
        d.ministry_code == "0000")
      problems.push_back({"ministry_code", "four_digit_ministry_code_required"});  // M13
  } else if (!d.ministry_code.empty() && d.ministry_code != "0000") {
    problems.push_back({"ministry_code", "only_for_branches"});
  }
  auto scope_rule = check_requested_scope(tx, kind, d.scope, d.checklist, d.subsidiaries, problems);
  if (!problems.empty()) return scope_invalid(problems, scope_rule);
  // S21: a revoked institution's credit code is not accepted again.
  if (repo.credit_code_revoked(d.credit_code)) {
    auto e = conflict("该统一社会信用代码的机构已被取消评价资格，不再受理其申请",
                      "An institution with this credit code was revoked; no new application is accepted");
    e.error().article = "S21";
    return e;
  }
  if (repo.has_open_application(d.credit_code, 0))
    return conflict("该统一社会信用代码已有未办结的申请", "An open application exists for this credit code");
  return {};
}

Result<Application> RegistryService::create_application(const Actor& actor, const ApplicationDraft& d) {
  auto kind = parse_institution_kind(d.kind);
  if (!kind) return invalid({{"kind", "unknown_kind"}});
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<Application> {
    std::string authority_code;
    // S21: 不再受理其备案或遴选申请 — a cancellation in force bars the credit code.
    if (CaseRepo(tx).credit_code_barred(d.credit_code)) {
      auto e = conflict("该统一社会信用代码的评价资格已被取消，不再受理备案或遴选申请",
                        "The evaluation qualification of this credit code was cancelled; no new filing or application is accepted");
      e.error().article = "S21";
      e.error().details.push_back({"credit_code", "barred"});
      return std::unexpected(e.error());
    }
    if (auto ok = check_draft(tx, actor, d, *kind, authority_code); !ok) return std::unexpected(ok.error());
    Application a;
    a.kind = *kind;
    a.announcement_id = rules_of(*kind).filed ? std::nullopt : d.announcement_id;
    a.authority_code = authority_code;
    a.applicant_id = actor.user_id;
    a.credit_code = d.credit_code;
    a.name = d.name;
    a.address = d.address;
    a.region_code = d.region_code;
    a.contact = d.contact;
    a.phone = d.phone;
    a.ministry_code = d.ministry_code.empty() ? "0000" : d.ministry_code;
    a.scope = d.scope;
    a.checklist = d.checklist;
    a.subsidiaries = d.subsidiaries;
    a.created_at = a.updated_at = now;
    a.id = RegistryRepo(tx).insert_application(a);
    record_change(tx, actor, now, {"application.create", "application", std::to_string(a.id),
                                   a.authority_code, std::nullopt, nullptr, application_snapshot(a)});
    return a;
  });
}

Result<Application> RegistryService::load_application(Tx& tx, const Actor& actor, std::int64_t id) {
  auto a = RegistryRepo(tx).application(id);
  if (!a) return not_found("application");
  if (a->applicant_id == actor.user_id || manages(actor, a->authority_code)) return *a;
  return not_found("application");
}

Result<Application> RegistryService::load_managed_application(Tx& tx, const Actor& actor, std::int64_t id) {
  auto a = load_application(tx, actor, id);
  if (!a) return a;
  if (!manages(actor, a->authority_code)) return forbidden();
  return a;
}

Result<Page<Application>> RegistryService::applications(const Actor& actor, std::optional<std::string> status,
                                                        const PageRequest& page) {
  ApplicationQuery q;
  q.page = page;
  if (status) {
    q.status = parse_application_status(*status);
    if (!q.status) return bad_request({{"status", "unknown_status"}});
  }
  if (is_authority_role(actor.role)) q.authorities = ctx_.regions.subtree(actor.region_code);
  else q.applicant_id = actor.user_id;
  return ctx_.db.read([&](Tx& tx) -> Result<Page<Application>> { return RegistryRepo(tx).applications(q); });
}

Result<ApplicationView> RegistryService::application(const Actor& actor, std::int64_t id) {
  return ctx_.db.read([&](Tx& tx) -> Result<ApplicationView> {
    auto a = load_application(tx, actor, id);
    if (!a) return std::unexpected(a.error());
    RegistryRepo repo(tx);
    return ApplicationView{*a, repo.reviews(id), repo.objections(id), repo.evidence(id)};
  });
}

Result<Application> RegistryService::transition(const Actor& actor, std::int64_t id, ApplicationAction action,
                                                const std::string& reasons, const char* audit_action) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<Application> {
    auto a = action == ApplicationAction::submit ? load_application(tx, actor, id)
                                                 : load_managed_application(tx, actor, id);
    if (!a) return a;
    if (action == ApplicationAction::submit && a->applicant_id != actor.user_id) return forbidden();
    const Application before = *a;
    auto next = next_application_status(a->kind, a->status, action);
    if (!next) return std::unexpected(next.error());
    RegistryRepo repo(tx);
    if (action == ApplicationAction::submit && a->announcement_id) {
      // M9(2): only inside the announcement's application window.
      auto ann = repo.announcement(*a->announcement_id);
      const Date d = today();
      if (!ann || d < ann->opens_on || d > ann->closes_on) {
        auto e = conflict("不在遴选公告的申报时间内", "Outside the announcement's application window");
        e.error().article = "M9(2)";
        return std::unexpected(e.error());
      }
    }
    if (action == ApplicationAction::submit && repo.has_open_application(a->credit_code, a->id) )
      return std::unexpected(conflict("该统一社会信用代码已有未办结的申请", "An open application exists for this credit code").error());
    a->status = *next;
    a->reasons = reasons;
    a->updated_at = now;
    repo.update_application(*a);
    record_change(tx, actor, now, {audit_action, "application", std::to_string(id), a->authority_code,
                                   std::nullopt, application_snapshot(before), application_snapshot(*a)});
    return a;
  });
}

Result<Application> RegistryService::submit(const Actor& actor, std::int64_t id) {
  return transition(actor, id, ApplicationAction::submit, "", "application.submit");
}

Result<EvidenceFile> RegistryService::attach_evidence(const Actor& actor, std::int64_t id,
                                                     const std::string& item_key, const std::string& file_name,
                                                     const std::string& content_type, const std::string& bytes) {
  if (auto ok = check_evidence(file_name, content_type, bytes); !ok) return std::unexpected(ok.error());
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<EvidenceFile> {
    auto a = load_application(tx, actor, id);
    if (!a) return std::unexpected(a.error());
    if (a->applicant_id != actor.user_id) return forbidden();
    if (a->status != ApplicationStatus::draft && a->status != ApplicationStatus::returned)
      return std::unexpected(conflict("申请已提交，不能再补充材料", "Material can be added only to a draft or returned application").error());
    bool known = false;
    for (const auto& item : eligibility_checklist(a->kind)) known |= item.key == item_key;
    if (!known) return invalid({{"item", "not_a_condition_of_this_kind"}});
    EvidenceFile e{0, id, item_key, file_name, content_type, crypto::sha256_hex(bytes),
                   static_cast<std::int64_t>(bytes.size()), actor.user_id, now};
    e.id = RegistryRepo(tx).insert_evidence(e, crypto::base64_encode(bytes));
    record_change(tx, actor, now, {"application.evidence", "application", std::to_string(id), a->authority_code,
                                   std::nullopt, nullptr,
                                   {{"evidence_id", e.id}, {"item", item_key}, {"file_name", file_name},
                                    {"sha256", e.sha256}, {"size", e.size}}});
    return e;
  });
}

Result<std::pair<EvidenceFile, std::string>> RegistryService::evidence_file(const Actor& actor, std::int64_t id,
                                                                            std::int64_t evidence_id) {
  return ctx_.db.read([&](Tx& tx) -> Result<std::pair<EvidenceFile, std::string>> {
    auto a = load_application(tx, actor, id);
    if (!a) return std::unexpected(a.error());
    auto found = RegistryRepo(tx).evidence_with_content(evidence_id);
    if (!found || found->first.application_id != id) return not_found("evidence");
    std::string bytes = crypto::base64_decode(found->second);
    // The hash recorded at upload is checked on every read: stored evidence never silently changes.
    if (crypto::sha256_hex(bytes) != found->first.sha256)
      return fail(ErrorKind::internal, "证明材料校验失败", "The evidence file failed its integrity check");
    return std::pair{found->first, std::move(bytes)};
  });
}

Result<Application> RegistryService::return_for_material(const Actor& actor, std::int64_t id,
                                                         const std::string& reasons) {
  if (reasons.empty()) return invalid({{"reasons", "required"}});
  return transition(actor, id, ApplicationAction::return_it, reasons, "application.return");
}

Result<Application> RegistryService::reject(const Actor& actor, std::int64_t id, const std::string& reasons) {
  if (reasons.empty()) return invalid({{"reasons", "required"}});
  return transition(actor, id, ApplicationAction::reject, reasons, "application.reject");
}

Result<Application> RegistryService::review(const Actor& actor, std::int64_t id, const ReviewInput& input) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<Application> {
    auto a = load_managed_application(tx, actor, id);
    if (!a) return a;
    const Application before = *a;
    if (a->status == ApplicationStatus::submitted) {
      auto next = next_application_status(a->kind, a->status, ApplicationAction::start_review);
      if (!next) return std::unexpected(next.error());
      a->status = *next;
    }
    if (a->status != ApplicationStatus::under_review)
      return std::unexpected(conflict("申请不在评审阶段", "The application is not under review").error());
    // A finding for every checklist item of the kind (M7, M8), and for nothing else.
    std::set<std::string> expected, seen;
    for (const auto& item : eligibility_checklist(a->kind)) expected.insert(item.key);
    std::vector<FieldProblem> problems;
    for (const auto& [key, met] : input.findings) {
      if (!expected.contains(key)) problems.push_back({"findings." + key, "not_a_condition_of_this_kind"});
      seen.insert(key);
    }
    for (const auto& key : expected)
      if (!seen.contains(key)) problems.push_back({"findings." + key, "required"});
    const bool all_met = std::ranges::all_of(input.findings, [](const auto& f) { return f.second; });
    if (input.pass && !all_met) problems.push_back({"pass", "conditions_not_all_met"});
    if (!problems.empty()) return invalid(problems);
    RegistryRepo repo(tx);
    Review r{0, id, actor.user_id, input.findings, input.pass, input.comment, now};
    r.id = repo.insert_review(r);
    a->updated_at = now;
    repo.update_application(*a);
    record_change(tx, actor, now, {"application.review", "application", std::to_string(id), a->authority_code,
                                   std::nullopt, application_snapshot(before),
                                   {{"review_id", r.id}, {"pass", r.pass}, {"status", to_string(a->status)}}});
    return a;
  });
}

Result<Application> RegistryService::start_publicity(const Actor& actor, std::int64_t id) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<Application> {
    auto a = load_managed_application(tx, actor, id);
    if (!a) return a;
    if (!rules_of(a->kind).public_notice)
      return std::unexpected(conflict("该类机构不需要公示", "This kind of institution is not publicly noticed").error());
    RegistryRepo repo(tx);
    const auto reviews = repo.reviews(id);
    if (reviews.empty() || !std::ranges::all_of(reviews, [](const Review& r) { return r.pass; }))
      return std::unexpected(conflict("评审尚未全部通过", "Not every review has passed").error());
    auto next = next_application_status(a->kind, a->status, ApplicationAction::pass_review);
    if (!next) return std::unexpected(next.error());
    const Application before = *a;
    a->status = *next;
    // M9(2) 公示: the notice runs for the policy's number of working days (default 5).
    a->publicity_ends = ctx_.calendar.add_working_days(today(), policy_.publicity_working_days);
    a->updated_at = now;
    repo.update_application(*a);
    record_change(tx, actor, now, {"application.publicity", "application", std::to_string(id), a->authority_code,
                                   std::nullopt, application_snapshot(before), application_snapshot(*a)});
    return a;
  });
}

Result<Objection> RegistryService::object(std::int64_t id, const std::string& content, const std::string& contact) {
  if (content.empty()) return invalid({{"content", "required"}});
  if (content.size() > 4000) return invalid({{"content", "too_long"}});
  if (contact.size() > 200) return invalid({{"contact", "too_long"}});
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<Objection> {
    RegistryRepo repo(tx);
    auto a = repo.application(id);
    // Only an application under public notice is public; others do not exist for the public.
    if (!a || a->status != ApplicationStatus::publicity) return not_found("application under public notice");
    Objection o{0, id, content, contact, std::nullopt, now};
    o.id = repo.insert_objection(o);
    Actor public_actor{0, "public", Role::examiner, a->authority_code, std::nullopt};
    record_change(tx, public_actor, now, {"application.objection", "application", std::to_string(id),
                                          a->authority_code, std::nullopt, nullptr, {{"objection_id", o.id}}});
    return o;
  });
}

Status RegistryService::resolve_objection(const Actor& actor, std::int64_t id, std::int64_t objection_id,
                                          const std::string& resolution) {
  if (resolution.empty()) return invalid({{"resolution", "required"}});
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Status {
    auto a = load_managed_application(tx, actor, id);
    if (!a) return std::unexpected(a.error());
    RegistryRepo repo(tx);
    const auto all = repo.objections(id);
    auto it = std::ranges::find(all, objection_id, &Objection::id);
    if (it == all.end()) return not_found("objection");
    if (it->resolution) return conflict("异议已处理", "The objection is already resolved");
    repo.resolve_objection(objection_id, resolution, now);
    record_change(tx, actor, now, {"application.objection_resolved", "application", std::to_string(id),
                                   a->authority_code, std::nullopt, nullptr,
                                   {{"objection_id", objection_id}, {"resolution", resolution}}});
    return {};
  });
}

Result<Receipt> RegistryService::approve(const Actor& actor, std::int64_t id) {
  const Instant now = ctx_.clock.now();
  const Date d = today();
  return ctx_.db.write([&](Tx& tx) -> Result<Receipt> {
    auto a = load_managed_application(tx, actor, id);
    if (!a) return std::unexpected(a.error());
    RegistryRepo repo(tx);
    const Application before = *a;
    ApplicationAction action = ApplicationAction::pass_review;
    if (rules_of(a->kind).filed) action = ApplicationAction::file;  // M9(1)
    else if (a->status == ApplicationStatus::publicity) action = ApplicationAction::end_publicity;
    if (action == ApplicationAction::pass_review) {
      const auto reviews = repo.reviews(id);
      if (reviews.empty() || !std::ranges::all_of(reviews, [](const Review& r) { return r.pass; }))
        return std::unexpected(conflict("评审尚未全部通过", "Not every review has passed").error());
    }
    if (action == ApplicationAction::end_publicity) {
      // M9(2): 公示无异议 — the period has run and every objection is resolved.
      if (!a->publicity_ends || d < *a->publicity_ends) {
        auto e = conflict("公示期尚未结束", "The public notice has not ended");
        e.error().article = "M9(2)";
        return std::unexpected(e.error());
      }
      for (const auto& o : repo.objections(id))
        if (!o.resolution) {
          auto e = conflict("尚有未处理的公示异议", "An objection to the public notice is unresolved");
          e.error().article = "M9(2)";
          return std::unexpected(e.error());
        }
    }
    auto next = next_application_status(a->kind, a->status, action);
    if (!next) return std::unexpected(next.error());
    if (*next != ApplicationStatus::approved && *next != ApplicationStatus::filed) {
      // M9(2): a social organisation is approved only after its public notice.
      auto e = conflict("社会评价组织须经公示后方可批准", "A social organisation is approved only after its public notice");
      e.error().article = "M9(2)";
      return std::unexpected(e.error());
    }
    if (repo.credit_code_revoked(a->credit_code)) {  // S21, checked again at the decision
      auto e = conflict("该机构已被取消评价资格", "This credit code belongs to a revoked institution");
      e.error().article = "S21";
      return std::unexpected(e.error());
    }
    if (a->purpose == ApplicationPurpose::scope_change) return apply_scope_change(tx, actor, *a, *next, now);
    // The unified code: kind letter, ministry code, 33, a province-wide sequence (API.md).
    Institution inst;
    inst.code = make_institution_code(rules_of(a->kind).code_letter, a->ministry_code, repo.next_code_sequence());
    inst.kind = a->kind;
    inst.name = a->name;
    inst.credit_code = a->credit_code;
    inst.address = a->address;
    inst.region_code = a->region_code;
    inst.authority_code = a->authority_code;
    inst.contact = a->contact;
    inst.phone = inst.public_phone = a->phone;
    inst.status = InstitutionStatus::active;
    inst.approved_on = d;
    inst.valid_until = validity_end(d);  // M23: three years
    inst.scope = a->scope;
    inst.subsidiaries = a->subsidiaries;  // M11
    inst.created_at = now;
    inst.id = repo.insert_institution(inst);
    a->status = *next;
    a->institution_id = inst.id;
    a->updated_at = now;
    repo.update_application(*a);
    if (a->kind != InstitutionKind::appraisal) repo.link_user_to_institution(a->applicant_id, inst.id);
    record_change(tx, actor, now, {"application.approve", "application", std::to_string(id), a->authority_code,
                                   inst.id, application_snapshot(before), application_snapshot(*a)});
    record_change(tx, actor, now, {"institution.create", "institution", std::to_string(inst.id),
                                   inst.authority_code, inst.id, nullptr, institution_snapshot(inst)});
    const Region* authority = ctx_.regions.find(inst.authority_code);
    return Receipt{inst, authority ? authority->name : inst.authority_code};
  });
}

// M22: the approved scope replaces the granted one; the application records the decision.
Result<Receipt> RegistryService::apply_scope_change(Tx& tx, const Actor& actor, Application& a,
                                                    ApplicationStatus next, Instant now) {
  RegistryRepo repo(tx);
  auto inst = repo.institution(*a.institution_id);
  if (!inst || !may_evaluate(inst->status))
    return std::unexpected(conflict("机构当前状态不允许变更评价范围", "The institution's status does not allow a scope change").error());
  const Application before = a;
  const Institution old = *inst;
  a.status = next;
  a.updated_at = now;
  repo.update_application(a);
  inst->scope = a.scope;
  if (inst->kind == InstitutionKind::employer) inst->subsidiaries = a.subsidiaries;  // M11
  repo.replace_scope(inst->id, inst->scope, inst->subsidiaries);
  record_change(tx, actor, now, {"application.approve", "application", std::to_string(a.id), a.authority_code,
                                 inst->id, application_snapshot(before), application_snapshot(a)});
  auto scope_of = [](const Institution& i) {
    return nlohmann::json{{"scope", scope_json(i.scope)}, {"subsidiaries", i.subsidiaries}};
  };
  record_change(tx, actor, now, {"institution.change_scope", "institution", std::to_string(inst->id),
                                 inst->authority_code, inst->id, scope_of(old), scope_of(*inst)});
  const Region* authority = ctx_.regions.find(inst->authority_code);
  return Receipt{*inst, authority ? authority->name : inst->authority_code};
}

Result<Application> RegistryService::request_scope_change(const Actor& actor, std::int64_t institution_id,
                                                          const ScopeChange& change) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<Application> {
    auto i = load_institution(tx, actor, institution_id);
    if (!i) return std::unexpected(i.error());
    // M22 按隶属关系提交: the institution itself, or for a filed appraisal institution the
    // qualification implementing department that filed it (M9(1)).
    const bool own = actor.role == Role::institution_admin && actor.institution_id == i->id;
    const bool filer = rules_of(i->kind).filed && actor.role == Role::qualification_dept;
    if (!own && !filer) return forbidden();
    if (!may_evaluate(i->status))
      return std::unexpected(conflict("机构当前状态不允许变更评价范围", "The institution's status does not allow a scope change").error());
    std::vector<FieldProblem> problems;
    auto rule = check_requested_scope(tx, i->kind, change.scope, change.checklist, change.subsidiaries, problems);
    if (change.reason.empty()) problems.push_back({"reason", "required"});
    else if (change.reason.size() > 4000) problems.push_back({"reason", "too_long"});
    if (!problems.empty()) return scope_invalid(problems, rule);
    RegistryRepo repo(tx);
    if (repo.has_open_application(i->credit_code, 0))
      return std::unexpected(conflict("该统一社会信用代码已有未办结的申请", "An open application exists for this credit code").error());
    Application a;
    a.purpose = ApplicationPurpose::scope_change;
    a.kind = i->kind;
    a.authority_code = i->authority_code;
    a.applicant_id = actor.user_id;
    a.credit_code = i->credit_code;
    a.name = i->name;
    a.address = i->address;
    a.region_code = i->region_code;
    a.contact = i->contact;
    a.phone = i->phone;
    a.ministry_code = i->code.substr(1, 4);
    a.scope = change.scope;
    a.checklist = change.checklist;
    a.subsidiaries = change.subsidiaries;
    a.reasons = change.reason;
    a.institution_id = i->id;
    a.created_at = a.updated_at = now;
    a.id = repo.insert_application(a);
    record_change(tx, actor, now, {"application.create", "application", std::to_string(a.id), a.authority_code,
                                   i->id, nullptr, application_snapshot(a)});
    return a;
  });
}

// ---- institutions -----------------------------------------------------------------------

Result<Institution> RegistryService::load_institution(Tx& tx, const Actor& actor, std::int64_t id) {
  auto i = RegistryRepo(tx).institution(id);
  if (!i) return not_found("institution");
  if (manages(actor, i->authority_code)) return *i;
  if (is_institution_role(actor.role) && actor.institution_id == i->id) return *i;
  return not_found("institution");
}

Result<Page<Institution>> RegistryService::institutions(const Actor& actor, InstitutionQuery q) {
  if (is_authority_role(actor.role)) q.authorities = ctx_.regions.subtree(actor.region_code);
  else if (is_institution_role(actor.role) && actor.institution_id) q.only_id = actor.institution_id;
  else return forbidden();
  return ctx_.db.read([&](Tx& tx) -> Result<Page<Institution>> { return RegistryRepo(tx).institutions(q); });
}

Result<Institution> RegistryService::institution(const Actor& actor, std::int64_t id) {
  return ctx_.db.read([&](Tx& tx) { return load_institution(tx, actor, id); });
}

Result<std::int64_t> RegistryService::request_renewal(const Actor& actor, std::int64_t institution_id) {
  const Instant now = ctx_.clock.now();
  const Date d = today();
  return ctx_.db.write([&](Tx& tx) -> Result<std::int64_t> {
    auto i = load_institution(tx, actor, institution_id);
    if (!i) return std::unexpected(i.error());
    if (actor.role != Role::institution_admin) return forbidden();
    // M23: only in the 3 months before the validity ends.
    const auto window = renewal_window(i->valid_until, d);
    if (window != RenewalWindow::open || !may_evaluate(i->status)) {
      auto e = conflict(window == RenewalWindow::too_early ? "有效期满前3个月内方可申请延续"
                                                           : "有效期已满或机构状态不允许延续",
                        window == RenewalWindow::too_early
                            ? "A renewal may be applied for only in the 3 months before validity ends"
                            : "The validity has ended or the status does not allow renewal");
      e.error().article = "M23";
      e.error().details.push_back({"valid_until", i->valid_until.to_string()});
      return std::unexpected(e.error());
    }
    RegistryRepo repo(tx);
    if (repo.pending_renewal(institution_id))
      return std::unexpected(conflict("已有待处理的延续申请", "A renewal is already pending").error());
    const auto id = repo.insert_renewal(institution_id, d);
    record_change(tx, actor, now, {"institution.renewal_request", "institution", std::to_string(institution_id),
                                   i->authority_code, i->id, nullptr, {{"renewal_id", id}}});
    // S15: 评价机构到期申请继续开展评价活动的，组织实施定期评估 — the request opens the periodic
    // evaluation, a self-evaluation the authority reviews.
    Inspection evaluation;
    evaluation.institution_id = institution_id;
    evaluation.authority_code = i->authority_code;
    evaluation.kind = InspectionKind::periodic_evaluation;
    evaluation.mode = InspectionMode::self_evaluation_review;
    evaluation.renewal_id = id;
    evaluation.scheduled_on = ctx_.calendar.add_working_days(d, 20);
    evaluation.created_by = actor.user_id;
    evaluation.created_at = now;
    for (const auto& item : s9_checklist()) evaluation.items.push_back({item.code, std::nullopt, ""});
    evaluation.id = InspectionRepo(tx).insert(evaluation);
    record_change(tx, actor, now, {"inspection.create", "inspection", std::to_string(evaluation.id), i->authority_code,
                                   i->id, nullptr, {{"kind", "periodic_evaluation"}, {"renewal_id", id}}});
    return id;
  });
}

Result<Institution> RegistryService::approve_renewal(const Actor& actor, std::int64_t institution_id) {
  const Instant now = ctx_.clock.now();
  const Date d = today();
  return ctx_.db.write([&](Tx& tx) -> Result<Institution> {
    auto i = load_institution(tx, actor, institution_id);
    if (!i) return i;
    if (!manages(actor, i->authority_code)) return forbidden();
    RegistryRepo repo(tx);
    auto pending = repo.pending_renewal(institution_id);
    if (!pending) return std::unexpected(conflict("没有待处理的延续申请", "No renewal is pending").error());
    if (has_expired(i->valid_until, d) || !may_evaluate(i->status)) {
      auto e = conflict("有效期已满或机构状态不允许延续", "The validity has ended or the status does not allow renewal");
      e.error().article = "M23";
      return std::unexpected(e.error());
    }
    // S15: renewal follows a passed periodic evaluation 定期评估.
    auto evaluation = InspectionRepo(tx).periodic_of_renewal(pending->first);
    if (!evaluation || evaluation->status != InspectionStatus::completed ||
        evaluation->outcome != InspectionOutcome::pass) {
      auto e = conflict("定期评估尚未通过", "The periodic evaluation has not been passed");
      e.error().article = "S15";
      if (evaluation) e.error().details.push_back({"inspection_id", std::to_string(evaluation->id)});
      return std::unexpected(e.error());
    }
    const Institution before = *i;
    i->valid_until = renewed_until(i->valid_until);  // M23: 3 years from the old end
    repo.update_validity(institution_id, i->valid_until);
    repo.decide_renewal(pending->first, "approved", d, i->valid_until);
    record_change(tx, actor, now, {"institution.renew", "institution", std::to_string(institution_id),
                                   i->authority_code, i->id, institution_snapshot(before), institution_snapshot(*i)});
    return i;
  });
}

Result<Institution> RegistryService::change_basic_info(const Actor& actor, std::int64_t institution_id,
                                                       const BasicInfo& info) {
  std::vector<FieldProblem> problems;
  auto check = [&](const char* field, const std::optional<std::string>& v, std::size_t max) {
    if (v && v->empty() && std::string(field) != "fees") problems.push_back({field, "required"});
    if (v && v->size() > max) problems.push_back({field, "too_long"});
  };
  check("name", info.name, 200);
  check("address", info.address, 200);
  check("contact", info.contact, 100);
  check("phone", info.phone, 50);
  check("public_phone", info.public_phone, 50);
  check("fees", info.fees, 4000);
  // S17: the public phone is shown in the directory; both phones must be phone numbers.
  if (info.phone && !info.phone->empty() && !is_phone_number(*info.phone)) problems.push_back({"phone", "not_a_phone_number"});
  if (info.public_phone && !info.public_phone->empty() && !is_phone_number(*info.public_phone))
    problems.push_back({"public_phone", "not_a_phone_number"});
  for (const auto& [field, value] : {std::pair{"name", &info.name}, {"address", &info.address}, {"contact", &info.contact}})
    if (*value && has_control_characters(**value)) problems.push_back({field, "control_characters"});
  if (info.fees && has_control_characters(*info.fees, true)) problems.push_back({"fees", "control_characters"});
  if (!info.name && !info.address && !info.contact && !info.phone && !info.public_phone && !info.fees)
    problems.push_back({"body", "no_change"});  // M21: a report changes something
  if (!problems.empty()) return invalid(problems);
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<Institution> {
    auto i = load_institution(tx, actor, institution_id);
    if (!i) return i;
    // M21: reported by the institution itself (按隶属关系报相应部门予以变更).
    if (actor.role != Role::institution_admin) return forbidden();
    if (!listed_in_directory(i->status))
      return std::unexpected(conflict("机构当前状态不允许变更", "The institution's status does not allow changes").error());
    const Institution before = *i;
    if (info.name) i->name = *info.name;
    if (info.address) i->address = *info.address;
    if (info.contact) i->contact = *info.contact;
    if (info.phone) i->phone = *info.phone;
    if (info.public_phone) i->public_phone = *info.public_phone;  // S17
    if (info.fees) i->fees = *info.fees;                          // M17
    auto basic = [](const Institution& x) {
      return nlohmann::json{{"name", x.name}, {"address", x.address}, {"contact", x.contact},
                            {"phone", x.phone}, {"public_phone", x.public_phone}, {"fees", x.fees}};
    };
    RegistryRepo repo(tx);
    repo.update_basic_info(*i);
    repo.insert_change(i->id, actor.user_id, basic(before).dump(), basic(*i).dump(), now);
    record_change(tx, actor, now, {"institution.change_basic_info", "institution", std::to_string(i->id),
                                   i->authority_code, i->id, basic(before), basic(*i)});
    return i;
  });
}

Result<std::vector<RegistryRepo::BasicInfoChange>> RegistryService::changes(const Actor& actor,
                                                                              std::int64_t institution_id) {
  return ctx_.db.read([&](Tx& tx) -> Result<std::vector<RegistryRepo::BasicInfoChange>> {
    auto i = load_institution(tx, actor, institution_id);
    if (!i) return std::unexpected(i.error());
    return RegistryRepo(tx).changes(institution_id);
  });
}

Result<Institution> RegistryService::terminate(const Actor& actor, std::int64_t institution_id,
                                               const std::string& reason) {
  if (reason.empty()) return invalid({{"reason", "required"}});
  if (reason.size() > 4000) return invalid({{"reason", "too_long"}});
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<Institution> {
    auto i = load_institution(tx, actor, institution_id);
    if (!i) return i;
    if (actor.role != Role::institution_admin) return forbidden();  // M24: 告知 by the institution
    auto next = apply_status_event(i->status, StatusEvent::terminate);
    if (!next) return std::unexpected(next.error());
    const Institution before = *i;
    i->status = *next;
    RegistryRepo(tx).update_institution_status(i->id, i->status);
    auto after = institution_snapshot(*i);
    after["reason"] = reason;
    record_change(tx, actor, now, {"institution.terminate", "institution", std::to_string(i->id),
                                   i->authority_code, i->id, institution_snapshot(before), after});
    return i;
  });
}

Result<ExamSite> RegistryService::request_exam_site(const Actor& actor, std::int64_t institution_id,
                                                    const std::string& name, const std::string& address,
                                                    const std::string& region_code) {
  auto problems = required_text({{"name", &name}, {"address", &address}});
  const Region* region = ctx_.regions.find(region_code);
  if (region == nullptr) problems.push_back({"region_code", "unknown_region"});
  else if (region->level != RegionLevel::county) problems.push_back({"region_code", "must_be_county"});
  if (!problems.empty()) return invalid(problems);
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<ExamSite> {
    auto i = load_institution(tx, actor, institution_id);
    if (!i) return std::unexpected(i.error());
    if (actor.role != Role::institution_admin) return forbidden();
    if (!may_evaluate(i->status))
      return std::unexpected(conflict("机构当前状态不允许增设考点", "The institution's status does not allow new exam sites").error());
    // M12: inside its own area the site needs no other authority's confirmation.
    ExamSite site{0, i->id, name, address, region_code,
                  initial_exam_site_status(ctx_.regions, i->region_code, region_code), "", now};
    site.id = RegistryRepo(tx).insert_exam_site(site);
    record_change(tx, actor, now, {"exam_site.request", "exam_site", std::to_string(site.id), region_code, i->id,
                                   nullptr, {{"name", name}, {"region_code", region_code}, {"status", to_string(site.status)}}});
    // M12: the authority of the site's area is told that a site waits for its confirmation.
    if (site.status == ExamSiteStatus::pending) {
      Notice n;
      n.kind = "exam_site_requested";
      n.object_type = "exam_site";
      n.object_id = std::to_string(site.id);
      n.link = "/api/v1/exam-sites?status=pending";
      n.title_zh = "有考点等待确认";
      n.title_en = "An exam site awaits confirmation";
      n.params = {{"institution_code", i->code}, {"name", name}};
      n.article = "M12";
      n.region_code = region_code;
      n.institution_id = i->id;
      n.audiences = {Audience::authority};
      n.key = "exam_site_requested|exam_site|" + n.object_id;
      NotificationService::notify(tx, ctx_, n, now);
    }
    return site;
  });
}

Result<std::vector<ExamSite>> RegistryService::exam_sites(const Actor& actor, std::int64_t institution_id) {
  return ctx_.db.read([&](Tx& tx) -> Result<std::vector<ExamSite>> {
    auto i = load_institution(tx, actor, institution_id);
    RegistryRepo repo(tx);
    if (i) return repo.exam_sites(institution_id);
    // The authority of a site's area sees the sites in its area, not the institution's others.
    if (!is_authority_role(actor.role)) return std::unexpected(i.error());
    std::vector<ExamSite> mine;
    for (const auto& s : repo.exam_sites(institution_id))
      if (ctx_.regions.contains(actor.region_code, s.region_code)) mine.push_back(s);
    if (mine.empty()) return std::unexpected(i.error());
    return mine;
  });
}

Result<Page<RegistryService::AreaExamSite>> RegistryService::exam_sites_in_area(const Actor& actor,
                                                                               const std::string& status,
                                                                               PageRequest page) {
  if (!is_authority_role(actor.role)) return forbidden();
  if (!status.empty() && status != "pending" && status != "confirmed" && status != "refused")
    return bad_request({{"status", "must_be_pending_confirmed_or_refused"}});
  return ctx_.db.read([&](Tx& tx) -> Result<Page<AreaExamSite>> {
    RegistryRepo repo(tx);
    Page<AreaExamSite> out{{}, 0, page.page, page.page_size};
    std::int64_t index = 0;
    for (auto& s : repo.exam_sites_by_status(status)) {
      // M12: 经考点所在地人力资源和社会保障部门确认 — the sites in the caller's area.
      if (!ctx_.regions.contains(actor.region_code, s.region_code)) continue;
      ++out.total;
      if (index++ < std::int64_t(page.offset()) || std::int64_t(out.items.size()) >= page.page_size) continue;
      auto inst = repo.institution(s.institution_id);
      out.items.push_back({s, inst ? inst->code : "", inst ? inst->name : ""});
    }
    return out;
  });
}

Result<ExamSite> RegistryService::decide_exam_site(const Actor& actor, std::int64_t institution_id,
                                                   std::int64_t site_id, bool confirm, const std::string& reason) {
  if (!confirm && reason.empty()) return invalid({{"reason", "required"}});
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<ExamSite> {
    RegistryRepo repo(tx);
    auto site = repo.exam_site(site_id);
    // M12: 经考点所在地人力资源和社会保障部门确认 — the site's own county or city decides.
    if (!site || site->institution_id != institution_id || !is_authority_role(actor.role) ||
        !ctx_.regions.contains(actor.region_code, site->region_code))
      return not_found("exam site");
    if (!may_decide_exam_site(ctx_.regions, actor.region_code, site->region_code)) return forbidden();
    if (site->status != ExamSiteStatus::pending)
      return std::unexpected(conflict("考点已确认或已拒绝", "The exam site was already decided").error());
    const ExamSite before = *site;
    site->status = confirm ? ExamSiteStatus::confirmed : ExamSiteStatus::refused;
    site->reason = reason;
    repo.decide_exam_site(site_id, site->status, reason, actor.user_id, now);
    record_change(tx, actor, now, {confirm ? "exam_site.confirm" : "exam_site.refuse", "exam_site",
                                   std::to_string(site_id), site->region_code, institution_id,
                                   {{"status", to_string(before.status)}},
                                   {{"status", to_string(site->status)}, {"reason", reason}}});
    return *site;
  });
}

Result<Page<Institution>> RegistryService::directory(InstitutionQuery q) {
  q.directory_only = true;
  return ctx_.db.read([&](Tx& tx) -> Result<Page<Institution>> { return RegistryRepo(tx).institutions(q); });
}

Result<Institution> RegistryService::directory_entry(const std::string& code) {
  return ctx_.db.read([&](Tx& tx) -> Result<Institution> {
    auto i = RegistryRepo(tx).institution_by_code(code);
    if (!i || !listed_in_directory(i->status)) return not_found("institution");
    return *i;
  });
}

Result<int> RegistryService::expire_institutions(Date as_of) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<int> {
    RegistryRepo repo(tx);
    int n = 0;
    for (auto& i : repo.due_to_expire(as_of)) {
      auto next = apply_status_event(i.status, StatusEvent::expire);  // M23
      if (!next) continue;
      const Institution before = i;
      i.status = *next;
      repo.update_institution_status(i.id, i.status);
      record_change(tx, system_actor(), now, {"institution.expire", "institution", std::to_string(i.id),
                                              i.authority_code, i.id, institution_snapshot(before),
                                              institution_snapshot(i)});
      ++n;
    }
    return n;
  });
}

}  // namespace skillreg
