// The institution registry: announcements, applications, institutions, renewals, directory.
#include "domain/registry/evidence.hpp"
#include "http/handler_helpers.hpp"
#include "http/json_input.hpp"
#include "http/query.hpp"
#include "http/registry_presenters.hpp"
#include "http/services.hpp"

namespace skillreg::http {

namespace {

// {"subject_code":"…","levels":[5,4]} items; problems reported through `f`.
std::vector<ScopeItem> read_scope(Fields& f, const std::string& name) {
  std::vector<ScopeItem> out;
  const Json* arr = f.optional_array(name);
  if (arr == nullptr) return out;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const auto& item = (*arr)[i];
    const std::string field = name + "[" + std::to_string(i) + "]";
    if (!item.is_object() || !item.contains("subject_code") || !item["subject_code"].is_string()) {
      f.problem(field + ".subject_code", "must_be_string");
      continue;
    }
    ScopeItem s{item["subject_code"].get<std::string>(), {}};
    if (item.contains("levels")) {
      if (!item["levels"].is_array()) f.problem(field + ".levels", "must_be_array");
      else
        for (const auto& l : item["levels"]) {
          if (l.is_number_integer() && l.get<std::int64_t>() >= -1000 && l.get<std::int64_t>() <= 1000)
            s.levels.push_back(int(l.get<std::int64_t>()));
          else f.problem(field + ".levels", "must_be_integers");
        }
    }
    for (const auto& [key, v] : item.items())
      if (key != "subject_code" && key != "levels") f.problem(field + "." + key, "unknown_field");
    out.push_back(std::move(s));
  }
  return out;
}

// [{"key":"M7(1)","statement":"…"}] — the eligibility statements (M7, M8).
std::vector<ChecklistAnswer> read_checklist(Fields& f) {
  std::vector<ChecklistAnswer> out;
  const Json* checklist = f.optional_array("checklist");
  if (checklist == nullptr) return out;
  for (std::size_t i = 0; i < checklist->size(); ++i) {
    const auto& c = (*checklist)[i];
    if (c.is_object() && c.contains("key") && c["key"].is_string() && c.contains("statement") &&
        c["statement"].is_string() && c.size() == 2)
      out.push_back({c["key"].get<std::string>(), c["statement"].get<std::string>()});
    else f.problem("checklist[" + std::to_string(i) + "]", "must_be_key_and_statement");
  }
  return out;
}

Result<InstitutionQuery> institution_query(const Request& req, const RegionTree& regions) {
  auto page = page_of(req);
  if (!page) return std::unexpected(page.error());
  InstitutionQuery q;
  q.page = *page;
  q.q = query_or_empty(req, "q");
  if (q.q.size() > 100) return invalid({{"q", "too_long"}});
  if (auto k = query_or_empty(req, "kind"); !k.empty()) {
    q.kind = parse_institution_kind(k);
    if (!q.kind) return bad_request({{"kind", "unknown_kind"}});
  }
  if (auto s = query_or_empty(req, "status"); !s.empty()) {
    q.status = parse_institution_status(s);
    if (!q.status) return bad_request({{"status", "unknown_status"}});
  }
  if (auto r = query_or_empty(req, "region"); !r.empty()) {
    if (regions.find(r) == nullptr) return bad_request({{"region", "unknown_region"}});
    q.regions = regions.subtree(r);  // a city includes its counties
  }
  q.occupation = query_or_empty(req, "occupation");
  if (auto l = query_or_empty(req, "level"); !l.empty()) {
    if (l.size() != 1 || l[0] < '1' || l[0] > '5') return bad_request({{"level", "must_be_1_to_5"}});
    q.level = l[0] - '0';
  }
  q.sort = query_or_empty(req, "sort");
  if (q.sort.empty()) q.sort = "code";
  if (q.sort != "code" && q.sort != "name" && q.sort != "valid_until")
    return bad_request({{"sort", "must_be_code_name_or_valid_until"}});
  return q;
}

const std::vector<std::string> kInstitutionQuery{"q", "kind", "status", "region", "occupation",
                                                  "level", "sort", "page", "page_size"};

}  // namespace

void add_registry_routes(RouteTable& t, Services& s) {
  auto& reg = s.registry;

  t.push_back({Method::get, "/api/v1/special-ability-specs",
               "Published special-ability specifications (M6)", "reference", Access::open, Exec::io,
               {}, kDefaultBodyLimit, [&reg](Request&) -> Result<Response> {
                 return ok_or(reg.specs(), [](const auto& specs) {
                   Json items = Json::array();
                   for (const auto& [code, name] : specs) items.push_back({{"code", code}, {"name", name}});
                   return Json{{"items", items}, {"total", specs.size()}};
                 });
               }});
  t.push_back({Method::post, "/api/v1/special-ability-specs",
               "Publish a special-ability specification (province)", "reference", Access::session,
               Exec::worker, {}, 8192, [&reg](Request& req) -> Result<Response> {
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 auto code = f.required_string("code");
                 auto name = f.required_string("name");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 if (auto done = reg.publish_spec(*req.actor, code, name); !done) return std::unexpected(done.error());
                 return Response::created({{"code", code}, {"name", name}});
               }});

  t.push_back({Method::get, "/api/v1/announcements", "Selection announcements (M9(2))", "selection",
               Access::open, Exec::io, {"page", "page_size"}, kDefaultBodyLimit,
               [&reg](Request& req) -> Result<Response> {
                 auto page = page_of(req);
                 if (!page) return std::unexpected(page.error());
                 return ok_or(reg.announcements(*page), [](const auto& p) { return page_json(p, announcement_json); });
               }});
  t.push_back({Method::post, "/api/v1/announcements", "Publish a selection announcement (M9(2))",
               "selection", Access::session, Exec::worker, {}, 64 * 1024,
               [&reg](Request& req) -> Result<Response> {
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 NewAnnouncement a;
                 a.title = f.required_string("title");
                 a.kinds = f.string_array("kinds");
                 a.opens_on = f.required_string("opens_on");
                 a.closes_on = f.required_string("closes_on");
                 a.conditions = f.required_string("conditions");
                 a.assessment = f.required_string("assessment");
                 a.methods = f.string_array("methods");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(reg.announce(*req.actor, a), announcement_json, 201);
               }});

  t.push_back({Method::get, "/api/v1/applications", "Applications I made or receive", "selection",
               Access::session, Exec::io, {"status", "page", "page_size"}, kDefaultBodyLimit,
               [&reg](Request& req) -> Result<Response> {
                 auto page = page_of(req);
                 if (!page) return std::unexpected(page.error());
                 std::optional<std::string> status;
                 if (auto st = query_or_empty(req, "status"); !st.empty()) status = st;
                 return ok_or(reg.applications(*req.actor, status, *page),
                              [](const auto& p) { return page_json(p, application_json); });
               }});
  t.push_back({Method::post, "/api/v1/applications", "Prepare an application (draft)", "selection",
               Access::session, Exec::worker, {}, 256 * 1024, [&reg](Request& req) -> Result<Response> {
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 ApplicationDraft d;
                 d.kind = f.required_string("kind");
                 d.announcement_id = f.optional_int("announcement_id");
                 d.authority_code = f.optional_string("authority_code").value_or("");
                 d.credit_code = f.required_string("credit_code");
                 d.name = f.required_string("name");
                 d.address = f.required_string("address");
                 d.region_code = f.required_string("region_code");
                 d.contact = f.required_string("contact");
                 d.phone = f.required_string("phone");
                 d.ministry_code = f.optional_string("ministry_code").value_or("");
                 d.scope = read_scope(f, "scope");
                 d.checklist = read_checklist(f);
                 d.subsidiaries = f.string_array("subsidiaries");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(reg.create_application(*req.actor, d), application_json, 201);
               }});
  t.push_back({Method::get, "/api/v1/applications/:id", "One application with its reviews and objections",
               "selection", Access::session, Exec::io, {}, kDefaultBodyLimit,
               [&reg](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return ok_or(reg.application(*req.actor, *id), application_view_json);
               }});
  t.push_back({Method::post, "/api/v1/applications/:id/submit", "Submit (inside the announcement's window)",
               "selection", Access::session, Exec::worker, {}, 1024, [&reg](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 if (auto ok = no_fields(req); !ok) return std::unexpected(ok.error());
                 return ok_or(reg.submit(*req.actor, *id), application_json);
               }});
  t.push_back({Method::post, "/api/v1/applications/:id/evidence",
               "Attach an evidence file (PDF, PNG or JPEG, at most 5 MiB) to an eligibility item; the body is the file",
               "selection", Access::session, Exec::worker, {"item", "file_name"}, kMaxEvidenceBytes,
               [&reg](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 const auto item = query_or_empty(req, "item");
                 const auto name = query_or_empty(req, "file_name");
                 if (item.empty()) return bad_request({{"item", "required"}});
                 auto type = req.content_type.substr(0, req.content_type.find(';'));
                 return ok_or(reg.attach_evidence(*req.actor, *id, item, name, type, req.body),
                              [](const EvidenceFile& e) {
                                return Json{{"id", e.id}, {"item", e.item_key}, {"file_name", e.file_name},
                                            {"content_type", e.content_type}, {"size", e.size}, {"sha256", e.sha256}};
                              }, 201);
               }});
  t.push_back({Method::get, "/api/v1/applications/:id/evidence/:evidence", "Download an evidence file",
               "selection", Access::session, Exec::worker, {}, kDefaultBodyLimit, [&reg](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 auto eid = id_param(req, "evidence");
                 if (!id || !eid) return not_found("evidence");
                 auto file = reg.evidence_file(*req.actor, *id, *eid);
                 if (!file) return std::unexpected(file.error());
                 Response r;
                 r.content_type = file->first.content_type;
                 r.body = std::move(file->second);
                 r.headers.emplace_back("Content-Disposition", "attachment; filename=\"evidence-" + std::to_string(*eid) + "\"");
                 r.headers.emplace_back("X-Content-SHA256", file->first.sha256);
                 return r;
               }});
  t.push_back({Method::post, "/api/v1/applications/:id/return", "Return for more material, with reasons",
               "selection", Access::session, Exec::worker, {}, 8192, [&reg](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto reasons = reasons_of(req, "reasons");
                 if (!reasons) return std::unexpected(reasons.error());
                 return ok_or(reg.return_for_material(*req.actor, *id, *reasons), application_json);
               }});
  t.push_back({Method::post, "/api/v1/applications/:id/reviews",
               "Record a review: a finding per eligibility item (M7, M8) and a conclusion", "selection",
               Access::session, Exec::worker, {}, 64 * 1024, [&reg](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 ReviewInput in;
                 if (const Json* findings = f.optional_array("findings")) {
                   for (std::size_t i = 0; i < findings->size(); ++i) {
                     const auto& x = (*findings)[i];
                     if (x.is_object() && x.size() == 2 && x.contains("key") && x["key"].is_string() &&
                         x.contains("met") && x["met"].is_boolean())
                       in.findings.emplace_back(x["key"].get<std::string>(), x["met"].get<bool>());
                     else f.problem("findings[" + std::to_string(i) + "]", "must_be_key_and_met");
                   }
                 } else {
                   f.problem("findings", "required");
                 }
                 auto pass = f.optional_bool("pass");
                 if (!pass) f.problem("pass", "required");
                 in.pass = pass.value_or(false);
                 in.comment = f.optional_string("comment").value_or("");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(reg.review(*req.actor, *id, in), application_json);
               }});
  t.push_back({Method::post, "/api/v1/applications/:id/publicity",
               "Start the public notice of a social organisation (M9(2))", "selection", Access::session,
               Exec::worker, {}, 1024, [&reg](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 if (auto ok = no_fields(req); !ok) return std::unexpected(ok.error());
                 return ok_or(reg.start_publicity(*req.actor, *id), application_json);
               }});
  t.push_back({Method::post, "/api/v1/applications/:id/objections",
               "Object to an application under public notice (anyone)", "selection", Access::open,
               Exec::worker, {}, 16 * 1024, [&reg](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 auto content = f.required_string("content");
                 auto contact = f.optional_string("contact").value_or("");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(reg.object(*id, content, contact),
                              [](const Objection& o) { return Json{{"id", o.id}, {"received_at", format_instant(o.created_at)}}; }, 201);
               }});
  t.push_back({Method::post, "/api/v1/applications/:id/objections/:objection/resolve",
               "Record how an objection was resolved", "selection", Access::session, Exec::worker, {},
               8192, [&reg](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 auto oid = id_param(req, "objection");
                 if (!id || !oid) return not_found("objection");
                 auto resolution = reasons_of(req, "resolution");
                 if (!resolution) return std::unexpected(resolution.error());
                 if (auto done = reg.resolve_objection(*req.actor, *id, *oid, *resolution); !done)
                   return std::unexpected(done.error());
                 return Response::no_content();
               }});
  t.push_back({Method::post, "/api/v1/applications/:id/approve",
               "Approve (or file) it: assigns the unified code and answers the receipt", "selection",
               Access::session, Exec::worker, {}, 1024, [&reg](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 if (auto ok = no_fields(req); !ok) return std::unexpected(ok.error());
                 return ok_or(reg.approve(*req.actor, *id), receipt_json);
               }});
  t.push_back({Method::post, "/api/v1/applications/:id/reject", "Reject, with reasons", "selection",
               Access::session, Exec::worker, {}, 8192, [&reg](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto reasons = reasons_of(req, "reasons");
                 if (!reasons) return std::unexpected(reasons.error());
                 return ok_or(reg.reject(*req.actor, *id, *reasons), application_json);
               }});

  t.push_back({Method::get, "/api/v1/institutions", "Institutions I supervise (or my own)", "registry",
               Access::session, Exec::io, kInstitutionQuery, kDefaultBodyLimit,
               [&s, &reg](Request& req) -> Result<Response> {
                 auto q = institution_query(req, s.ctx.regions);
                 if (!q) return std::unexpected(q.error());
                 return ok_or(reg.institutions(*req.actor, *q), [](const auto& p) { return page_json(p, institution_json); });
               }});
  t.push_back({Method::get, "/api/v1/institutions/:id", "One institution", "registry", Access::session,
               Exec::io, {}, kDefaultBodyLimit, [&reg](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return ok_or(reg.institution(*req.actor, *id), institution_json);
               }});
  t.push_back({Method::post, "/api/v1/institutions/:id/renewals",
               "Apply to renew (only in the 3 months before validity ends, M23)", "registry",
               Access::session, Exec::worker, {}, 1024, [&reg](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 if (auto ok = no_fields(req); !ok) return std::unexpected(ok.error());
                 return ok_or(reg.request_renewal(*req.actor, *id),
                              [](std::int64_t rid) { return Json{{"renewal_id", rid}, {"status", "pending"}}; }, 201);
               }});
  t.push_back({Method::post, "/api/v1/institutions/:id/renewals/approve",
               "Approve the pending renewal: 3 more years from the old end (M23)", "registry",
               Access::session, Exec::worker, {}, 1024, [&reg](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 if (auto ok = no_fields(req); !ok) return std::unexpected(ok.error());
                 return ok_or(reg.approve_renewal(*req.actor, *id), institution_json);
               }});

  t.push_back({Method::post, "/api/v1/institutions/:id/changes",
               "Report a change of basic information (M21), public phone (S17) or fees (M17)",
               "registry", Access::session, Exec::worker, {}, 16 * 1024, [&reg](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 RegistryService::BasicInfo info{f.optional_string("name"), f.optional_string("address"),
                                                 f.optional_string("contact"), f.optional_string("phone"),
                                                 f.optional_string("public_phone"), f.optional_string("fees")};
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(reg.change_basic_info(*req.actor, *id, info), institution_json);
               }});
  t.push_back({Method::get, "/api/v1/institutions/:id/changes", "The history of basic-information changes (M21)",
               "registry", Access::session, Exec::io, {}, kDefaultBodyLimit, [&reg](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return ok_or(reg.changes(*req.actor, *id), [](const auto& list) {
                   Json items = Json::array();
                   for (const auto& c : list)
                     items.push_back({{"id", c.id}, {"changed_by", c.changed_by},
                                      {"before", Json::parse(c.before_json)}, {"after", Json::parse(c.after_json)},
                                      {"at", format_instant(c.at)}});
                   return Json{{"items", items}, {"total", list.size()}};
                 });
               }});
  t.push_back({Method::get, "/api/v1/institutions/:id/scope", "The granted scope (M6)", "registry",
               Access::session, Exec::io, {}, kDefaultBodyLimit, [&reg](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return ok_or(reg.institution(*req.actor, *id),
                              [](const Institution& i) { return Json{{"scope", scope_json(i.scope)}}; });
               }});
  t.push_back({Method::post, "/api/v1/institutions/:id/scope",
               "Apply to change the scope (M22): the whole new scope, reviewed like an application", "registry",
               Access::session, Exec::worker, {}, 256 * 1024, [&reg](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 ScopeChange change;
                 change.scope = read_scope(f, "scope");
                 change.checklist = read_checklist(f);
                 change.subsidiaries = f.string_array("subsidiaries");
                 change.reason = f.required_string("reason");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(reg.request_scope_change(*req.actor, *id, change), application_json, 201);
               }});
  t.push_back({Method::get, "/api/v1/institutions/:id/subsidiaries",
               "An employer's subsidiaries whose workers it may evaluate (M11)", "registry", Access::session,
               Exec::io, {}, kDefaultBodyLimit, [&reg](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return ok_or(reg.institution(*req.actor, *id), [](const Institution& i) {
                   return Json{{"items", i.subsidiaries}, {"total", i.subsidiaries.size()}};
                 });
               }});
  t.push_back({Method::post, "/api/v1/institutions/:id/termination",
               "End evaluation work of the institution's own accord (M24)", "registry", Access::session,
               Exec::worker, {}, 8192, [&reg](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto reason = reasons_of(req, "reason");
                 if (!reason) return std::unexpected(reason.error());
                 return ok_or(reg.terminate(*req.actor, *id, *reason), institution_json);
               }});

  auto site_json = [](const ExamSite& e) {
    return Json{{"id", e.id}, {"institution_id", e.institution_id}, {"name", e.name}, {"address", e.address},
                {"region_code", e.region_code}, {"status", to_string(e.status)}, {"reason", e.reason},
                {"created_at", format_instant(e.created_at)}};
  };
  t.push_back({Method::get, "/api/v1/institutions/:id/exam-sites", "The institution's exam sites (M12)",
               "registry", Access::session, Exec::io, {}, kDefaultBodyLimit,
               [&reg, site_json](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return ok_or(reg.exam_sites(*req.actor, *id), [&](const auto& list) {
                   Json items = Json::array();
                   for (const auto& e : list) items.push_back(site_json(e));
                   return Json{{"items", items}, {"total", list.size()}};
                 });
               }});
  t.push_back({Method::get, "/api/v1/exam-sites",
               "Exam sites in my area, of every institution; ?status=pending is the confirmation work list (M12)",
               "registry", Access::session, Exec::io, {"status", "page", "page_size"}, kDefaultBodyLimit,
               [&reg, site_json](Request& req) -> Result<Response> {
                 auto page = page_of(req);
                 if (!page) return std::unexpected(page.error());
                 return ok_or(reg.exam_sites_in_area(*req.actor, query_or_empty(req, "status"), *page), [&](const auto& p) {
                   Json items = Json::array();
                   for (const auto& e : p.items) {
                     auto j = site_json(e.site);
                     j["institution_code"] = e.institution_code;
                     j["institution_name"] = e.institution_name;
                     items.push_back(std::move(j));
                   }
                   return Json{{"items", items}, {"total", p.total}, {"page", p.page}, {"page_size", p.page_size}};
                 });
               }});
  t.push_back({Method::post, "/api/v1/institutions/:id/exam-sites",
               "Request an exam site; outside the home area it needs the site authority's confirmation (M12)",
               "registry", Access::session, Exec::worker, {}, 8192, [&reg, site_json](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 auto name = f.required_string("name");
                 auto address = f.required_string("address");
                 auto region = f.required_string("region_code");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(reg.request_exam_site(*req.actor, *id, name, address, region), site_json, 201);
               }});
  for (const bool confirm : {true, false}) {
    t.push_back({Method::post,
                 confirm ? "/api/v1/institutions/:id/exam-sites/:site/confirm" : "/api/v1/institutions/:id/exam-sites/:site/refuse",
                 confirm ? "Confirm an exam site in my area (M12)" : "Refuse an exam site in my area, with a reason (M12)",
                 "registry", Access::session, Exec::worker, {}, 8192,
                 [&reg, site_json, confirm](Request& req) -> Result<Response> {
                   auto id = id_param(req);
                   auto site = id_param(req, "site");
                   if (!id || !site) return not_found("exam site");
                   std::string reason;
                   if (!confirm) {
                     auto r = reasons_of(req, "reason");
                     if (!r) return std::unexpected(r.error());
                     reason = *r;
                   } else if (auto ok = no_fields(req); !ok) {
                     return std::unexpected(ok.error());
                   }
                   return ok_or(reg.decide_exam_site(*req.actor, *id, *site, confirm, reason), site_json);
                 }});
  }

  t.push_back({Method::get, "/api/v1/public/institutions",
               "The public directory of institutions (M10): search and filter", "public", Access::open,
               Exec::io, kInstitutionQuery, kDefaultBodyLimit, [&s, &reg](Request& req) -> Result<Response> {
                 auto q = institution_query(req, s.ctx.regions);
                 if (!q) return std::unexpected(q.error());
                 auto page = reg.directory(*q);
                 if (!page) return std::unexpected(page.error());
                 std::vector<std::int64_t> ids;
                 for (const auto& i : page->items) ids.push_back(i.id);
                 auto ratings = s.monitoring.public_ratings(ids);
                 if (!ratings) return std::unexpected(ratings.error());
                 Json out = page_json(*page, directory_json);
                 out["items"] = with_ratings(std::move(out["items"]), *ratings, ids);
                 return Response::json(200, out);
               }});
  t.push_back({Method::get, "/api/v1/public/institutions/:code", "One directory entry by unified code",
               "public", Access::open, Exec::io, {}, kDefaultBodyLimit, [&s, &reg](Request& req) -> Result<Response> {
                 auto entry = reg.directory_entry(req.params.at("code"));
                 if (!entry) return std::unexpected(entry.error());
                 auto ratings = s.monitoring.public_ratings({entry->id});
                 if (!ratings) return std::unexpected(ratings.error());
                 return Response::json(200, with_ratings(Json::array({directory_json(*entry)}), *ratings, {entry->id})[0]);
               }});
}

}  // namespace skillreg::http
