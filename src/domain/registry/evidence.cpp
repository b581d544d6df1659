#include "domain/registry/evidence.hpp"

#include "core/utf8.hpp"

namespace skillreg {

std::optional<std::string> sniff_evidence_type(std::string_view b) {
  if (b.starts_with("%PDF-")) return "application/pdf";
  if (b.starts_with("\x89PNG\r\n\x1a\n")) return "image/png";
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8 &&
      static_cast<unsigned char>(b[2]) == 0xFF)
    return "image/jpeg";
  return std::nullopt;
}

static void file_name_problems(std::string_view file_name, std::vector<FieldProblem>& problems) {
  if (file_name.empty()) problems.push_back({"file_name", "required"});
  else if (file_name.size() > 200) problems.push_back({"file_name", "too_long"});
  else if (!is_valid_utf8(file_name)) problems.push_back({"file_name", "invalid_utf8"});
  else if (file_name == "." || file_name == ".." ||
           file_name.find_first_of(std::string_view("/\\\0", 3)) != std::string_view::npos)
    problems.push_back({"file_name", "must_be_a_plain_file_name"});
  else
    for (unsigned char c : file_name)
      if (c < 0x20 || c == 0x7F) {
        problems.push_back({"file_name", "control_characters"});
        break;
      }
}

Status check_evidence(std::string_view file_name, std::string_view declared_type, std::string_view bytes) {
  std::vector<FieldProblem> problems;
  file_name_problems(file_name, problems);
  if (bytes.empty()) problems.push_back({"body", "empty_file"});
  const auto sniffed = sniff_evidence_type(bytes);
  if (!bytes.empty() && !sniffed) problems.push_back({"body", "type_not_accepted_pdf_png_jpeg_only"});
  else if (sniffed && declared_type != *sniffed) problems.push_back({"content_type", "does_not_match_content"});
  if (!problems.empty()) return invalid(problems);
  return {};
}

std::optional<std::string> sniff_inspection_evidence_type(std::string_view b) {
  if (auto t = sniff_evidence_type(b)) return t;
  // ISO base media (MP4): a box of type "ftyp" first (S10(4) 电子影像).
  if (b.size() >= 12 && b.substr(4, 4) == "ftyp") return "video/mp4";
  return std::nullopt;
}

Status check_inspection_evidence(std::string_view file_name, std::string_view bytes) {
  std::vector<FieldProblem> problems;
  file_name_problems(file_name, problems);
  if (bytes.empty()) problems.push_back({"body", "empty_file"});
  else if (bytes.size() > kMaxInspectionEvidenceBytes) problems.push_back({"body", "too_large"});
  else if (!sniff_inspection_evidence_type(bytes)) problems.push_back({"body", "type_not_accepted_pdf_png_jpeg_mp4_only"});
  if (!problems.empty()) return invalid(problems);
  return {};
}

}  // namespace skillreg
