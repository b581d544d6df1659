#include "http/report_formats.hpp"

#include <cctype>

#include "core/spreadsheet_text.hpp"
#include "core/xlsx_table.hpp"

namespace skillreg::http {

namespace {

constexpr const char* kTotalLabel = "合计";

Json cell_json(const ReportCell& c) {
  if (const auto* s = std::get_if<std::string>(&c)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&c)) return *i;
  if (const auto* d = std::get_if<double>(&c)) return *d;
  return nullptr;
}

// Numbers as JSON writes them, so a CSV cell reads back as the JSON number; text guarded.
std::string cell_csv(const ReportCell& c) {
  if (const auto* s = std::get_if<std::string>(&c)) return *s;
  if (std::holds_alternative<std::monostate>(c)) return "";
  return cell_json(c).dump();
}

xlsx::Cell cell_xlsx(const ReportCell& c) {
  if (const auto* s = std::get_if<std::string>(&c)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&c)) return double(*i);
  if (const auto* d = std::get_if<double>(&c)) return *d;
  return std::monostate{};
}

// The 合计 row: the label in the first column, each total under its column.
std::vector<ReportCell> totals_row(const ReportResult& r) {
  const auto& columns = r.table.definition->columns;
  std::vector<ReportCell> row(columns.size());
  for (std::size_t i = 0; i < columns.size(); ++i) {
    auto it = r.table.totals.find(columns[i].key);
    if (it != r.table.totals.end()) row[i] = it->second;
  }
  if (!row.empty() && std::holds_alternative<std::monostate>(row[0])) row[0] = std::string(kTotalLabel);
  return row;
}

std::string percent_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') out += char(c);
    else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace

Json report_json(const ReportResult& r, Lang lang) {
  const auto& d = *r.table.definition;
  Json columns = Json::array();
  for (const auto& c : d.columns)
    columns.push_back({{"key", c.key}, {"title", lang == Lang::en ? c.en : c.zh}, {"zh", c.zh}, {"en", c.en},
                       {"type", std::string(to_string(c.type))}});
  Json rows = Json::array();
  for (const auto& row : r.table.rows) {
    Json o = Json::object();
    for (std::size_t i = 0; i < d.columns.size() && i < row.size(); ++i) o[d.columns[i].key] = cell_json(row[i]);
    rows.push_back(std::move(o));
  }
  Json totals = Json::object();
  for (const auto& [k, v] : r.table.totals) totals[k] = cell_json(v);
  return {{"report", d.name},
          {"title", lang == Lang::en ? d.title_en : d.title_zh},
          {"title_zh", d.title_zh},
          {"title_en", d.title_en},
          {"articles", d.articles},
          {"region_code", r.region_code},
          {"region_name", r.region_name},
          {"from", r.from.to_string()},
          {"to", r.to.to_string()},
          {"columns", columns},
          {"rows", rows},
          {"totals", totals}};
}

std::string report_csv(const ReportResult& r) {
  const auto& d = *r.table.definition;
  std::string out = "\xEF\xBB\xBF";  // the BOM: Excel then reads the file as UTF-8
  std::vector<std::string> fields;
  for (const auto& c : d.columns) fields.push_back(c.zh);
  out += csv_line(fields);
  auto line = [&](const std::vector<ReportCell>& row) {
    fields.clear();
    for (const auto& c : row) fields.push_back(cell_csv(c));
    out += csv_line(fields);
  };
  for (const auto& row : r.table.rows) line(row);
  line(totals_row(r));
  return out;
}

std::string report_xlsx(const ReportResult& r) {
  const auto& d = *r.table.definition;
  xlsx::Table t;
  t.sheet_name = d.name;
  t.title = report_caption(r);
  for (const auto& c : d.columns) t.header.push_back(c.zh);
  for (const auto& row : r.table.rows) {
    std::vector<xlsx::Cell> cells;
    for (const auto& c : row) cells.push_back(cell_xlsx(c));
    t.rows.push_back(std::move(cells));
  }
  for (const auto& c : totals_row(r)) t.last_row.push_back(cell_xlsx(c));
  return xlsx::render(t);
}

std::string report_caption(const ReportResult& r) {
  return r.region_name + " " + r.table.definition->title_zh + " " + r.from.to_string() + "至" + r.to.to_string();
}

std::string report_disposition(const ReportResult& r, const std::string& extension) {
  const std::string ascii = r.table.definition->name + "-" + r.region_code + "-" + r.from.to_string() + "-" +
                            r.to.to_string() + "." + extension;
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + percent_encode(report_caption(r) + "." + extension);
}

}  // namespace skillreg::http
