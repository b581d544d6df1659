// The request pipeline every matched route goes through.
#include <spdlog/spdlog.h>

#include "core/crypto.hpp"
#include "http/error_translator.hpp"
#include "http/parser_refusal.hpp"
#include "http/server.hpp"

namespace skillreg::http {

namespace {

Status check_query(const Route& route, const Request& req) {
  std::vector<FieldProblem> problems;
  for (const auto& [key, value] : req.query)
    if (std::ranges::find(route.query, key) == route.query.end())
      problems.push_back({key, "unknown_query_parameter"});
  if (problems.empty()) return {};
  return bad_request(problems);
}

Status authenticate(const Route& route, Request& req, Services& s) {
  if (route.access == Access::open) return {};
  if (req.session_token.empty())
    return fail(ErrorKind::unauthenticated, "请先登录", "Please sign in first");
  auto auth = s.auth.authenticate(req.session_token);
  if (!auth) return std::unexpected(auth.error());
  // A browser sends the cookie by itself; a state change made with it must also carry the
  // CSRF token that only our own pages can read (from the login or /auth/me answer).
  if (req.via_cookie && req.method != Method::get &&
      !crypto::equal_constant_time(req.csrf_header, auth->csrf_token))
    return fail(ErrorKind::forbidden, "缺少或错误的 CSRF 令牌", "Missing or wrong CSRF token",
                {{"X-CSRF-Token", "missing_or_wrong"}});
  req.actor = auth->actor;
  return {};
}

}  // namespace

Response handle(const Route& route, Request& req, Services& s) {
  try {
    Result<Response> result = [&]() -> Result<Response> {
      // Who asks comes before what they sent: an anonymous client learns that it must sign in,
      // not the route's body limit.
      if (auto q = check_query(route, req); !q) return std::unexpected(q.error());
      if (auto a = authenticate(route, req, s); !a) return std::unexpected(a.error());
      if (req.body.size() > route.body_limit) return std::unexpected(body_too_large(route.body_limit));
      return route.handler(req);
    }();
    if (result) return std::move(*result);
    if (result.error().kind == ErrorKind::internal)
      spdlog::error("{} {} {} failed: {}", req.request_id, to_string(req.method), route.path,
                    result.error().message_en);
    return error_response(result.error(), req.lang);
  } catch (const std::exception& e) {
    spdlog::error("{} {} {} threw: {}", req.request_id, to_string(req.method), route.path, e.what());
    return error_response(Error{ErrorKind::internal, "服务器内部错误", "Internal error", {}, {}},
                          req.lang);
  }
}

}  // namespace skillreg::http
