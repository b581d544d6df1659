// User accounts, managed by administrators within their scope.
#include "http/json_input.hpp"
#include "http/presenters.hpp"
#include "http/query.hpp"
#include "http/services.hpp"

namespace skillreg::http {

void add_user_routes(RouteTable& t, Services& s) {
  t.push_back({Method::get, "/api/v1/users", "Accounts within my scope", "users", Access::session,
               Exec::io, {"role", "q", "page", "page_size"}, kDefaultBodyLimit,
               [&s](Request& req) -> Result<Response> {
                 auto page = page_of(req);
                 if (!page) return std::unexpected(page.error());
                 UserFilter f;
                 if (auto it = req.query.find("role"); it != req.query.end()) f.role = it->second;
                 f.q = query_or_empty(req, "q");
                 if (f.q.size() > 100) return invalid({{"q", "too_long"}});
                 f.page = *page;
                 auto list = s.users.list(*req.actor, f);
                 if (!list) return std::unexpected(list.error());
                 return Response::ok(page_json(*list, user_json));
               }});

  t.push_back({Method::post, "/api/v1/users", "Create an account", "users", Access::session,
               Exec::worker, {}, 8192, [&s](Request& req) -> Result<Response> {
                 auto body = parse_json_object(req.body);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 NewUser cmd;
                 cmd.username = f.required_string("username");
                 cmd.display_name = f.required_string("display_name");
                 cmd.password = f.required_string("password");
                 cmd.role = f.required_string("role");
                 cmd.region_code = f.required_string("region_code");
                 cmd.institution_id = f.optional_int("institution_id");
                 cmd.identity_no = f.optional_string("identity_no");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 auto u = s.users.create(*req.actor, cmd);
                 if (!u) return std::unexpected(u.error());
                 return Response::created(user_json(*u));
               }});

  t.push_back({Method::get, "/api/v1/users/:id", "One account", "users", Access::session,
               Exec::io, {}, kDefaultBodyLimit, [&s](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto u = s.users.get(*req.actor, *id);
                 if (!u) return std::unexpected(u.error());
                 return Response::ok(user_json(*u));
               }});

  for (const bool disable : {true, false}) {
    t.push_back({Method::post, disable ? "/api/v1/users/:id/disable" : "/api/v1/users/:id/enable",
                 disable ? "Disable an account (ends its sessions)" : "Enable an account",
                 "users", Access::session, Exec::worker, {}, 1024,
                 [&s, disable](Request& req) -> Result<Response> {
                   auto id = id_param(req);
                   if (!id) return std::unexpected(id.error());
                   if (!req.body.empty()) {
                     auto body = parse_json_object(req.body);
                     if (!body) return std::unexpected(body.error());
                     if (auto ok = Fields(*body).finish(); !ok) return std::unexpected(ok.error());
                   }
                   auto u = s.users.set_disabled(*req.actor, *id, disable);
                   if (!u) return std::unexpected(u.error());
                   return Response::ok(user_json(*u));
                 }});
  }

  t.push_back({Method::post, "/api/v1/users/:id/identity",
               "Link an examiner's account to the person (identity number) their institutions register (M16)",
               "users", Access::session, Exec::worker, {}, 1024, [&s](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto body = parse_json_object(req.body);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 const auto number = f.required_string("identity_no");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 auto u = s.users.link_identity(*req.actor, *id, number);
                 if (!u) return std::unexpected(u.error());
                 return Response::ok(user_json(*u));
               }});

  t.push_back({Method::post, "/api/v1/users/:id/password",
               "Reset an account's password (ends its sessions)", "users", Access::session,
               Exec::worker, {}, 4096, [&s](Request& req) -> Result<Response> {
                 auto id = id_param(req);
                 if (!id) return std::unexpected(id.error());
                 auto body = parse_json_object(req.body);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 const auto password = f.required_string("password");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 if (auto done = s.users.reset_password(*req.actor, *id, password); !done)
                   return std::unexpected(done.error());
                 return Response::no_content();
               }});
}

}  // namespace skillreg::http
