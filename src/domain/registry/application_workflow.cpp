#include "domain/registry/application_workflow.hpp"

#include <array>

namespace skillreg {

namespace {

using S = ApplicationStatus;
using A = ApplicationAction;

constexpr std::array<std::pair<S, std::string_view>, 8> kNames{{
    {S::draft, "draft"}, {S::submitted, "submitted"}, {S::returned, "returned"},
    {S::under_review, "under_review"}, {S::publicity, "publicity"}, {S::approved, "approved"},
    {S::rejected, "rejected"}, {S::filed, "filed"},
}};

std::unexpected<Error> not_allowed(S from) {
  auto e = conflict("申请当前状态不允许此操作", "The application's status does not allow this");
  e.error().details.push_back({"status", std::string(to_string(from))});
  e.error().article = "M9";
  return e;
}

}  // namespace

std::string_view to_string(ApplicationStatus s) {
  for (const auto& [v, n] : kNames)
    if (v == s) return n;
  return "draft";
}

std::optional<ApplicationStatus> parse_application_status(std::string_view s) {
  for (const auto& [v, n] : kNames)
    if (n == s) return v;
  return std::nullopt;
}

std::string_view to_string(ApplicationAction a) {
  switch (a) {
    case A::submit: return "submit";
    case A::return_it: return "return";
    case A::start_review: return "start_review";
    case A::pass_review: return "pass_review";
    case A::end_publicity: return "end_publicity";
    case A::reject: return "reject";
    case A::file: return "file";
  }
  return "submit";
}

bool is_final(ApplicationStatus s) { return s == S::approved || s == S::rejected || s == S::filed; }

Result<ApplicationStatus> next_application_status(InstitutionKind kind, ApplicationStatus from,
                                                  ApplicationAction action) {
  const auto& rules = rules_of(kind);
  switch (action) {
    case A::submit:
      if (from == S::draft || from == S::returned) return S::submitted;
      break;
    case A::return_it:
      if (from == S::submitted || from == S::under_review) return S::returned;
      break;
    case A::file:  // M9(1): appraisal institutions are filed, not selected
      if (rules.filed && from == S::submitted) return S::filed;
      break;
    case A::start_review:
      if (!rules.filed && from == S::submitted) return S::under_review;
      break;
    case A::pass_review:  // M9(2): social organisations go to public notice first
      if (!rules.filed && from == S::under_review) return rules.public_notice ? S::publicity : S::approved;
      break;
    case A::end_publicity:
      if (from == S::publicity) return S::approved;
      break;
    case A::reject:
      if (from == S::submitted || from == S::under_review || from == S::publicity) return S::rejected;
      break;
  }
  return not_allowed(from);
}

}  // namespace skillreg
