#include "http/parser_refusal.hpp"

#include <array>

namespace skillreg::http {

Error body_too_large(std::uint64_t limit) {
  return Error{ErrorKind::payload_too_large, "请求体过大", "The request body is too large",
               {{"body", "max_bytes_" + std::to_string(limit)}}, {}};
}

namespace {

// http_parser's error names, as RESTinio logs them, and what the client did. A callback fails
// when RESTinio's own limit check in it says no: the body's (Content-Length, the body read so
// far, a chunk's size) against kParserBodyCap, the URL's, a header's.
struct Known {
  std::string_view hpe;
  ErrorKind kind;
  std::string_view field, problem;
};
constexpr std::array kKnown{
    Known{"HPE_CB_headers_complete", ErrorKind::payload_too_large, "body", ""},
    Known{"HPE_CB_body", ErrorKind::payload_too_large, "body", ""},
    Known{"HPE_CB_chunk_header", ErrorKind::payload_too_large, "body", ""},
    Known{"HPE_CB_url", ErrorKind::bad_request, "path", "too_long"},
    Known{"HPE_CB_header_field", ErrorKind::bad_request, "headers", "too_large"},
    Known{"HPE_CB_header_value", ErrorKind::bad_request, "headers", "too_large"},
    Known{"HPE_HEADER_OVERFLOW", ErrorKind::bad_request, "headers", "too_large"},
    Known{"HPE_INVALID_CONTENT_LENGTH", ErrorKind::bad_request, "Content-Length", "invalid"},
    Known{"HPE_UNEXPECTED_CONTENT_LENGTH", ErrorKind::bad_request, "Content-Length", "invalid"},
    Known{"HPE_INVALID_VERSION", ErrorKind::bad_request, "request", "unsupported_http_version"},
};

}  // namespace

std::optional<Error> parser_refusal(std::string_view restinio_error) {
  constexpr std::string_view kMarker = "parser error ";
  const auto at = restinio_error.find(kMarker);
  if (at == std::string_view::npos) return std::nullopt;
  auto name = restinio_error.substr(at + kMarker.size());
  name = name.substr(0, name.find(':'));
  for (const auto& k : kKnown) {
    if (k.hpe != name) continue;
    if (k.kind == ErrorKind::payload_too_large) return body_too_large(kParserBodyCap);
    return bad_request({{std::string(k.field), std::string(k.problem)}}).error();
  }
  return bad_request({{"request", "malformed_http"}}).error();
}

}  // namespace skillreg::http
