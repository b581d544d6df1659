#pragma once
// Small pieces every route file's handlers share: answering a Result as JSON, reading a body,
// an action without parameters, a required reason.
#include "http/json_input.hpp"
#include "http/types.hpp"

namespace skillreg::http {

template <class T>
Result<Response> ok_or(Result<T> r, auto&& present, int status = 200) {
  if (!r) return std::unexpected(r.error());
  return Response::json(status, present(*r));
}

inline Result<Json> body_of(const Request& req) { return parse_json_object(req.body); }

// A POST whose body is empty or {} (an action without parameters).
inline Status no_fields(const Request& req) {
  if (req.body.empty()) return {};
  auto body = parse_json_object(req.body);
  if (!body) return std::unexpected(body.error());
  return Fields(*body).finish();
}

inline Result<std::string> reasons_of(const Request& req, const char* name) {
  auto body = body_of(req);
  if (!body) return std::unexpected(body.error());
  Fields f(*body);
  auto text = f.required_string(name);
  if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
  if (text.size() > 4000) return invalid({{name, "too_long"}});
  return text;
}

}  // namespace skillreg::http
