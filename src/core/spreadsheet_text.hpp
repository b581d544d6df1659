#pragma once
// Text of exported tables (CSV and XLSX reports): quoting a CSV field, guarding against formula
// injection, and how wide a text is in a spreadsheet column.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace skillreg {

// A cell that begins with = + - @ (or a tab or carriage return) would run as a formula when a
// spreadsheet opens the file (CSV injection); such text gets a leading apostrophe. Numbers are
// written by the caller as numbers and never pass through here.
std::string guard_formula(std::string_view text);

// One RFC 4180 field: guarded, then quoted (with inner quotes doubled) when it holds a comma, a
// quote, CR or LF, or begins or ends with a space.
std::string csv_field(std::string_view text);

// Fields joined with commas and ended with CRLF (RFC 4180).
std::string csv_line(const std::vector<std::string>& fields);

// The width of `text` in spreadsheet columns: a wide character (CJK ideographs, kana, hangul,
// full-width forms and punctuation) counts 2, others 1. Invalid UTF-8 bytes count 1 each.
std::size_t display_width(std::string_view text);

}  // namespace skillreg
