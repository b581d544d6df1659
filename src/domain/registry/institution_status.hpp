#pragma once
// The life of an institution after approval, and the events the law allows on it:
//   suspend   — S20: written notice, evaluation suspended until rectification;
//   reinstate — S20: rectification verified by an inspection;
//   revoke    — S21: qualification cancelled, out of the directory for good;
//   expire    — M23: validity ended without renewal;
//   terminate — M24: the institution ends its evaluation work of its own accord.
#include <optional>
#include <string_view>

#include "core/error.hpp"

namespace skillreg {

enum class InstitutionStatus { active, suspended, revoked, expired, terminated };
enum class StatusEvent { suspend, reinstate, revoke, expire, terminate };

std::string_view to_string(InstitutionStatus s);
std::optional<InstitutionStatus> parse_institution_status(std::string_view s);
std::string_view to_string(StatusEvent e);
std::optional<StatusEvent> parse_status_event(std::string_view s);

// The status after `event`, or 409 naming the article when the law does not allow it.
Result<InstitutionStatus> apply_status_event(InstitutionStatus from, StatusEvent event);

// Only an active institution may publish plans or issue certificates (REQUIREMENTS.md 2).
bool may_evaluate(InstitutionStatus s);
// M10: the public directory lists active and suspended institutions (with their status);
// revoked (S21), expired (M23) and terminated (M24) ones leave it.
bool listed_in_directory(InstitutionStatus s);

}  // namespace skillreg
