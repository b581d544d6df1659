#pragma once
// Reports 统计报表 (issue 10 §3): each authority's tables over its own region for a period. A
// report is data: a definition (name, titles, the articles it serves, columns) and rows of
// cells; the store fills the rows with named SQL, the HTTP layer renders the same table as JSON,
// CSV or XLSX, so the three always carry the same numbers.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace skillreg {

// text: a label or code; integer: a count; percent: 0–100 with one decimal, empty when the
// base is zero.
enum class ColumnType { text, integer, percent };
std::string_view to_string(ColumnType t);

struct ReportColumn {
  std::string key;  // the JSON key of the cell in every row
  std::string zh, en;
  ColumnType type = ColumnType::text;
  bool summed = false;  // its total is the sum over the counted rows
};

struct ReportDefinition {
  std::string name;  // API.md "Fixed names": institutions, activity, monitoring, supervision, sanctions, ratings
  std::string title_zh, title_en;
  std::string articles;  // the articles the report serves, e.g. "S13, S14"
  std::vector<ReportColumn> columns;
  // When set, totals count only rows whose `section` cell equals this (a report with sections,
  // e.g. the monitoring report's score bands, where each plan falls in exactly one band).
  std::string totals_section;
};

using ReportCell = std::variant<std::monostate, std::string, std::int64_t, double>;
using ReportRow = std::vector<ReportCell>;  // one cell per column, in column order

struct ReportTable {
  const ReportDefinition* definition = nullptr;
  std::vector<ReportRow> rows;
  std::map<std::string, ReportCell> totals;  // column key → total
};

// Every report, in the order of the catalogue.
const std::vector<ReportDefinition>& report_catalogue();
// nullptr for an unknown name.
const ReportDefinition* find_report(std::string_view name);
// The index of column `key`; the column count when there is none.
std::size_t column_index(const ReportDefinition& d, std::string_view key);

// The sums of the summed columns over the counted rows (see totals_section).
std::map<std::string, ReportCell> summed_totals(const ReportDefinition& d, const std::vector<ReportRow>& rows);

// part / whole as a percentage rounded to one decimal; nullopt when whole is 0.
std::optional<double> percent_of(std::int64_t part, std::int64_t whole);

// S14: the monitoring report's bands of the overall score, lowest first.
struct ScoreBand {
  std::string key;  // "90-100"
  std::string zh;   // "90–100分"
  double low = 0;   // inclusive
};
const std::vector<ScoreBand>& score_bands();
// The index in score_bands() of an overall score (0–100; anything below 0 is the lowest band).
std::size_t band_of(double overall);

// The Chinese label of a stored value in one vocabulary (institution_kind, institution_status,
// inspection_kind, inspection_result, complaint_status, measure); the value itself when unknown.
std::string label_zh(std::string_view vocabulary, std::string_view value);

}  // namespace skillreg
