#pragma once
// The one place where an Error becomes an HTTP status and body (API.md "Errors").
#include "core/error.hpp"
#include "http/types.hpp"

namespace skillreg::http {

int status_of(ErrorKind kind);
std::string_view code_of(ErrorKind kind);
Response error_response(const Error& e, Lang lang);

}  // namespace skillreg::http
