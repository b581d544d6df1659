// The registries of examiners 考评人员 and quality supervisors 质量督导员 (M16): list (in scope,
// or province-wide for an institution inviting an outside examiner, S19(8)), register, read,
// change and retire. Identity numbers are masked in every answer (个人信息保护).
#include "app/personnel_service.hpp"
#include "core/validators.hpp"
#include "http/handler_helpers.hpp"
#include "http/query.hpp"
#include "http/services.hpp"

namespace skillreg::http {

namespace {

Json qualifications_json(const Person& p) {
  Json quals = Json::array();
  for (const auto& q : p.qualifications)
    quals.push_back({{"subject_code", q.subject_code},
                     {"level", q.level},
                     {"valid_until", q.valid_until.to_string()}});
  return quals;
}

Json opt_instant(const std::optional<Instant>& t) {
  return t ? Json(format_instant(*t)) : Json(nullptr);
}

Json person_json(const Person& p) {
  return {{"id", p.id},
          {"kind", to_string(p.kind)},
          {"identity_no", mask_identity_number(p.identity_no)},
          {"name", p.name},
          {"phone", p.phone},
          {"employer_id", p.employer_id ? Json(*p.employer_id) : Json(nullptr)},
          {"employer_name", p.employer_id ? Json(p.employer_name) : Json(nullptr)},
          {"region_code", p.region_code},
          {"qualifications", qualifications_json(p)},
          {"status", to_string(p.status)},
          {"retired_at", opt_instant(p.retired_at)},
          {"retire_reason", p.retired_at ? Json(p.retire_reason) : Json(nullptr)},
          {"updated_at", opt_instant(p.updated_at)},
          {"created_at", format_instant(p.created_at)}};
}

// A province-wide search answer: what another institution may know of an examiner — no phone,
// no retirement reason, the identity number masked.
Json public_person_json(const Person& p) {
  return {{"id", p.id},
          {"kind", to_string(p.kind)},
          {"identity_no", mask_identity_number(p.identity_no)},
          {"name", p.name},
          {"employer_id", p.employer_id ? Json(*p.employer_id) : Json(nullptr)},
          {"employer_name", p.employer_id ? Json(p.employer_name) : Json(nullptr)},
          {"region_code", p.region_code},
          {"qualifications", qualifications_json(p)},
          {"status", to_string(p.status)}};
}

// M16: one session of the examiner's own, with what they need to attend it.
Json own_assignment_json(const OwnAssignment& a) {
  return {{"id", a.id},
          {"session_id", a.session_id},
          {"plan_id", a.plan_id},
          {"person_id", a.person_id},
          {"role", to_string(a.role)},
          {"panel", a.panel},
          {"part", a.part},
          {"room", a.room},
          {"starts_at", format_instant(a.starts_at)},
          {"ends_at", format_instant(a.ends_at)},
          {"subject_code", a.subject_code},
          {"level", a.level},
          {"plan_status", a.plan_status},
          {"institution_id", a.institution_id},
          {"institution_name", a.institution_name},
          {"site", {{"name", a.site_name}, {"address", a.site_address}, {"region_code", a.site_region_code}}},
          {"employer_name", a.employer_name.empty() ? Json(nullptr) : Json(a.employer_name)}};
}

Json own_records_json(const OwnRecords& r) {
  Json regs = Json::array();
  for (const auto& p : r.registrations) regs.push_back(person_json(p));
  return {{"linked", r.linked},
          {"identity_no", r.linked ? Json(r.identity_masked) : Json(nullptr)},
          {"registrations", regs}};
}

std::vector<QualificationInput> read_qualifications(Fields& f, const Json& quals) {
  std::vector<QualificationInput> out;
  for (std::size_t i = 0; i < quals.size(); ++i) {
    const auto& q = quals[i];
    const std::string field = "qualifications[" + std::to_string(i) + "]";
    if (!q.is_object()) {
      f.problem(field, "must_be_object");
      continue;
    }
    QualificationInput one;
    for (const auto& [key, v] : q.items()) {
      if (key == "level") {
        if (v.is_number_integer() && v.get<std::int64_t>() >= -1000 &&
            v.get<std::int64_t>() <= 1000)
          one.level = v.get<int>();
        else
          f.problem(field + ".level", "must_be_integer");
      } else if (key == "subject_code" || key == "valid_until") {
        if (!v.is_string())
          f.problem(field + "." + key, "must_be_string");
        else if (key == "subject_code")
          one.subject_code = v.get<std::string>();
        else
          one.valid_until = v.get<std::string>();
      } else {
        f.problem(field + "." + key, "unknown_field");
      }
    }
    for (const char* key : {"subject_code", "level", "valid_until"})
      if (!q.contains(key)) f.problem(field + "." + key, "required");
    out.push_back(one);
  }
  return out;
}

PersonInput read_person(Fields& f) {
  PersonInput in;
  in.identity_no = f.required_string("identity_no");
  in.name = f.required_string("name");
  in.phone = f.optional_string("phone").value_or("");
  const Json* quals = f.optional_array("qualifications");
  if (!quals)
    f.problem("qualifications", "required");
  else
    in.qualifications = read_qualifications(f, *quals);
  return in;
}

// PATCH: any of name, phone, qualifications; the identity number cannot change (422).
Result<PersonPatch> read_patch(const Json& body) {
  Fields f(body);
  PersonPatch patch;
  const bool identity = body.contains("identity_no");
  if (identity) f.optional_string("identity_no");
  patch.name = f.optional_string("name");
  patch.phone = f.optional_string("phone");
  if (const Json* quals = f.optional_array("qualifications"))
    patch.qualifications = read_qualifications(f, *quals);
  if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
  if (identity) return invalid({{"identity_no", "cannot_be_changed"}});
  return patch;
}

Result<PersonFilter> read_person_filter(Request& req, std::vector<PersonKind> kinds) {
  auto page = page_of(req);
  if (!page) return std::unexpected(page.error());
  PersonFilter f;
  f.kinds = std::move(kinds);
  f.page = *page;
  f.q = query_or_empty(req, "q");
  f.subject_code = query_or_empty(req, "subject_code");
  f.status = query_or_empty(req, "status");
  std::vector<FieldProblem> problems;
  if (f.q.size() > 100) problems.push_back({"q", "too_long"});
  if (f.subject_code.size() > 32) problems.push_back({"subject_code", "too_long"});
  if (!f.status.empty() && !parse_person_status(f.status))
    problems.push_back({"status", "must_be_active_or_retired"});
  if (const auto level = query_or_empty(req, "level"); !level.empty()) {
    if (level.size() == 1 && level[0] >= '0' && level[0] <= '5')
      f.level = level[0] - '0';
    else
      problems.push_back({"level", "must_be_0_to_5"});
  }
  if (!problems.empty()) return bad_request(problems);
  return f;
}

const std::vector<PersonKind> kExaminerKinds{PersonKind::examiner};
const std::vector<PersonKind> kSupervisorKinds{PersonKind::internal_supervisor,
                                               PersonKind::external_supervisor};

// GET one, PATCH and DELETE (retire) of a registry at `base` ("/api/v1/examiners").
void add_person_routes(RouteTable& t, PersonnelService& people, const std::string& base,
                       const std::vector<PersonKind>& kinds, const std::string& what) {
  t.push_back({Method::get,
               base + "/:id",
               "One " + what + " with qualifications and status",
               "activity",
               Access::session,
               Exec::io,
               {},
               kDefaultBodyLimit,
               [&people, kinds](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return ok_or(people.person(*req.actor, *id, kinds), person_json);
               }});
  t.push_back({Method::patch,
               base + "/:id",
               "Change a " + what +
                   "'s name, phone or qualifications (M16; not the identity "
                   "number): who registers them, or a province administrator",
               "activity",
               Access::session,
               Exec::worker,
               {},
               64 * 1024,
               [&people, kinds](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 auto patch = read_patch(*body);
                 if (!patch) return std::unexpected(patch.error());
                 return ok_or(people.update_person(*req.actor, *id, kinds, *patch), person_json);
               }});
  t.push_back({Method::del,
               base + "/:id",
               "Retire a " + what +
                   " with {\"reason\":…}: kept with past assignments, never "
                   "assigned again (M16)",
               "activity",
               Access::session,
               Exec::worker,
               {},
               8192,
               [&people, kinds](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 auto reason = f.required_string("reason");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(people.retire_person(*req.actor, *id, kinds, reason), person_json);
               }});
}

// M16 "their own assignments and records", for an examiner's own account; before /:id, which
// would otherwise take "me" for an id.
void add_own_routes(RouteTable& t, PersonnelService& people) {
  t.push_back({Method::get,
               "/api/v1/examiners/me",
               "An examiner's own account: every registration of the person it is linked to, as "
               "examiner or internal supervisor at any institution (M16)",
               "activity",
               Access::session,
               Exec::io,
               {},
               kDefaultBodyLimit,
               [&people](Request& req) -> Result<Response> {
                 return ok_or(people.own_records(*req.actor), own_records_json);
               }});
  t.push_back({Method::get,
               "/api/v1/examiners/me/assignments",
               "An examiner's own sessions (M16): when=upcoming (soonest first) or past (latest first)",
               "activity",
               Access::session,
               Exec::io,
               {"when", "page", "page_size"},
               kDefaultBodyLimit,
               [&people](Request& req) -> Result<Response> {
                 auto page = page_of(req);
                 if (!page) return std::unexpected(page.error());
                 OwnAssignmentFilter f{query_or_empty(req, "when"), *page};
                 if (!f.when.empty() && f.when != "upcoming" && f.when != "past")
                   return bad_request({{"when", "must_be_upcoming_or_past"}});
                 return ok_or(people.own_assignments(*req.actor, f),
                              [](const auto& p) { return page_json(p, own_assignment_json); });
               }});
}

void add_examiner_routes(RouteTable& t, PersonnelService& people) {
  add_own_routes(t, people);
  t.push_back({Method::get,
               "/api/v1/examiners",
               "Examiners (考评人员, M16) in the caller's scope; scope=province lets an "
               "institution find active examiners of every institution (S19(8) 回避), without "
               "their phone",
               "activity",
               Access::session,
               Exec::io,
               {"q", "subject_code", "level", "status", "scope", "page", "page_size"},
               kDefaultBodyLimit,
               [&people](Request& req) -> Result<Response> {
                 auto f = read_person_filter(req, kExaminerKinds);
                 if (!f) return std::unexpected(f.error());
                 const auto scope = query_or_empty(req, "scope");
                 if (!scope.empty() && scope != "own" && scope != "province")
                   return bad_request({{"scope", "must_be_own_or_province"}});
                 f->province_wide = scope == "province" && is_institution_role(req.actor->role);
                 const auto own = req.actor->institution_id;
                 return ok_or(people.people(*req.actor, *f), [&](const auto& p) {
                   if (!f->province_wide) return page_json(p, person_json);
                   return page_json(p, [&](const Person& x) {
                     return x.employer_id == own ? person_json(x) : public_person_json(x);
                   });
                 });
               }});
  t.push_back({Method::post,
               "/api/v1/examiners",
               "Register an examiner of the caller's institution (M16)",
               "activity",
               Access::session,
               Exec::worker,
               {},
               64 * 1024,
               [&people](Request& req) -> Result<Response> {
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 auto in = read_person(f);
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(people.register_person(*req.actor, PersonKind::examiner, in),
                              person_json, 201);
               }});
  add_person_routes(t, people, "/api/v1/examiners", kExaminerKinds, "examiner");
}

void add_supervisor_routes(RouteTable& t, PersonnelService& people) {
  t.push_back(
      {Method::get,
       "/api/v1/supervisors",
       "Quality supervisors (内督 of institutions, 外督 of authorities) in the caller's scope",
       "activity",
       Access::session,
       Exec::io,
       {"kind", "q", "subject_code", "level", "status", "page", "page_size"},
       kDefaultBodyLimit,
       [&people](Request& req) -> Result<Response> {
         auto kinds = kSupervisorKinds;
         if (auto k = query_or_empty(req, "kind"); !k.empty()) {
           auto kind = parse_person_kind(k);
           if (!kind || *kind == PersonKind::examiner)
             return bad_request({{"kind", "unknown_kind"}});
           kinds = {*kind};
         }
         auto f = read_person_filter(req, kinds);
         if (!f) return std::unexpected(f.error());
         return ok_or(people.people(*req.actor, *f),
                      [](const auto& p) { return page_json(p, person_json); });
       }});
  t.push_back(
      {Method::post,
       "/api/v1/supervisors",
       "Register an internal supervisor (institution staff) or appoint an external one (authority)",
       "activity",
       Access::session,
       Exec::worker,
       {},
       64 * 1024,
       [&people](Request& req) -> Result<Response> {
         auto body = body_of(req);
         if (!body) return std::unexpected(body.error());
         Fields f(*body);
         auto in = read_person(f);
         auto kind_text = f.optional_string("kind");
         if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
         auto kind = is_authority(req.actor->role) ? PersonKind::external_supervisor
                                                   : PersonKind::internal_supervisor;
         if (kind_text) {
           auto k = parse_person_kind(*kind_text);
           if (!k || *k == PersonKind::examiner) return invalid({{"kind", "unknown_kind"}});
           kind = *k;
         }
         return ok_or(people.register_person(*req.actor, kind, in), person_json, 201);
       }});
  add_person_routes(t, people, "/api/v1/supervisors", kSupervisorKinds, "supervisor");
}

}  // namespace

void add_people_registry_routes(RouteTable& t, Services& s) {
  add_examiner_routes(t, s.personnel);
  add_supervisor_routes(t, s.personnel);
}

}  // namespace skillreg::http
