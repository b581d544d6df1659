// Health and the API description.
#include <mutex>

#include "http/list_export.hpp"
#include "http/services.hpp"

namespace skillreg::http {

void add_system_routes(RouteTable& t, Services& s) {
  t.push_back({Method::get, "/api/v1/health", "Liveness and database check", "system",
               Access::open, Exec::io, {}, kDefaultBodyLimit, [&s](Request&) -> Result<Response> {
                 auto db = s.ctx.db.read([](Tx& tx) -> Status {
                   int one = 0;
                   tx.sql << "SELECT 1", soci::into(one);
                   return {};
                 });
                 if (!db) return std::unexpected(db.error());
                 return Response::ok({{"status", "ok"},
                                      {"version", SKILLREG_VERSION},
                                      {"database", to_string(s.ctx.db.backend())}});
               }});
  // The document is rendered from the final table by build_routes (it needs every route).
}

RouteTable build_routes(Services& s, const ServerOptions& options) {
  RouteTable t;
  add_system_routes(t, s);
  add_reference_routes(t, s);
  add_auth_routes(t, s, options);
  add_user_routes(t, s);
  add_audit_routes(t, s);
  add_registry_routes(t, s);
  add_plan_routes(t, s);
  add_candidate_routes(t, s);
  add_certificate_routes(t, s);
  add_people_registry_routes(t, s);
  add_personnel_routes(t, s);
  add_batch_routes(t, s);
  add_monitoring_routes(t, s);
  add_supervision_routes(t, s);
  add_inspection_routes(t, s);
  add_enforcement_routes(t, s);
  add_report_routes(t, s);
  add_notification_routes(t, s);
  add_list_exports(t);  // issue 10 §4: every paged list also answers ?format=csv
  Route openapi{Method::get, "/api/v1/openapi.json", "This API's OpenAPI document", "system",
                Access::open, Exec::io, {}, kDefaultBodyLimit, nullptr};
  t.push_back(openapi);
  t.push_back({Method::get, "/api/docs", "This API's operations as a page", "system", Access::open,
               Exec::io, {}, kDefaultBodyLimit, nullptr});
  // The OpenAPI document is rendered at its first request, not at every start: about 0.1 s of
  // the sanitizer build's start, which the tests pay hundreds of times. It reads the routes'
  // descriptions only, so its copy of the table holds no handlers.
  struct OpenApi {
    RouteTable routes;
    std::once_flag rendered;
    std::string text;
  };
  auto doc = std::make_shared<OpenApi>();
  doc->routes = t;
  for (auto& r : doc->routes) r.handler = nullptr;
  auto page = std::make_shared<const std::string>(api_docs_page(t));
  t[t.size() - 2].handler = [doc](Request&) -> Result<Response> {
    std::call_once(doc->rendered, [&doc] { doc->text = openapi_document(doc->routes).dump(2); });
    Response r;
    r.body = doc->text;
    r.cacheable = true;
    return r;
  };
  t.back().handler = [page](Request&) -> Result<Response> {
    Response r;
    r.body = *page;
    r.content_type = "text/html; charset=utf-8";
    r.cacheable = true;
    return r;
  };
  return t;
}

}  // namespace skillreg::http
