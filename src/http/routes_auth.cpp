// Logging in and out, the caller's own account.
#include "http/json_input.hpp"
#include "http/presenters.hpp"
#include "http/services.hpp"

namespace skillreg::http {

inline constexpr const char* kSessionCookie = "skillreg_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

namespace {

std::string session_cookie(const std::string& value, Instant max_age, bool secure) {
  return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(max_age) + (secure ? "; Secure" : "");
}

}  // namespace

void add_auth_routes(RouteTable& t, Services& s, const ServerOptions& options) {
  t.push_back({Method::post, "/api/v1/auth/login", "Log in with username and password", "auth",
               Access::open, Exec::worker, {}, 4096,
               [&s, options](Request& req) -> Result<Response> {
                 auto body = parse_json_object(req.body);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 const auto username = f.required_string("username");
                 const auto password = f.required_string("password");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 auto login = s.auth.login(username, password);
                 if (!login) return std::unexpected(login.error());
                 Response r = Response::ok({{"token", login->token},
                                            {"expires_at", format_instant(login->expires_at)},
                                            {"csrf_token", login->csrf_token},
                                            {"csrf_header", kCsrfHeader},
                                            {"user", user_json(login->user)}});
                 r.headers.emplace_back(
                     "Set-Cookie", session_cookie(login->token, s.ctx.accounts.session_ttl,
                                                  options.cookie_secure));
                 return r;
               }});

  t.push_back({Method::post, "/api/v1/auth/logout", "End this session", "auth", Access::session,
               Exec::worker, {}, 4096, [&s, options](Request& req) -> Result<Response> {
                 if (auto done = s.auth.logout(req.session_token); !done)
                   return std::unexpected(done.error());
                 Response r = Response::no_content();
                 r.headers.emplace_back("Set-Cookie", session_cookie("", 0, options.cookie_secure));
                 return r;
               }});

  t.push_back({Method::get, "/api/v1/auth/me", "Who am I", "auth", Access::session, Exec::io, {},
               kDefaultBodyLimit, [&s](Request& req) -> Result<Response> {
                 auto u = s.users.get(*req.actor, req.actor->user_id);
                 if (!u) return std::unexpected(u.error());
                 auto session = s.auth.authenticate(req.session_token);
                 if (!session) return std::unexpected(session.error());
                 return Response::ok({{"user", user_json(*u)},
                                      {"csrf_token", session->csrf_token},
                                      {"csrf_header", kCsrfHeader}});
               }});

  t.push_back({Method::post, "/api/v1/auth/password",
               "Change my password (ends all my sessions)", "auth", Access::session,
               Exec::worker, {}, 4096, [&s](Request& req) -> Result<Response> {
                 auto body = parse_json_object(req.body);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 const auto old_password = f.required_string("old_password");
                 const auto new_password = f.required_string("new_password");
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 if (auto done = s.auth.change_password(*req.actor, old_password, new_password); !done)
                   return std::unexpected(done.error());
                 return Response::no_content();
               }});
}

}  // namespace skillreg::http
