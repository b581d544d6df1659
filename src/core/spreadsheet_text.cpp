#include "core/spreadsheet_text.hpp"

namespace skillreg {

namespace {

// East Asian Wide and Fullwidth ranges (Unicode UAX #11), the ones Chinese text uses.
bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
         (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
         (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

}  // namespace

std::string guard_formula(std::string_view text) {
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' ||
                        text[0] == '\r'))
    return "'" + std::string(text);
  return std::string(text);
}

std::string csv_field(std::string_view text) {
  const std::string guarded = guard_formula(text);
  const bool quote = guarded.find_first_of(",\"\r\n") != std::string::npos ||
                     (!guarded.empty() && (guarded.front() == ' ' || guarded.back() == ' '));
  if (!quote) return guarded;
  std::string out = "\"";
  for (char c : guarded) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(fields[i]);
  }
  return out + "\r\n";
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > text.size()) {
      ++width;
      ++i;
      continue;
    }
    char32_t c = n == 1 ? b : b & (0x7F >> n);
    bool ok = true;
    for (std::size_t k = 1; k < n; ++k) {
      const auto cb = static_cast<unsigned char>(text[i + k]);
      if ((cb & 0xC0) != 0x80) ok = false;
      c = (c << 6) | (cb & 0x3F);
    }
    if (!ok) {
      ++width;
      ++i;
      continue;
    }
    width += is_wide(c) ? 2 : 1;
    i += n;
  }
  return width;
}

}  // namespace skillreg
