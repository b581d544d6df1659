#pragma once
// One table as an XLSX workbook through libxlsxwriter: a bold title row (merged over the table),
// a bold header row, the data rows (numbers stored as numbers), an optional bold last row (the
// totals), column widths from the widest text of each column (CJK counted double), the first two
// rows frozen. Spreadsheets (LibreOffice, Excel, WPS) open it as it is.
#include <string>
#include <variant>
#include <vector>

namespace skillreg::xlsx {

using Cell = std::variant<std::monostate, std::string, double>;

struct Table {
  std::string sheet_name;  // at most 31 characters, none of []:*?/\ .
  std::string title;
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
  std::vector<Cell> last_row;  // empty: none
};

// The bytes of the .xlsx file. libxlsxwriter writes to a file, so it goes through a private
// temporary file that is removed before returning. Throws std::runtime_error when writing fails.
std::string render(const Table& table);

}  // namespace skillreg::xlsx
