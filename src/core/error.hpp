#pragma once
// Error and Result: the one error vocabulary of skillreg. Domain and app code return
// Result<T>; only http/error_translator maps an ErrorKind to a status code (API.md "Errors").
#include <expected>
#include <string>
#include <utility>
#include <vector>

namespace skillreg {

enum class ErrorKind {
  bad_request,        // malformed input: broken JSON, wrong types, unknown fields
  unauthenticated,    // no or expired session
  forbidden,          // the role may never do this
  not_found,          // absent, or outside the caller's scope
  conflict,           // the object's state does not allow it
  payload_too_large,  // body over the limit
  validation_failed,  // well-formed but breaks a rule
  rate_limited,       // too many requests or failed logins
  internal,           // our fault; never caused by what the client sent
};

// One failing field: `field` is a JSON path such as "region_code" or "items[3].level";
// `problem` is a short machine-readable phrase such as "required" or "invalid_check_digit".
struct FieldProblem {
  std::string field;
  std::string problem;
  bool operator==(const FieldProblem&) const = default;
};

struct Error {
  ErrorKind kind = ErrorKind::internal;
  std::string message_zh;  // for people, Chinese (the default language)
  std::string message_en;  // for people, English
  std::vector<FieldProblem> details;
  std::string article;  // the legal article a rule comes from, e.g. "S20(2)", when there is one

  Error with(std::string field, std::string problem) && {
    details.push_back({std::move(field), std::move(problem)});
    return std::move(*this);
  }
};

template <class T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(ErrorKind kind, std::string zh, std::string en,
                                   std::vector<FieldProblem> details = {}) {
  return std::unexpected(Error{kind, std::move(zh), std::move(en), std::move(details), {}});
}

inline std::unexpected<Error> not_found(std::string what_en = "object") {
  return fail(ErrorKind::not_found, "对象不存在或不在您的管辖范围内",
              "No such " + what_en + " within your scope");
}

inline std::unexpected<Error> forbidden() {
  return fail(ErrorKind::forbidden, "您的角色无权执行此操作", "Your role may not do this");
}

inline std::unexpected<Error> invalid(std::vector<FieldProblem> details) {
  return fail(ErrorKind::validation_failed, "输入未通过校验", "Validation failed",
              std::move(details));
}

inline std::unexpected<Error> bad_request(std::vector<FieldProblem> details) {
  return fail(ErrorKind::bad_request, "请求格式错误", "Malformed request", std::move(details));
}

inline std::unexpected<Error> conflict(std::string zh, std::string en) {
  return fail(ErrorKind::conflict, std::move(zh), std::move(en));
}

}  // namespace skillreg
