#pragma once
// The evidence a case cites (S23 相关事实、理由和依据): each piece names something that can be
// found again. Records kept in this system are named by their number; a certificate by its
// certificate number; a document kept outside the system (笔录, 询问记录) is described in words,
// with its own reference if it has one.
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/enforcement/records.hpp"

namespace skillreg {

enum class EvidenceNaming { by_number, by_certificate_number, by_description };

// How a type of evidence is named; nullopt for a type the catalogue does not know.
std::optional<EvidenceNaming> evidence_naming(const std::string& type);

// What is wrong with one piece of evidence as written, each problem under `field` + ".type",
// ".id", ".ref" or ".note" (field is "evidence[i]"). Whether a named record exists and belongs to
// the institution is the app layer's check, against the database.
std::vector<FieldProblem> evidence_problems(const EvidenceLink& e, const std::string& field);

}  // namespace skillreg
