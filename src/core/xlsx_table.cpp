#include "core/xlsx_table.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/spreadsheet_text.hpp"  // display_width

namespace skillreg::xlsx {

namespace {

std::string number_text(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

std::size_t width_of(const Cell& c) {
  if (const auto* s = std::get_if<std::string>(&c)) return display_width(*s);
  if (const auto* d = std::get_if<double>(&c)) return number_text(*d).size();
  return 0;
}

void write_cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const Cell& c, lxw_format* f) {
  if (const auto* s = std::get_if<std::string>(&c)) worksheet_write_string(ws, row, col, s->c_str(), f);
  else if (const auto* d = std::get_if<double>(&c)) worksheet_write_number(ws, row, col, *d, f);
  else if (f != nullptr) worksheet_write_blank(ws, row, col, f);
}

// A file name of our own in the temporary folder, created empty so no one else takes it.
std::filesystem::path private_temp_file() {
  std::string pattern = (std::filesystem::temp_directory_path() / "skillreg-report-XXXXXX.xlsx").string();
  const int fd = ::mkstemps(pattern.data(), 5);
  if (fd < 0) throw std::runtime_error("xlsx: cannot create a temporary file");
  ::close(fd);
  return pattern;
}

}  // namespace

std::string render(const Table& table) {
  const auto path = private_temp_file();
  struct Remove {
    std::filesystem::path p;
    ~Remove() {
      std::error_code ec;
      std::filesystem::remove(p, ec);
    }
  } remove{path};

  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) throw std::runtime_error("xlsx: cannot start the workbook");
  lxw_worksheet* ws = workbook_add_worksheet(wb, table.sheet_name.empty() ? nullptr : table.sheet_name.c_str());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 14);

  const auto cols = static_cast<lxw_col_t>(std::max<std::size_t>(table.header.size(), 1));
  if (cols > 1)
    worksheet_merge_range(ws, 0, 0, 0, lxw_col_t(cols - 1), table.title.c_str(), title);
  else
    worksheet_write_string(ws, 0, 0, table.title.c_str(), title);
  std::vector<std::size_t> widths(cols, 0);
  for (lxw_col_t c = 0; c < table.header.size(); ++c) {
    worksheet_write_string(ws, 1, c, table.header[c].c_str(), bold);
    widths[c] = display_width(table.header[c]);
  }
  lxw_row_t r = 2;
  for (const auto& row : table.rows) {
    for (lxw_col_t c = 0; c < row.size() && c < cols; ++c) {
      write_cell(ws, r, c, row[c], nullptr);
      widths[c] = std::max(widths[c], width_of(row[c]));
    }
    ++r;
  }
  if (!table.last_row.empty()) {
    for (lxw_col_t c = 0; c < table.last_row.size() && c < cols; ++c) {
      write_cell(ws, r, c, table.last_row[c], bold);
      widths[c] = std::max(widths[c], width_of(table.last_row[c]));
    }
  }
  for (lxw_col_t c = 0; c < cols; ++c)
    worksheet_set_column(ws, c, c, double(std::clamp<std::size_t>(widths[c] + 2, 8, 60)), nullptr);
  worksheet_freeze_panes(ws, 2, 0);
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("xlsx: cannot write the workbook");

  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) throw std::runtime_error("xlsx: cannot read the workbook back");
  return bytes.str();
}

}  // namespace skillreg::xlsx
