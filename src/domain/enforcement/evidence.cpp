#include "domain/enforcement/evidence.hpp"

#include "core/utf8.hpp"
#include "core/validators.hpp"

namespace skillreg {

namespace {
constexpr std::size_t kNoteMax = 2000, kRefMax = 64;
}

std::optional<EvidenceNaming> evidence_naming(const std::string& type) {
  if (type == "inspection" || type == "complaint" || type == "sampling" || type == "plan")
    return EvidenceNaming::by_number;
  if (type == "certificate") return EvidenceNaming::by_certificate_number;
  if (type == "document") return EvidenceNaming::by_description;
  return std::nullopt;
}

std::vector<FieldProblem> evidence_problems(const EvidenceLink& e, const std::string& field) {
  std::vector<FieldProblem> problems;
  if (utf8_length(e.note) > kNoteMax) problems.push_back({field + ".note", "too_long"});
  const auto naming = evidence_naming(e.type);
  if (!naming) {
    problems.push_back({field + ".type", "unknown_type"});
    return problems;
  }
  switch (*naming) {
    case EvidenceNaming::by_number:
      if (e.id <= 0) problems.push_back({field + ".id", "required"});
      if (!e.ref.empty()) problems.push_back({field + ".ref", "not_applicable"});
      break;
    case EvidenceNaming::by_certificate_number:
      if (e.id != 0) problems.push_back({field + ".id", "not_applicable"});
      if (e.ref.empty()) problems.push_back({field + ".ref", "required"});
      else if (auto ok = parse_certificate_number(e.ref); !ok)
        for (const auto& d : ok.error().details) problems.push_back({field + ".ref", d.problem});
      break;
    case EvidenceNaming::by_description:
      if (e.id != 0) problems.push_back({field + ".id", "not_applicable"});
      if (e.note.empty()) problems.push_back({field + ".note", "required"});
      if (utf8_length(e.ref) > kRefMax) problems.push_back({field + ".ref", "too_long"});
      else if (has_control_characters(e.ref)) problems.push_back({field + ".ref", "control_characters"});
      break;
  }
  return problems;
}

}  // namespace skillreg
