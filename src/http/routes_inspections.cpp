// Inspections 监督检查 (S10, S13, S15, S16) and complaints 投诉举报 (M28, S17), with their public
// faces: published inspection results, the complaint form and tracking.
#include "http/handler_helpers.hpp"
#include "http/query.hpp"
#include "http/services.hpp"
#include "http/supervision_presenters.hpp"

namespace skillreg::http {

namespace {

Result<InspectionInput> read_inspection(Fields& f, bool complaint) {
  InspectionInput in;
  if (!complaint) {
    in.institution_id = f.required_int("institution_id");
    const auto kind = f.required_string("kind");
    if (auto k = parse_inspection_kind(kind)) in.kind = *k;
    else if (!kind.empty()) f.problem("kind", "unknown_kind");
    in.evaluation_plan_id = f.optional_int("evaluation_plan_id");
  }
  const auto mode = f.required_string("mode");
  if (auto m = parse_inspection_mode(mode)) in.mode = *m;
  else if (!mode.empty()) f.problem("mode", "unknown_mode");
  in.scheduled_on = f.required_string("scheduled_on");
  in.inspector_ids = f.int_array("inspector_ids");
  in.third_party = f.optional_string("third_party").value_or("");
  in.peer_institution_id = f.optional_int("peer_institution_id");
  in.checklist = f.string_array("checklist");
  if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
  return in;
}

Result<Response> inspection_answer(Request& req, Result<Inspection> r) {
  if (!r) return std::unexpected(r.error());
  return Response::ok(inspection_json(*r, req.lang));
}

void add_inspection_routes(RouteTable& t, InspectionService& ins) {
  t.push_back({Method::get, "/api/v1/inspections",
               "Inspections in the caller's scope; an inspector's own; an institution's (covert ones once completed)",
               "supervision", Access::session, Exec::io,
               {"status", "kind", "institution_id", "draw_id", "page", "page_size"}, kDefaultBodyLimit,
               [&ins](Request& req) -> Result<Response> {
                 auto page = page_of(req);
                 if (!page) return std::unexpected(page.error());
                 InspectionFilter f;
                 f.page = *page;
                 f.status = query_or_empty(req, "status");
                 if (!f.status.empty() && !parse_inspection_status(f.status))
                   return bad_request({{"status", "unknown_status"}});
                 f.kind = query_or_empty(req, "kind");
                 if (!f.kind.empty() && !parse_inspection_kind(f.kind)) return bad_request({{"kind", "unknown_kind"}});
                 auto inst = id_query(req, "institution_id");
                 if (!inst) return std::unexpected(inst.error());
                 auto draw = id_query(req, "draw_id");
                 if (!draw) return std::unexpected(draw.error());
                 f.institution_id = *inst;
                 f.draw_id = *draw;
                 return ok_or(ins.list(*req.actor, f), [](const auto& p) { return page_json(p, inspection_summary_json); });
               }});
  t.push_back({Method::post, "/api/v1/inspections",
               "Open an inspection of an institution the caller supervises (S13, S15, S16)", "supervision",
               Access::session, Exec::worker, {}, kDefaultBodyLimit, [&ins](Request& req) -> Result<Response> {
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 auto in = read_inspection(f, false);
                 if (!in) return std::unexpected(in.error());
                 auto r = ins.create(*req.actor, *in);
                 if (!r) return std::unexpected(r.error());
                 return Response::json(201, inspection_json(*r, req.lang));
               }});
  t.push_back({Method::get, "/api/v1/inspections/:id", "One inspection with checklist, evidence and rectifications",
               "supervision", Access::session, Exec::io, {}, kDefaultBodyLimit,
               [&ins](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return inspection_answer(req, ins.get(*req.actor, *id));
               }});
  t.push_back({Method::post, "/api/v1/inspections/:id/start", "Start the inspection (assigned inspectors, authority)",
               "supervision", Access::session, Exec::worker, {}, kDefaultBodyLimit,
               [&ins](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 if (auto ok = no_fields(req); !ok) return std::unexpected(ok.error());
                 return inspection_answer(req, ins.start(*req.actor, *id));
               }});
  t.push_back({Method::put, "/api/v1/inspections/:id/findings", "Record checklist findings over S9's five areas",
               "supervision", Access::session, Exec::worker, {}, kDefaultBodyLimit,
               [&ins](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 std::vector<ItemFinding> items;
                 if (const Json* list = f.optional_array("items")) {
                   for (std::size_t k = 0; k < list->size() && k < 100; ++k) {
                     const std::string field = "items[" + std::to_string(k) + "]";
                     if (!(*list)[k].is_object()) {
                       f.problem(field, "must_be_object");
                       continue;
                     }
                     Fields item((*list)[k]);
                     ItemFinding out;
                     out.code = item.required_string("code");
                     if (auto v = item.optional_string("finding")) {
                       Finding parsed{};
                       if (parse_finding(*v, parsed)) out.finding = parsed;
                       else item.problem("finding", "unknown_finding");
                     }
                     out.note = item.optional_string("note").value_or("");
                     if (auto ok = item.finish(); !ok)
                       for (const auto& d : ok.error().details) f.problem(field + "." + d.field, d.problem);
                     items.push_back(std::move(out));
                   }
                   if (list->size() > 100) f.problem("items", "too_many");
                 } else if (!body->contains("items")) {
                   f.problem("items", "required");
                 }
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return inspection_answer(req, ins.record_findings(*req.actor, *id, items));
               }});
  t.push_back({Method::post, "/api/v1/inspections/:id/evidence",
               "Attach an evidence file (PDF, PNG, JPEG or MP4, at most 20 MiB); the body is the file (S10(4))",
               "supervision", Access::session, Exec::worker, {"file_name"}, 20 * 1024 * 1024 + 1024,
               [&ins](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return ok_or(ins.add_evidence(*req.actor, *id, query_or_empty(req, "file_name"), req.body),
                              evidence_json, 201);
               }});
  t.push_back({Method::get, "/api/v1/inspections/:id/evidence/:evidence", "Download an evidence file", "supervision",
               Access::session, Exec::io, {}, kDefaultBodyLimit, [&ins](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 auto eid = id_param(req, "evidence");
                 if (!id || !eid) return not_found("evidence");
                 auto file = ins.evidence(*req.actor, *id, *eid);
                 if (!file) return std::unexpected(file.error());
                 Response r;
                 r.content_type = file->first.content_type;
                 r.body = std::move(file->second);
                 r.headers.emplace_back("Content-Disposition",
                                        "attachment; filename=\"inspection-evidence-" + std::to_string(*eid) + "\"");
                 r.headers.emplace_back("X-Content-SHA256", file->first.sha256);
                 return r;
               }});
  t.push_back({Method::post, "/api/v1/inspections/:id/self-evaluation",
               "The institution's self-evaluation for an annual assessment or periodic evaluation (S16)", "supervision",
               Access::session, Exec::worker, {}, 256 * 1024, [&ins](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 auto t = f.required_string("text");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return inspection_answer(req, ins.submit_self_evaluation(*req.actor, *id, t));
               }});
  t.push_back({Method::post, "/api/v1/inspections/:id/complete",
               "Complete with report, outcome and rectification requirements (S10, S11)", "supervision",
               Access::session, Exec::worker, {}, 256 * 1024, [&ins](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 CompletionInput in;
                 in.outcome = f.required_string("outcome");
                 in.report = f.required_string("report");
                 if (const Json* list = f.optional_array("rectifications")) {
                   for (std::size_t k = 0; k < list->size() && k < 51; ++k) {
                     const std::string field = "rectifications[" + std::to_string(k) + "]";
                     if (!(*list)[k].is_object()) {
                       f.problem(field, "must_be_object");
                       continue;
                     }
                     Fields item((*list)[k]);
                     RectificationInput r{item.required_string("requirement"), item.required_string("due_on")};
                     if (auto ok = item.finish(); !ok)
                       for (const auto& d : ok.error().details) f.problem(field + "." + d.field, d.problem);
                     in.rectifications.push_back(std::move(r));
                   }
                 }
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return inspection_answer(req, ins.complete(*req.actor, *id, in));
               }});
  t.push_back({Method::post, "/api/v1/inspections/:id/rectifications/:rectification/verify",
               "Verify a rectification (S11): accepted, or on the institution's report found not done with a note",
               "supervision", Access::session, Exec::worker, {},
               kDefaultBodyLimit, [&ins](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 auto rid = id_param(req, "rectification");
                 if (!id || !rid) return not_found("rectification");
                 std::string note;
                 bool accepted = true;
                 if (!req.body.empty()) {
                   auto body = body_of(req);
                   if (!body) return std::unexpected(body.error());
                   Fields f(*body);
                   note = f.optional_string("note").value_or("");
                   accepted = f.optional_bool("accepted").value_or(true);
                   if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 }
                 return inspection_answer(req, ins.verify_rectification(*req.actor, *id, *rid, note, accepted));
               }});
  t.push_back({Method::post, "/api/v1/inspections/:id/rectifications/:rectification/report",
               "The institution reports what it did about a rectification order (S11)", "supervision",
               Access::session, Exec::worker, {}, kDefaultBodyLimit, [&ins](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 auto rid = id_param(req, "rectification");
                 if (!id || !rid) return not_found("rectification");
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 const std::string report = f.required_string("report");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return inspection_answer(req, ins.report_rectification(*req.actor, *id, *rid, report));
               }});
  t.push_back({Method::post, "/api/v1/inspections/:id/cancel", "Cancel a planned or running inspection, with a reason; `refused` if the institution refused it (S20(3))",
               "supervision", Access::session, Exec::worker, {}, kDefaultBodyLimit,
               [&ins](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 auto reason = f.required_string("reason");
                 const bool refused = f.optional_bool("refused").value_or(false);  // S20(3)
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 if (reason.size() > 4000) return invalid({{"reason", "too_long"}});
                 return inspection_answer(req, ins.cancel(*req.actor, *id, reason, refused));
               }});
  t.push_back({Method::get, "/api/v1/public/inspection-results", "Published inspection outcomes 一公开 (M27, S11)",
               "public", Access::open, Exec::io, {"institution_code", "page", "page_size"}, kDefaultBodyLimit,
               [&ins](Request& req) -> Result<Response> {
                 auto page = page_of(req);
                 if (!page) return std::unexpected(page.error());
                 auto code = query_or_empty(req, "institution_code");
                 if (code.size() > 32) return bad_request({{"institution_code", "too_long"}});
                 return ok_or(ins.public_results(code, *page),
                              [](const auto& p) { return page_json(p, public_inspection_json); });
               }});
}

Result<Response> complaint_answer(ComplaintService& c, Result<Complaint> r) {
  if (!r) return std::unexpected(r.error());
  return Response::ok(complaint_json(*r, c.overdue(*r)));
}

void add_complaint_routes(RouteTable& t, ComplaintService& com) {
  t.push_back({Method::post, "/api/v1/public/complaints",
               "Submit a complaint or report 投诉举报 (anonymous allowed); answers a tracking number (M28, S17)",
               "public", Access::open, Exec::worker, {}, 16 * 1024, [&com](Request& req) -> Result<Response> {
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 ComplaintInput in;
                 in.institution_code = f.required_string("institution_code");
                 in.category = f.required_string("category");
                 in.content = f.required_string("content");
                 in.contact = f.optional_string("contact").value_or("");
                 in.activity_region_code = f.optional_string("activity_region_code").value_or("");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(com.submit(in, req.client_ip), [](const Complaint& c) {
                   return Json{{"tracking_no", c.tracking_no}, {"reply_due", c.reply_due.to_string()}};
                 }, 201);
               }});
  t.push_back({Method::get, "/api/v1/public/complaints/:tracking_no", "A complaint's status and reply, by tracking number",
               "public", Access::open, Exec::io, {}, kDefaultBodyLimit, [&com](Request& req) -> Result<Response> {
                 auto it = req.params.find("tracking_no");
                 if (it == req.params.end()) return not_found("complaint");
                 return ok_or(com.track(it->second), public_complaint_json);
               }});
  t.push_back({Method::get, "/api/v1/complaints", "Complaints routed to the caller's region or about activity in it",
               "supervision", Access::session, Exec::io, {"status", "institution_id", "page", "page_size"},
               kDefaultBodyLimit, [&com](Request& req) -> Result<Response> {
                 auto page = page_of(req);
                 if (!page) return std::unexpected(page.error());
                 ComplaintFilter f;
                 f.page = *page;
                 f.status = query_or_empty(req, "status");
                 if (!f.status.empty() && !parse_complaint_status(f.status))
                   return bad_request({{"status", "unknown_status"}});
                 auto inst = id_query(req, "institution_id");
                 if (!inst) return std::unexpected(inst.error());
                 f.institution_id = *inst;
                 return ok_or(com.list(*req.actor, f), [&com](const auto& p) {
                   return page_json(p, [&com](const Complaint& c) { return complaint_json(c, com.overdue(c)); });
                 });
               }});
  t.push_back({Method::get, "/api/v1/complaints/:id", "One complaint", "supervision", Access::session, Exec::io, {},
               kDefaultBodyLimit, [&com](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return complaint_answer(com, com.get(*req.actor, *id));
               }});
  t.push_back({Method::post, "/api/v1/complaints/:id/accept", "Accept a complaint for handling (受理)", "supervision",
               Access::session, Exec::worker, {}, kDefaultBodyLimit, [&com](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 if (auto ok = no_fields(req); !ok) return std::unexpected(ok.error());
                 return complaint_answer(com, com.accept(*req.actor, *id));
               }});
  t.push_back({Method::post, "/api/v1/complaints/:id/reject", "Decline a complaint (不予受理), with the reason",
               "supervision", Access::session, Exec::worker, {}, kDefaultBodyLimit,
               [&com](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto reason = reasons_of(req, "reason");
                 if (!reason) return std::unexpected(reason.error());
                 return complaint_answer(com, com.reject(*req.actor, *id, *reason));
               }});
  t.push_back({Method::post, "/api/v1/complaints/:id/inspection",
               "Open a special inspection 专项督查 of the complaint in one step (S15, S17)", "supervision",
               Access::session, Exec::worker, {}, kDefaultBodyLimit, [&com](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 auto in = read_inspection(f, true);
                 if (!in) return std::unexpected(in.error());
                 auto r = com.open_inspection(*req.actor, *id, *in);
                 if (!r) return std::unexpected(r.error());
                 return Response::json(201, {{"complaint", complaint_json(r->first, com.overdue(r->first))},
                                             {"inspection", inspection_json(r->second, req.lang)}});
               }});
  t.push_back({Method::post, "/api/v1/complaints/:id/reply", "Reply to the complainant, substantiated or not (S17)",
               "supervision", Access::session, Exec::worker, {}, kDefaultBodyLimit,
               [&com](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 const bool present = body->contains("substantiated");
                 auto substantiated = f.optional_bool("substantiated");
                 auto text = f.required_string("reply");
                 if (!present) f.problem("substantiated", "required");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return complaint_answer(com, com.reply(*req.actor, *id, substantiated.value_or(false), text));
               }});
}

}  // namespace

void add_inspection_routes(RouteTable& t, Services& s) {
  add_inspection_routes(t, s.inspections);
  add_complaint_routes(t, s.complaints);
}

}  // namespace skillreg::http
