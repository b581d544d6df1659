#include "domain/registry/institution_status.hpp"

#include <array>

namespace skillreg {

namespace {

constexpr std::array<std::pair<InstitutionStatus, std::string_view>, 5> kStatusNames{{
    {InstitutionStatus::active, "active"},
    {InstitutionStatus::suspended, "suspended"},
    {InstitutionStatus::revoked, "revoked"},
    {InstitutionStatus::expired, "expired"},
    {InstitutionStatus::terminated, "terminated"},
}};
constexpr std::array<std::pair<StatusEvent, std::string_view>, 5> kEventNames{{
    {StatusEvent::suspend, "suspend"},
    {StatusEvent::reinstate, "reinstate"},
    {StatusEvent::revoke, "revoke"},
    {StatusEvent::expire, "expire"},
    {StatusEvent::terminate, "terminate"},
}};

struct Transition {
  InstitutionStatus from;
  StatusEvent event;
  InstitutionStatus to;
  const char* article;
};

// Every allowed transition; anything else is a conflict.
constexpr Transition kTransitions[] = {
    {InstitutionStatus::active, StatusEvent::suspend, InstitutionStatus::suspended, "S20"},
    {InstitutionStatus::suspended, StatusEvent::reinstate, InstitutionStatus::active, "S20"},
    {InstitutionStatus::active, StatusEvent::revoke, InstitutionStatus::revoked, "S21"},
    {InstitutionStatus::suspended, StatusEvent::revoke, InstitutionStatus::revoked, "S21"},
    {InstitutionStatus::active, StatusEvent::expire, InstitutionStatus::expired, "M23"},
    {InstitutionStatus::suspended, StatusEvent::expire, InstitutionStatus::expired, "M23"},
    {InstitutionStatus::active, StatusEvent::terminate, InstitutionStatus::terminated, "M24"},
    {InstitutionStatus::suspended, StatusEvent::terminate, InstitutionStatus::terminated, "M24"},
};

constexpr const char* article_of(StatusEvent e) {
  switch (e) {
    case StatusEvent::suspend:
    case StatusEvent::reinstate: return "S20";
    case StatusEvent::revoke: return "S21";
    case StatusEvent::expire: return "M23";
    case StatusEvent::terminate: return "M24";
  }
  return "";
}

}  // namespace

std::string_view to_string(InstitutionStatus s) {
  for (const auto& [v, n] : kStatusNames)
    if (v == s) return n;
  return "active";
}

std::optional<InstitutionStatus> parse_institution_status(std::string_view s) {
  for (const auto& [v, n] : kStatusNames)
    if (n == s) return v;
  return std::nullopt;
}

std::string_view to_string(StatusEvent e) {
  for (const auto& [v, n] : kEventNames)
    if (v == e) return n;
  return "suspend";
}

std::optional<StatusEvent> parse_status_event(std::string_view s) {
  for (const auto& [v, n] : kEventNames)
    if (n == s) return v;
  return std::nullopt;
}

Result<InstitutionStatus> apply_status_event(InstitutionStatus from, StatusEvent event) {
  for (const auto& t : kTransitions)
    if (t.from == from && t.event == event) return t.to;
  auto e = conflict("机构当前状态不允许此操作", "The institution's status does not allow this");
  e.error().details.push_back({"status", std::string(to_string(from))});
  e.error().article = article_of(event);
  return e;
}

bool may_evaluate(InstitutionStatus s) { return s == InstitutionStatus::active; }

bool listed_in_directory(InstitutionStatus s) {
  return s == InstitutionStatus::active || s == InstitutionStatus::suspended;
}

}  // namespace skillreg
