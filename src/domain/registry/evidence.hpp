#pragma once
// Evidence files (证明材料) attached to an application's eligibility items (M7, M8): what is
// accepted. Types are recognised from the bytes themselves, never from the name or the header
// alone, and must agree with the declared content type.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <vector>

#include "core/error.hpp"

namespace skillreg {

inline constexpr std::size_t kMaxEvidenceBytes = 5 * 1024 * 1024;

// "application/pdf", "image/png" or "image/jpeg" when the bytes are one of those; nullopt else.
std::optional<std::string> sniff_evidence_type(std::string_view bytes);

// 422 unless the name is a plain file name (no folders, no control characters, ≤ 200 bytes),
// the declared type is the sniffed one, and the file is not empty.
Status check_evidence(std::string_view file_name, std::string_view declared_type, std::string_view bytes);

// Inspection evidence (S10(4)): PDF, PNG, JPEG or an MP4 recording, at most 20 MiB, the type
// recognised from the bytes.
inline constexpr std::size_t kMaxInspectionEvidenceBytes = 20 * 1024 * 1024;
std::optional<std::string> sniff_inspection_evidence_type(std::string_view bytes);
Status check_inspection_evidence(std::string_view file_name, std::string_view bytes);

}  // namespace skillreg
