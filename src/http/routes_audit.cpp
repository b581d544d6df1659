// The audit log: scoped reads, and verification of the hash chain.
#include "http/presenters.hpp"
#include "http/query.hpp"
#include "http/services.hpp"

namespace skillreg::http {

Json chain_check_json(const ChainCheck& c) {
  return {{"valid", c.valid},
          {"entries", c.entries},
          {"first_bad", c.first_bad ? Json(*c.first_bad) : Json(nullptr)},
          {"problem", c.problem.empty() ? Json(nullptr) : Json(c.problem)}};
}

void add_audit_routes(RouteTable& t, Services& s) {
  t.push_back({Method::get, "/api/v1/audit", "Audit entries within my scope, newest first",
               "audit", Access::session, Exec::io,
               {"object_type", "object_id", "action", "page", "page_size"}, kDefaultBodyLimit,
               [&s](Request& req) -> Result<Response> {
                 auto page = page_of(req);
                 if (!page) return std::unexpected(page.error());
                 AuditFilter f{query_or_empty(req, "object_type"), query_or_empty(req, "object_id"),
                               query_or_empty(req, "action"), *page};
                 auto list = s.audit.list(*req.actor, f);
                 if (!list) return std::unexpected(list.error());
                 return Response::ok(page_json(*list, audit_entry_json));
               }});

  t.push_back({Method::get, "/api/v1/audit/verify",
               "Verify the whole hash chain (province administrators)", "audit", Access::session,
               Exec::worker, {}, kDefaultBodyLimit, [&s](Request& req) -> Result<Response> {
                 auto check = s.audit.verify(*req.actor);
                 if (!check) return std::unexpected(check.error());
                 return Response::ok(chain_check_json(*check));
               }});
}

}  // namespace skillreg::http
