#include "domain/activity/personnel.hpp"

namespace skillreg {

std::optional<PersonKind> parse_person_kind(std::string_view text) {
  if (text == "examiner") return PersonKind::examiner;
  if (text == "internal_supervisor") return PersonKind::internal_supervisor;
  if (text == "external_supervisor") return PersonKind::external_supervisor;
  return std::nullopt;
}

std::string_view to_string(PersonKind k) {
  switch (k) {
    case PersonKind::examiner:
      return "examiner";
    case PersonKind::internal_supervisor:
      return "internal_supervisor";
    case PersonKind::external_supervisor:
      return "external_supervisor";
  }
  return "examiner";
}

std::optional<PersonStatus> parse_person_status(std::string_view text) {
  if (text == "active") return PersonStatus::active;
  if (text == "retired") return PersonStatus::retired;
  return std::nullopt;
}

std::string_view to_string(PersonStatus s) {
  return s == PersonStatus::retired ? "retired" : "active";
}

}  // namespace skillreg
