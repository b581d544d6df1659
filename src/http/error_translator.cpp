#include "http/error_translator.hpp"

namespace skillreg::http {

namespace {
struct Mapping {
  ErrorKind kind;
  int status;
  std::string_view code;
};
constexpr Mapping kTable[] = {
    {ErrorKind::bad_request, 400, "bad_request"},
    {ErrorKind::unauthenticated, 401, "unauthenticated"},
    {ErrorKind::forbidden, 403, "forbidden"},
    {ErrorKind::not_found, 404, "not_found"},
    {ErrorKind::conflict, 409, "conflict"},
    {ErrorKind::payload_too_large, 413, "payload_too_large"},
    {ErrorKind::validation_failed, 422, "validation_failed"},
    {ErrorKind::rate_limited, 429, "rate_limited"},
    {ErrorKind::internal, 500, "internal_error"},
};
}  // namespace

int status_of(ErrorKind kind) {
  for (const auto& m : kTable)
    if (m.kind == kind) return m.status;
  return 500;
}

std::string_view code_of(ErrorKind kind) {
  for (const auto& m : kTable)
    if (m.kind == kind) return m.code;
  return "internal_error";
}

Response error_response(const Error& e, Lang lang) {
  Json details = Json::array();
  for (const auto& d : e.details) details.push_back({{"field", d.field}, {"problem", d.problem}});
  // `message` speaks the request's language (API.md); `messages` has both, so that a page whose
  // user switches language while the error is on screen can say it again without asking.
  Json err = {{"code", code_of(e.kind)},
              {"message", lang == Lang::en ? e.message_en : e.message_zh},
              {"messages", {{"zh", e.message_zh}, {"en", e.message_en}}},
              {"details", details}};
  if (!e.article.empty()) err["article"] = e.article;
  Response r = Response::json(status_of(e.kind), {{"error", err}});
  if (e.kind == ErrorKind::rate_limited)
    for (const auto& d : e.details)
      if (d.field == "retry_after") r.headers.emplace_back("Retry-After", d.problem);
  if (e.kind == ErrorKind::unauthenticated)
    r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"skillreg\"");
  return r;
}

}  // namespace skillreg::http
