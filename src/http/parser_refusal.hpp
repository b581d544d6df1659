#pragma once
// What a client is told when RESTinio's HTTP parser refuses its request. RESTinio 0.6 stops
// reading a request whose body is over the parser's cap (or whose head is broken or too large)
// and closes the connection without an answer; its only trace is the error it logs just before
// ("[connection:7] parser error HPE_CB_body: the on_body callback failed"). This turns that
// message into the API's error (API.md "Errors"): 413 for a body over the cap, 400 for the rest,
// so a 2 GB upload is refused with a clear message (issue 4, "Bad input").
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/error.hpp"

namespace skillreg::http {

// The parser's cap on a request body: RESTinio will not read a larger one. Every route's own
// limit is lower and answered by the pipeline; a body over this one never reaches it.
inline constexpr std::uint64_t kParserBodyCap = 8 * 1024 * 1024;

// A body over `limit` bytes: the pipeline's answer for a route's own limit, and the parser's.
Error body_too_large(std::uint64_t limit);

// The error to answer with, or nothing when the message is not a parser's refusal.
std::optional<Error> parser_refusal(std::string_view restinio_error);

}  // namespace skillreg::http
