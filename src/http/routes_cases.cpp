// Enforcement 监管处理 (S18–S24): the violation catalogue, cases and their due process, and the
// public list of sanctions (S11, S20, S21 对社会公布).
#include "app/enforcement_service.hpp"
#include "http/handler_helpers.hpp"
#include "http/query.hpp"
#include "http/services.hpp"

namespace skillreg::http {

namespace {

Json opt_date(const std::optional<Date>& d) { return d ? Json(d->to_string()) : Json(nullptr); }

Json violation_json(const ViolationItem& v, Lang lang) {
  return {{"code", v.code},
          {"article", v.article},
          {"item", v.item},
          {"class", to_string(v.measure)},
          {"text", lang == Lang::en ? v.text_en : v.text_zh},
          {"text_zh", v.text_zh},
          {"text_en", v.text_en}};
}

Json case_json(const CaseRecord& c) {
  Json evidence = Json::array();
  for (const auto& e : c.evidence)
    evidence.push_back({{"type", e.type},
                        {"id", e.id > 0 ? Json(e.id) : Json(nullptr)},
                        {"ref", e.ref.empty() ? Json(nullptr) : Json(e.ref)},
                        {"note", e.note}});
  Json statements = Json::array();
  for (const auto& s : c.statements)
    statements.push_back({{"id", s.id}, {"kind", s.kind}, {"text", s.text}, {"submitted_at", format_instant(s.submitted_at)}});
  Json candidates = Json::array();
  for (const auto& x : c.candidates) candidates.push_back({{"id", x.id}, {"plan_id", x.plan_id}, {"name", x.name}});
  return {{"id", c.id},
          {"case_no", c.case_no},
          {"institution_id", c.institution_id},
          {"institution_code", c.institution_code},
          {"institution_name", c.institution_name},
          {"authority_code", c.authority_code},
          {"status", to_string(c.status)},
          {"origin", c.origin},
          {"origin_id", c.origin_id ? Json(*c.origin_id) : Json(nullptr)},
          {"items", c.items},
          {"serious", c.serious},
          {"facts", c.facts},
          {"evidence", evidence},
          {"measure", to_string(c.measure)},
          {"article", article_of(c.measure)},
          {"proposed_measure", c.proposed_measure ? Json(to_string(*c.proposed_measure)) : Json(nullptr)},
          {"decided_measure", c.decided_measure ? Json(to_string(*c.decided_measure)) : Json(nullptr)},
          {"voids_results", c.voids_results},
          {"escalation", c.escalation},
          {"reasons", c.reasons},
          {"basis", c.basis},
          {"proposed_on", opt_date(c.proposed_on)},
          {"served_on", opt_date(c.served_on)},
          {"service_method", c.service_method.empty() ? Json(nullptr) : Json(c.service_method)},
          {"statement_due", opt_date(c.statement_due)},
          {"statements", statements},
          {"decision", c.decision ? Json(to_string(*c.decision)) : Json(nullptr)},
          {"decision_reasons", c.decision_reasons},
          {"decided_on", opt_date(c.decided_on)},
          {"review_due", opt_date(c.review_due)},
          {"rectification_due", opt_date(c.rectification_due)},
          {"rectification_verified_on", opt_date(c.rectification_verified_on)},
          {"interview_on", opt_date(c.interview_on)},
          {"interview_place", c.interview_place},
          {"certificates", c.certificates},
          {"candidates", candidates},
          {"review_outcome", c.review_outcome ? Json(to_string(*c.review_outcome)) : Json(nullptr)},
          {"review_reasons", c.review_reasons},
          {"reviewed_on", opt_date(c.reviewed_on)},
          {"in_force", in_force(c)},
          {"effects", c.effects},
          {"record", c.record},
          {"created_at", format_instant(c.created_at)},
          {"updated_at", format_instant(c.updated_at)}};
}

// What the law makes public (S20, S21 对社会公布): no facts beyond the decision.
Json sanction_json(const CaseRecord& c) {
  return {{"case_no", c.case_no},
          {"institution_id", c.institution_id},
          {"institution_code", c.institution_code},
          {"institution_name", c.institution_name},
          {"items", c.items},
          {"article", article_of(c.measure)},
          {"measure", to_string(c.measure)},
          {"decided_on", opt_date(c.decided_on)},
          {"reversed", c.review_outcome == ReviewOutcome::overturned},
          {"review_outcome", c.review_outcome ? Json(to_string(*c.review_outcome)) : Json(nullptr)},
          {"reviewed_on", opt_date(c.reviewed_on)}};
}

template <class F>
Result<Response> case_step(Request& req, F&& step) {
  auto id = id_param(req);
  if (!id) return std::unexpected(id.error());
  auto body = req.body.empty() ? Result<Json>(Json::object()) : body_of(req);
  if (!body) return std::unexpected(body.error());
  Fields f(*body);
  auto r = step(f, *id);
  if (!r) return std::unexpected(r.error());
  return Response::ok(case_json(*r));
}

// Reads the body's fields, then (only if they were well formed) runs the use case.
template <class In, class Read, class Run>
auto read_then(Fields& f, Read&& read, Run&& run) -> decltype(run(std::declval<In>())) {
  In in = read(f);
  if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
  return run(in);
}

void add_case_routes(RouteTable& t, EnforcementService& enf) {
  t.push_back({Method::get, "/api/v1/violations", "The violation catalogue of S18–S21 with each item's consequence class",
               "enforcement", Access::open, Exec::io, {}, kDefaultBodyLimit, [](Request& req) -> Result<Response> {
                 Json items = Json::array();
                 for (const auto& v : ViolationCatalogue::standard().items()) items.push_back(violation_json(v, req.lang));
                 Response r = Response::ok({{"items", items}, {"total", items.size()}});
                 r.cacheable = true;
                 return r;
               }});
  t.push_back({Method::get, "/api/v1/cases", "Enforcement cases in the caller's scope; an institution its own",
               "enforcement", Access::session, Exec::io, {"status", "institution_id", "page", "page_size"},
               kDefaultBodyLimit, [&enf](Request& req) -> Result<Response> {
                 auto page = page_of(req);
                 if (!page) return std::unexpected(page.error());
                 CaseFilter f;
                 f.page = *page;
                 f.status = query_or_empty(req, "status");
                 if (!f.status.empty() && !parse_case_status(f.status)) return bad_request({{"status", "unknown_status"}});
                 auto inst = id_query(req, "institution_id");
                 if (!inst) return std::unexpected(inst.error());
                 f.institution_id = *inst;
                 return ok_or(enf.list(*req.actor, f), [](const auto& p) { return page_json(p, case_json); });
               }});
  t.push_back({Method::post, "/api/v1/cases", "Open a case against an institution naming catalogue items (S18–S21)",
               "enforcement", Access::session, Exec::worker, {}, kDefaultBodyLimit,
               [&enf](Request& req) -> Result<Response> {
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 CaseInput in;
                 in.institution_id = f.required_int("institution_id");
                 in.items = f.string_array("items");
                 in.serious = f.optional_bool("serious").value_or(false);
                 in.facts = f.required_string("facts");
                 in.origin = f.optional_string("origin").value_or("manual");
                 in.origin_id = f.optional_int("origin_id");
                 if (const Json* list = f.optional_array("evidence")) {
                   for (std::size_t k = 0; k < list->size() && k < 51; ++k) {
                     const std::string field = "evidence[" + std::to_string(k) + "]";
                     if (!(*list)[k].is_object()) {
                       f.problem(field, "must_be_object");
                       continue;
                     }
                     Fields e((*list)[k]);
                     EvidenceLink link{e.required_string("type"), e.optional_int("id").value_or(0),
                                       e.optional_string("note").value_or(""), e.optional_string("ref").value_or("")};
                     if (auto ok = e.finish(); !ok)
                       for (const auto& d : ok.error().details) f.problem(field + "." + d.field, d.problem);
                     in.evidence.push_back(std::move(link));
                   }
                 }
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(enf.open(*req.actor, in), case_json, 201);
               }});
  t.push_back({Method::get, "/api/v1/cases/:id", "One case with its due-process record", "enforcement",
               Access::session, Exec::io, {}, kDefaultBodyLimit, [&enf](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 return ok_or(enf.get(*req.actor, *id), case_json);
               }});
  t.push_back({Method::post, "/api/v1/cases/:id/propose",
               "Propose the decision with its facts, reasons and legal basis (S23 事先告知)", "enforcement",
               Access::session, Exec::worker, {}, kDefaultBodyLimit, [&enf](Request& req) -> Result<Response> {
                 return case_step(req, [&](Fields& f, std::int64_t id) {
                   return read_then<ProposalInput>(
                       f, [](Fields& g) { return ProposalInput{g.required_string("reasons"), g.required_string("basis")}; },
                       [&](const ProposalInput& in) { return enf.propose(*req.actor, id, in); });
                 });
               }});
  t.push_back({Method::post, "/api/v1/cases/:id/serve",
               "Record the service of the proposal, in writing or by announcement (S23)", "enforcement",
               Access::session, Exec::worker, {}, kDefaultBodyLimit, [&enf](Request& req) -> Result<Response> {
                 return case_step(req, [&](Fields& f, std::int64_t id) {
                   return read_then<ServiceInput>(
                       f, [](Fields& g) { return ServiceInput{g.required_string("method"), g.required_string("served_on")}; },
                       [&](const ServiceInput& in) { return enf.serve(*req.actor, id, in); });
                 });
               }});
  t.push_back({Method::post, "/api/v1/cases/:id/statements",
               "The institution's statement and defence 陈述申辩 within the window (S24)", "enforcement",
               Access::session, Exec::worker, {}, 256 * 1024, [&enf](Request& req) -> Result<Response> {
                 return case_step(req, [&](Fields& f, std::int64_t id) {
                   return read_then<std::string>(
                       f, [](Fields& g) { return g.required_string("text"); },
                       [&](const std::string& text) { return enf.state(*req.actor, id, text); });
                 });
               }});
  t.push_back({Method::post, "/api/v1/cases/:id/decide",
               "Decide: upheld, changed to a lighter measure than notified (S23), or dropped; the measure takes effect (S18–S21, S24)", "enforcement",
               Access::session, Exec::worker, {}, 256 * 1024, [&enf](Request& req) -> Result<Response> {
                 return case_step(req, [&](Fields& f, std::int64_t id) {
                   return read_then<DecisionInput>(
                       f,
                       [](Fields& g) {
                         DecisionInput in;
                         in.outcome = g.required_string("outcome");
                         in.reasons = g.required_string("reasons");
                         in.measure = g.optional_string("measure");
                         in.certificates = g.string_array("certificates");
                         in.candidates = g.int_array("candidates");
                         in.rectification_due = g.optional_string("rectification_due");
                         in.interview_on = g.optional_string("interview_on");
                         in.interview_place = g.optional_string("interview_place").value_or("");
                         return in;
                       },
                       [&](const DecisionInput& in) { return enf.decide(*req.actor, id, in); });
                 });
               }});
  t.push_back({Method::post, "/api/v1/cases/:id/review-requests",
               "The institution asks for a review 复核 of the decision (S24)", "enforcement", Access::session,
               Exec::worker, {}, 256 * 1024, [&enf](Request& req) -> Result<Response> {
                 return case_step(req, [&](Fields& f, std::int64_t id) {
                   return read_then<std::string>(
                       f, [](Fields& g) { return g.required_string("text"); },
                       [&](const std::string& text) { return enf.request_review(*req.actor, id, text); });
                 });
               }});
  t.push_back({Method::post, "/api/v1/cases/:id/review-decision",
               "Decide the review: upheld, changed to a lighter measure, or overturned; effects follow (S24)",
               "enforcement", Access::session, Exec::worker, {}, 256 * 1024, [&enf](Request& req) -> Result<Response> {
                 return case_step(req, [&](Fields& f, std::int64_t id) {
                   return read_then<CaseReviewInput>(
                       f,
                       [](Fields& g) {
                         return CaseReviewInput{g.required_string("outcome"), g.required_string("reasons"),
                                            g.optional_string("measure")};
                       },
                       [&](const CaseReviewInput& in) { return enf.decide_review(*req.actor, id, in); });
                 });
               }});
  t.push_back({Method::post, "/api/v1/cases/:id/close",
               "Close a decided case (an interview with its record, S19), or drop a draft or proposal",
               "enforcement", Access::session, Exec::worker, {}, 256 * 1024, [&enf](Request& req) -> Result<Response> {
                 return case_step(req, [&](Fields& f, std::int64_t id) {
                   return read_then<std::string>(
                       f, [](Fields& g) { return g.optional_string("record").value_or(""); },
                       [&](const std::string& record) { return enf.close(*req.actor, id, record); });
                 });
               }});
  t.push_back({Method::post, "/api/v1/cases/:id/rectification",
               "Verify the rectification of a written notice by a passed inspection; the suspension ends (S20)",
               "enforcement", Access::session, Exec::worker, {}, kDefaultBodyLimit,
               [&enf](Request& req) -> Result<Response> {
                 return case_step(req, [&](Fields& f, std::int64_t id) {
                   return read_then<std::int64_t>(
                       f, [](Fields& g) { return g.required_int("inspection_id"); },
                       [&](std::int64_t inspection) { return enf.verify_rectification(*req.actor, id, inspection); });
                 });
               }});
  t.push_back({Method::get, "/api/v1/cases/:id/documents/:document",
               "A case document as PDF: interview-notice, rectification-notice, prior-notice, decision or "
               "review-decision, with .pdf (S19, S20, S23, S24)",
               "enforcement", Access::session, Exec::worker, {}, kDefaultBodyLimit,
               [&enf](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto it = req.params.find("document");
                 if (it == req.params.end() || !it->second.ends_with(".pdf")) return not_found("document");
                 const std::string kind = it->second.substr(0, it->second.size() - 4);
                 auto pdf = enf.document(*req.actor, *id, kind);
                 if (!pdf) return std::unexpected(pdf.error());
                 Response r;
                 r.content_type = "application/pdf";
                 r.body = std::move(*pdf);
                 r.headers.emplace_back("Content-Disposition", "inline; filename=\"case-" + std::to_string(*id) + "-" + kind + ".pdf\"");
                 return r;
               }});
  t.push_back({Method::get, "/api/v1/public/sanctions",
               "Decisions the law makes public: written notices (S20) and cancellations (S21), reversed ones marked",
               "public", Access::open, Exec::io, {"institution_id", "page", "page_size"}, kDefaultBodyLimit,
               [&enf](Request& req) -> Result<Response> {
                 auto page = page_of(req);
                 if (!page) return std::unexpected(page.error());
                 auto inst = id_query(req, "institution_id");
                 if (!inst) return std::unexpected(inst.error());
                 return ok_or(enf.public_sanctions(*inst, *page), [](const auto& p) { return page_json(p, sanction_json); });
               }});
}

}  // namespace

void add_enforcement_routes(RouteTable& t, Services& s) { add_case_routes(t, s.enforcement); }

}  // namespace skillreg::http
