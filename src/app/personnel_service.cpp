#include "app/personnel_service.hpp"

#include <algorithm>
#include <set>

#include "app/activity_access.hpp"
#include "app/audit_trail.hpp"
#include "app/notification_service.hpp"
#include "core/utf8.hpp"
#include "core/validators.hpp"
#include "store/personnel_repo.hpp"
#include "store/reference_repo.hpp"
#include "store/registry_repo.hpp"
#include "store/user_repo.hpp"

namespace skillreg {

namespace {

constexpr std::size_t kMaxQualifications = 50;
constexpr std::size_t kMaxRetireReason = 200;

bool authority_appoints(const Actor& actor) {
  return is_authority(actor.role);
}

nlohmann::json person_snapshot(const Person& p) {
  nlohmann::json quals = nlohmann::json::array();
  for (const auto& q : p.qualifications)
    quals.push_back({{"subject_code", q.subject_code},
                     {"level", q.level},
                     {"valid_until", q.valid_until.to_string()}});
  // Never the full identity number, not even in the audit log.
  nlohmann::json out{
      {"kind", to_string(p.kind)},
      {"identity_no", mask_identity_number(p.identity_no)},
      {"name", p.name},
      {"phone", p.phone},
      {"employer_id", p.employer_id ? nlohmann::json(*p.employer_id) : nlohmann::json(nullptr)},
      {"region_code", p.region_code},
      {"qualifications", quals},
      {"status", to_string(p.status)}};
  if (p.status == PersonStatus::retired) out["retire_reason"] = p.retire_reason;
  return out;
}

// Who registers a kind changes it: the employing institution its examiners and internal
// supervisors, the appointing authority (of the region it appointed in) its external
// supervisors; the province administrator anyone.
bool may_change(const Actor& actor, const Person& p) {
  if (actor.role == Role::province_admin) return true;
  if (p.kind == PersonKind::external_supervisor)
    return is_authority(actor.role) && actor.region_code == p.region_code;
  return is_institution_role(actor.role) && actor.institution_id &&
         p.employer_id == actor.institution_id;
}

bool has_control_characters(const std::string& s) {
  return std::ranges::any_of(s, [](char c) { return (unsigned char)c < 0x20 || c == 0x7F; });
}

// M16: the person is told of a session arranged for them, or taken off it, on their own account.
Notice assignment_notice(const Assignment& a, const Plan& plan, const PlanSession& session, bool made) {
  Notice n;
  n.kind = made ? "assignment_made" : "assignment_removed";
  n.object_type = "assignment";
  n.object_id = std::to_string(a.id);
  n.link = "/api/v1/examiners/me/assignments?when=upcoming";
  n.title_zh = made ? "新的考评任务安排" : "考评任务已取消安排";
  n.title_en = made ? "A session has been arranged for you" : "You have been taken off a session";
  n.params = {{"plan_id", plan.id},
              {"session_id", session.id},
              {"role", to_string(a.role)},
              {"starts_at", format_instant(session.starts_at)},
              {"subject_code", plan.subject_code},
              {"level", plan.level}};
  n.article = "M16";
  n.due_on = local_date(session.starts_at);
  n.region_code = plan.authority_code;
  n.institution_id = plan.institution_id;
  n.person_id = a.person_id;
  n.key = n.kind + "|assignment|" + n.object_id;
  return n;
}

nlohmann::json assignment_snapshot(const Assignment& a) {
  return {{"plan_id", a.plan_id},
          {"session_id", a.session_id},
          {"person_id", a.person_id},
          {"role", to_string(a.role)},
          {"panel", a.panel}};
}

std::unexpected<Error> plan_cancelled() {
  return conflict("计划已取消", "The plan is cancelled");
}

// The calendar year [from, to) of an instant, in China Standard Time.
std::pair<Instant, Instant> year_of(Instant t, int& year) {
  year = local_date(t).year;
  return {start_of_local_day(Date{year, 1, 1}), start_of_local_day(Date{year + 1, 1, 1})};
}

}  // namespace

Result<Person> PersonnelService::build(Tx& tx, PersonKind kind, const PersonInput& in) const {
  std::vector<FieldProblem> problems;
  Person p;
  p.kind = kind;
  p.identity_no = normalize_identity_number(in.identity_no);
  if (auto id = check_identity_number(p.identity_no); !id)
    for (const auto& d : id.error().details) problems.push_back({"identity_no", d.problem});
  p.name = in.name;
  if (p.name.empty())
    problems.push_back({"name", "required"});
  else if (utf8_length(p.name) > 50)
    problems.push_back({"name", "too_long"});
  else if (has_control_characters(p.name))
    problems.push_back({"name", "control_characters"});
  p.phone = in.phone;
  if (p.phone.size() > 30)
    problems.push_back({"phone", "too_long"});
  else if (p.phone.find_first_not_of("0123456789+- ") != std::string::npos)
    problems.push_back({"phone", "must_be_a_phone_number"});
  if (in.qualifications.empty()) problems.push_back({"qualifications", "required"});
  if (in.qualifications.size() > kMaxQualifications)
    problems.push_back({"qualifications", "too_many"});
  ReferenceRepo refs(tx);
  RegistryRepo registry(tx);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < in.qualifications.size() && i < kMaxQualifications; ++i) {
    const auto& q = in.qualifications[i];
    const std::string field = "qualifications[" + std::to_string(i) + "]";
    Qualification out{q.subject_code, q.level, {}};
    // M16: a qualification names an occupation (levels 1–5) or a specification (level 0).
    const bool occupation =
        q.subject_code.size() <= 32 && refs.occupation(q.subject_code).has_value();
    const bool spec =
        !occupation && q.subject_code.size() <= 32 && registry.spec_exists(q.subject_code);
    if (!occupation && !spec)
      problems.push_back({field + ".subject_code", "unknown_subject"});
    else if (occupation && (q.level < 1 || q.level > 5))
      problems.push_back({field + ".level", "must_be_1_to_5"});
    else if (spec && q.level != 0)
      problems.push_back({field + ".level", "must_be_0_for_a_specification"});
    if (!seen.insert(q.subject_code).second)
      problems.push_back({field + ".subject_code", "duplicate"});
    auto until = Date::parse(q.valid_until);
    if (!until)
      problems.push_back({field + ".valid_until", "must_be_date"});
    else
      out.valid_until = *until;
    p.qualifications.push_back(out);
  }
  if (!problems.empty()) return invalid(problems);
  return p;
}

Result<Person> PersonnelService::register_person(const Actor& actor, PersonKind kind,
                                                 const PersonInput& input) {
  const bool by_institution = kind != PersonKind::external_supervisor;
  if (by_institution && (!is_institution_role(actor.role) || !actor.institution_id))
    return forbidden();
  if (!by_institution && !authority_appoints(actor)) return forbidden();
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<Person> {
    auto p = build(tx, kind, input);
    if (!p) return p;
    std::string audit_region = actor.region_code;
    if (by_institution) {
      auto inst = RegistryRepo(tx).institution(*actor.institution_id);
      if (!inst) return not_found("institution");
      p->employer_id = inst->id;
      p->region_code = inst->region_code;
      audit_region = inst->authority_code;
    } else {
      p->region_code = actor.region_code;
    }
    PersonnelRepo repo(tx);
    // M16: one active registration at a time. A person retired by another institution (moved
    // employer) is registered anew; their past assignments stay with the old registration.
    if (auto employer = repo.active_registration(kind, p->identity_no)) {
      const bool here = p->employer_id.value_or(0) == *employer;
      return std::unexpected(
          conflict(here ? "该人员已登记" : "该人员已在其他机构登记，须由原机构注销后方可登记",
                   here ? "This person is already registered in this registry"
                        : "This person is registered by another institution, which must retire them first")
              .error()
              .with("identity_no", here ? "already_registered" : "registered_elsewhere"));
    }
    p->created_at = now;
    p->id = repo.insert_person(*p);
    record_change(tx, actor, now,
                  {"person.register", "person", std::to_string(p->id), audit_region, p->employer_id,
                   nullptr, person_snapshot(*p)});
    return p;
  });
}

Result<Page<Person>> PersonnelService::people(const Actor& actor, const PersonFilter& f) {
  PersonQuery q;
  q.kinds = f.kinds;
  q.name_contains = f.q;
  q.subject_code = f.subject_code;
  q.level = f.level;
  q.status = f.status;
  q.page = f.page;
  const bool institution = is_institution_role(actor.role) && actor.institution_id;
  // S19(8) 回避: an institution's examiners may not examine its own candidates, so it invites
  // active examiners of other institutions; officials keep their region's registry.
  const bool province_wide = institution && f.province_wide;
  if (province_wide) {
    q.any_scope = true;
    q.status = std::string(to_string(PersonStatus::active));
  } else if (institution) {
    q.employer_id = actor.institution_id;
  } else if (is_authority(actor.role)) {
    q.authorities = ctx_.regions.subtree(actor.region_code);
  } else {
    return forbidden();
  }
  return ctx_.db.read([&](Tx& tx) -> Result<Page<Person>> {
    auto page = PersonnelRepo(tx).people(q);
    // Another institution's people come without contact details or reasons (个人信息保护).
    if (province_wide)
      for (auto& p : page.items)
        if (p.employer_id != actor.institution_id) {
          p.phone.clear();
          p.retire_reason.clear();
        }
    return page;
  });
}

Result<Person> PersonnelService::changeable(Tx& tx, const Actor& actor, std::int64_t id,
                                            const std::vector<PersonKind>& kinds) const {
  PersonnelRepo repo(tx);
  auto p = repo.person(id);
  if (!p || std::ranges::find(kinds, p->kind) == kinds.end() ||
      !person_in_scope(tx, ctx_, actor, *p))
    return not_found("person");
  if (!may_change(actor, *p)) return forbidden();
  if (p->status == PersonStatus::retired)
    return std::unexpected(conflict("该人员已退出名录", "The person is retired from the registry")
                               .error()
                               .with("status", "retired"));
  return *p;
}

Result<Person> PersonnelService::update_person(const Actor& actor, std::int64_t id,
                                               const std::vector<PersonKind>& kinds,
                                               const PersonPatch& patch) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<Person> {
    auto before = changeable(tx, actor, id, kinds);
    if (!before) return before;
    // The same checks as registering (M16), on the person as it would become.
    PersonInput in{before->identity_no,
                   patch.name.value_or(before->name),
                   patch.phone.value_or(before->phone),
                   {}};
    if (patch.qualifications) {
      in.qualifications = *patch.qualifications;
    } else {
      for (const auto& q : before->qualifications)
        in.qualifications.push_back({q.subject_code, q.level, q.valid_until.to_string()});
    }
    auto built = build(tx, before->kind, in);
    if (!built) return std::unexpected(built.error());
    Person after = *before;
    after.name = built->name;
    after.phone = built->phone;
    after.qualifications = built->qualifications;
    after.updated_at = now;
    PersonnelRepo repo(tx);
    repo.update_person(after);
    const auto region = after.employer_id ? repo.employer_authority(id).value_or(after.region_code)
                                          : after.region_code;
    record_change(tx, actor, now,
                  {"person.update", "person", std::to_string(id), region, after.employer_id,
                   person_snapshot(*before), person_snapshot(after)});
    return *repo.person(id);
  });
}

Result<Person> PersonnelService::retire_person(const Actor& actor, std::int64_t id,
                                               const std::vector<PersonKind>& kinds,
                                               const std::string& reason) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<Person> {
    auto before = changeable(tx, actor, id, kinds);
    if (!before) return before;
    if (reason.empty()) return invalid({{"reason", "required"}});
    if (utf8_length(reason) > kMaxRetireReason) return invalid({{"reason", "too_long"}});
    if (has_control_characters(reason)) return invalid({{"reason", "control_characters"}});
    PersonnelRepo repo(tx);
    repo.retire_person(id, now, reason);
    auto after = repo.person(id);
    const auto region = after->employer_id
                            ? repo.employer_authority(id).value_or(after->region_code)
                            : after->region_code;
    record_change(tx, actor, now,
                  {"person.retire", "person", std::to_string(id), region, after->employer_id,
                   person_snapshot(*before), person_snapshot(*after)});
    return *after;
  });
}

Result<Person> PersonnelService::person(const Actor& actor, std::int64_t id,
                                        const std::vector<PersonKind>& kinds) {
  return ctx_.db.read([&](Tx& tx) -> Result<Person> {
    PersonnelRepo repo(tx);
    auto p = repo.person(id);
    if (!p || std::ranges::find(kinds, p->kind) == kinds.end() ||
        !person_in_scope(tx, ctx_, actor, *p))
      return not_found("person");
    return *p;
  });
}

Result<AssignmentView> PersonnelService::assign(const Actor& actor, std::int64_t plan_id,
                                                const AssignmentInput& in) {
  const auto role = parse_person_kind(in.role);
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<AssignmentView> {
    // External supervisors are appointed to a plan by its supervising authorities; everyone
    // else by the plan's own institution.
    auto plan = role == PersonKind::external_supervisor
                    ? load_plan_for_authority(tx, ctx_, actor, plan_id)
                    : load_plan_for_report(tx, ctx_, actor, plan_id);
    if (!plan) return std::unexpected(plan.error());
    if (!role) return invalid({{"role", "unknown_role"}});
    if (plan->status == PlanStatus::cancelled) return plan_cancelled();
    if (*role != PersonKind::external_supervisor)
      if (auto inst = reporting_institution(tx, actor, plan->institution_id); !inst)
        return std::unexpected(inst.error());
    std::vector<FieldProblem> problems;
    const auto session = std::ranges::find_if(
        plan->sessions, [&](const PlanSession& s) { return s.id == in.session_id; });
    if (session == plan->sessions.end())
      problems.push_back({"session_id", "not_a_session_of_the_plan"});
    if (utf8_length(in.panel) > 50) problems.push_back({"panel", "too_long"});
    PersonnelRepo repo(tx);
    std::optional<Person> person;
    if (in.person_id)
      person = repo.person(*in.person_id);
    else if (in.identity_no)
      if (auto id = repo.person_id_of(*role, normalize_identity_number(*in.identity_no)))
        person = repo.person(*id);
    if (!person) problems.push_back({in.person_id ? "person_id" : "identity_no", "unknown_person"});
    if (!problems.empty()) return invalid(problems);
    if (auto ok = check_arrangement_open(*session, now); !ok) return std::unexpected(ok.error());  // S19(8)
    if (repo.assigned(session->id, person->id))
      return std::unexpected(
          conflict("该人员已安排在此场次", "The person is already assigned to this session")
              .error()
              .with("person_id", "already_assigned"));
    if (auto ok = check_assignment(*person, *role, *plan, *session, repo.bookings(person->id)); !ok)
      return std::unexpected(ok.error());
    Assignment a{0, session->id, plan->id, person->id, *role, in.panel, now, person->name};
    a.id = repo.insert_assignment(a);
    record_change(tx, actor, now,
                  {"assignment.create", "assignment", std::to_string(a.id), plan->authority_code,
                   plan->institution_id, nullptr, assignment_snapshot(a)});
    NotificationService::notify(tx, ctx_, assignment_notice(a, *plan, *session, true), now);
    AssignmentView view{a, {}};
    if (*role == PersonKind::examiner) {
      int year = 0;
      const auto [from, to] = year_of(session->starts_at, year);
      const int n = repo.examiner_plans_at(person->id, plan->institution_id, from, to);
      if (auto flag = rotation_flag(person->id, year, n, policy_.max_examiner_visits_per_year))
        view.flags.push_back(*flag);
    }
    return view;
  });
}

Result<std::vector<Assignment>> PersonnelService::assignments(const Actor& actor,
                                                              std::int64_t plan_id) {
  return ctx_.db.read([&](Tx& tx) -> Result<std::vector<Assignment>> {
    auto plan = load_plan_for_read(tx, ctx_, actor, plan_id);
    if (!plan) return std::unexpected(plan.error());
    return PersonnelRepo(tx).assignments_of_plan(plan_id);
  });
}

Status PersonnelService::unassign(const Actor& actor, std::int64_t plan_id,
                                  std::int64_t assignment_id) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Status {
    if (auto readable = load_plan_for_read(tx, ctx_, actor, plan_id); !readable)
      return std::unexpected(readable.error());
    PersonnelRepo repo(tx);
    auto a = repo.assignment(assignment_id);
    if (!a || a->plan_id != plan_id) return not_found("assignment");
    auto plan = a->role == PersonKind::external_supervisor
                    ? load_plan_for_authority(tx, ctx_, actor, plan_id)
                    : load_plan_for_report(tx, ctx_, actor, plan_id);
    if (!plan) return std::unexpected(plan.error());
    if (plan->status == PlanStatus::cancelled) return plan_cancelled();
    // S19(8): who examined or supervised a session that is over stays on record.
    const auto session = std::ranges::find(plan->sessions, a->session_id, &PlanSession::id);
    if (session != plan->sessions.end())
      if (auto ok = check_arrangement_open(*session, now); !ok) return ok;
    repo.delete_assignment(a->id);
    if (session != plan->sessions.end())
      NotificationService::notify(tx, ctx_, assignment_notice(*a, *plan, *session, false), now);
    record_change(tx, actor, now,
                  {"assignment.delete", "assignment", std::to_string(a->id), plan->authority_code,
                   plan->institution_id, assignment_snapshot(*a), nullptr});
    return {};
  });
}

Result<StaffingView> PersonnelService::staffing(const Actor& actor, std::int64_t plan_id) {
  return ctx_.db.read([&](Tx& tx) -> Result<StaffingView> {
    auto plan = load_plan_for_read(tx, ctx_, actor, plan_id);
    if (!plan) return std::unexpected(plan.error());
    PersonnelRepo repo(tx);
    const auto assigned = repo.assignments_of_plan(plan_id);
    StaffingView view{
        assess_staffing(*plan, assigned, repo.admitted_candidates(plan_id), policy_), {}, policy_};
    if (auto first = plan->first_session_at()) {
      int year = 0;
      const auto [from, to] = year_of(*first, year);
      std::set<std::int64_t> examiners;
      for (const auto& a : assigned)
        if (a.role == PersonKind::examiner) examiners.insert(a.person_id);
      for (auto id : examiners)
        if (auto flag =
                rotation_flag(id, year, repo.examiner_plans_at(id, plan->institution_id, from, to),
                              policy_.max_examiner_visits_per_year))
          view.flags.push_back(*flag);
    }
    return view;
  });
}

Result<OwnRecords> PersonnelService::own_records(const Actor& actor) {
  if (actor.role != Role::examiner) return forbidden();  // M16: only the person's own account
  return ctx_.db.read([&](Tx& tx) -> Result<OwnRecords> {
    OwnRecords out;
    const auto index = UserRepo(tx).identity_index_of(actor.user_id);
    if (index.empty()) return out;
    out.linked = true;
    if (auto me = UserRepo(tx).by_id(actor.user_id)) out.identity_masked = me->identity_masked;
    out.registrations = PersonnelRepo(tx).registrations_of_identity(index);
    return out;
  });
}

Result<Page<OwnAssignment>> PersonnelService::own_assignments(const Actor& actor, const OwnAssignmentFilter& f) {
  if (actor.role != Role::examiner) return forbidden();  // M16: only the person's own account
  if (!f.when.empty() && f.when != "upcoming" && f.when != "past") return invalid({{"when", "unknown_value"}});
  return ctx_.db.read([&](Tx& tx) -> Result<Page<OwnAssignment>> {
    OwnAssignmentQuery q{UserRepo(tx).identity_index_of(actor.user_id), f.when, ctx_.clock.now(), f.page};
    if (q.identity_index.empty()) return Page<OwnAssignment>{{}, 0, f.page.page, f.page.page_size};
    return PersonnelRepo(tx).assignments_of_identity(q);
  });
}

}  // namespace skillreg
