// Certificates: issue (S19(9), S20(2)), national reporting (S19(10)), voiding (S18), and the public
// check with its signed QR code and the published keys.
#include "app/certificate_service.hpp"
#include "core/signing.hpp"
#include "http/activity_presenters.hpp"
#include "http/handler_helpers.hpp"
#include "http/query.hpp"
#include "http/services.hpp"

namespace skillreg::http {

void add_certificate_routes(RouteTable& t, Services& s) {
  auto& certs = s.certificates;
  auto present = [&certs](const Certificate& c) { return certificate_json(c, certs.report_due(c)); };
  t.push_back({Method::get, "/api/v1/certificates",
               "Certificates in the caller's scope; overdue=true lists those not reported in time (S19(10))",
               "activity", Access::session, Exec::io,
               {"plan_id", "status", "reported", "overdue", "page", "page_size"}, kDefaultBodyLimit,
               [&certs, present](Request& req) -> Result<Response> {
                 auto page = page_of(req);
                 if (!page) return std::unexpected(page.error());
                 CertificateFilter f;
                 f.page = *page;
                 if (auto p = query_or_empty(req, "plan_id"); !p.empty()) {
                   if (p.size() > 18 || p.find_first_not_of("0123456789") != std::string::npos)
                     return bad_request({{"plan_id", "must_be_id"}});
                   f.plan_id = std::stoll(p);
                 }
                 if (auto st = query_or_empty(req, "status"); !st.empty()) f.status = st;
                 auto reported = bool_query(req, "reported");
                 if (!reported) return std::unexpected(reported.error());
                 f.reported = *reported;
                 auto overdue = bool_query(req, "overdue");
                 if (!overdue) return std::unexpected(overdue.error());
                 f.overdue = overdue->value_or(false);
                 return ok_or(certs.list(*req.actor, f), [&present](const auto& p) { return page_json(p, present); });
               }});
  t.push_back({Method::post, "/api/v1/certificates",
               "Issue certificates to a plan's passed candidates after the results publicity (S19(9))", "activity",
               Access::session, Exec::worker, {}, 256 * 1024, [&certs, present](Request& req) -> Result<Response> {
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 const auto plan = f.required_int("plan_id");
                 std::vector<std::int64_t> ids;
                 if (const Json* arr = f.optional_array("candidate_ids")) {
                   for (std::size_t i = 0; i < arr->size(); ++i) {
                     if ((*arr)[i].is_number_integer()) ids.push_back((*arr)[i].get<std::int64_t>());
                     else f.problem("candidate_ids[" + std::to_string(i) + "]", "must_be_integer");
                   }
                 }
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(certs.issue(*req.actor, plan, ids), [&present](const auto& list) {
                   Json items = Json::array();
                   for (const auto& c : list) items.push_back(present(c));
                   return Json{{"items", items}, {"total", list.size()}};
                 }, 201);
               }});
  t.push_back({Method::post, "/api/v1/certificates/report",
               "Record the date certificates were reported to the national database (S19(10))", "activity",
               Access::session, Exec::worker, {}, 512 * 1024, [&certs](Request& req) -> Result<Response> {
                 auto body = body_of(req);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 auto nos = f.string_array("cert_nos");
                 auto on = f.required_string("reported_on");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 return ok_or(certs.report(*req.actor, nos, on), [](int n) { return Json{{"reported", n}}; });
               }});
  t.push_back({Method::get, "/api/v1/certificates/:cert_no", "One certificate", "activity", Access::session,
               Exec::io, {}, kDefaultBodyLimit, [&certs, present](Request& req) -> Result<Response> {
                 return ok_or(certs.certificate(*req.actor, req.params["cert_no"]), present);
               }});
  t.push_back({Method::post, "/api/v1/certificates/:cert_no/void",
               "Void a certificate with a reason; it is kept (S18)", "activity", Access::session, Exec::worker, {},
               8192, [&certs, present](Request& req) -> Result<Response> {
                 auto reason = reasons_of(req, "reason");
                 if (!reason) return std::unexpected(reason.error());
                 return ok_or(certs.void_certificate(*req.actor, req.params["cert_no"], *reason), present);
               }});

  t.push_back({Method::get, "/api/v1/public/certificates/verify",
               "Check a certificate by number and holder's name: valid, voided (with reason) or not_found", "public",
               Access::open, Exec::io, {"cert_no", "name"}, kDefaultBodyLimit, [&certs](Request& req) -> Result<Response> {
                 auto r = certs.verify(query_or_empty(req, "cert_no"), query_or_empty(req, "name"));
                 if (!r) return std::unexpected(r.error());
                 if (!r->certificate) return Response::ok(Json{{"status", "not_found"}});
                 Response found;
                 found.body = public_certificate_body(*r->certificate);
                 return found;
               }});
  t.push_back({Method::get, "/api/v1/public/certificates/:cert_no/qr.png",
               "The certificate's QR code, signed with the province's Ed25519 key (docs/certificate-qr.md), for its holder's name",
               "public", Access::open, Exec::worker, {"name"}, kDefaultBodyLimit, [&certs](Request& req) -> Result<Response> {
                 auto png = certs.qr_png(req.params["cert_no"], query_or_empty(req, "name"));
                 if (!png) return std::unexpected(png.error());
                 Response r;
                 r.content_type = "image/png";
                 r.body = std::move(*png);
                 return r;
               }});
  t.push_back({Method::get, "/api/v1/public/keys", "The public keys that sign certificate QR codes", "public",
               Access::open, Exec::io, {}, kDefaultBodyLimit, [&certs](Request&) -> Result<Response> {
                 Json keys = Json::array();
                 for (const auto& k : certs.public_keys())
                   keys.push_back({{"key_id", k.key_id}, {"algorithm", "Ed25519"},
                                   {"public_key", signing::base64url_encode_public(k.public_key)}});
                 Response r = Response::ok(Json{{"keys", keys}});
                 r.cacheable = true;
                 return r;
               }});
}

}  // namespace skillreg::http
