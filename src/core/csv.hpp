#pragma once
// CSV reading (RFC 4180) for reference data and bulk imports. Input is UTF-8; every field is
// checked, so nothing downstream sees broken text.
//
// Accepted beyond the RFC: LF or a lone CR as well as CRLF line breaks, an optional UTF-8 BOM at
// the very start, and completely empty lines (skipped; write "" for a row with one empty field).
// Rejected: an unterminated quoted field, a quote inside an unquoted field or text after a
// closing quote (`unexpected_quote`), and invalid UTF-8 in a field.
// Errors are validation errors (ErrorKind::validation_failed) with details
// {"line N", problem}; N is the 1-based physical line on which the offending field starts.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace skillreg {

// One record; `line` is the 1-based physical line on which it starts (a header is line 1).
struct CsvRow {
  std::size_t line = 0;
  std::vector<std::string> fields;
};

// Streams records out of a text it does not own: the text must outlive the reader.
class CsvReader {
 public:
  explicit CsvReader(std::string_view text);

  // The next record, an error, or nullopt at the end. After an error, next() returns nullopt:
  // the position of later records cannot be trusted once quoting has gone wrong.
  std::optional<Result<CsvRow>> next();
  // The same record by record into `row`, reusing its strings (bulk imports read millions of
  // records): true when a record was read, false at the end, or next()'s error.
  Result<bool> next_into(CsvRow& row);
  // How many bytes of the text have been read.
  std::size_t consumed() const { return pos_; }

 private:
  Status read_field(std::string& out);
  void consume_line_break();
  bool at_line_break() const;

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  bool done_ = false;
};

// A record of a headed file: the values by column name, and where the record starts.
struct CsvRecord {
  std::size_t line = 0;
  std::map<std::string, std::string> values;
};

// Reads a file whose first record must equal `expected_header` exactly (same names, same order);
// otherwise fails with {"header", "wrong_header"}. Records with a different number of fields fail
// with {"line N", "wrong_field_count"}; all such records are reported (up to 100 details), so an
// uploader sees every bad line at once. Parse errors (quotes, UTF-8) stop the reading.
Result<std::vector<CsvRecord>> read_csv_records(std::string_view text,
                                                const std::vector<std::string>& expected_header);

// read_csv_records without the line numbers.
Result<std::vector<std::map<std::string, std::string>>> read_csv_with_header(
    std::string_view text, const std::vector<std::string>& expected_header);

}  // namespace skillreg
