// core/csv: the RFC 4180 reader behind every bulk import (batch parts of candidates, scores and
// certificates) and the reference tables. The input is the file's text. Checked:
//   - CsvReader: every field is well-formed UTF-8; records start on strictly increasing lines,
//     none past the text's last line; an error is one validation_failed detail "line N" with a
//     documented problem, after which next() stays at the end; next_into, where the reader has
//     it, reads the same records and errors as next() into one reused row;
//   - what it reads is what was written: writing the records back (quoted always, and quoted
//     only where needed, with CRLF or LF) and reading again gives the same fields;
//   - read_csv_records agrees with CsvReader for the three batch headers and for the file's own
//     first record as header: records exactly when the header matches and every record has its
//     field count, otherwise wrong_header or the first (up to 100) wrong_field_count lines in
//     order; read_csv_with_header returns the same values;
//   - the reference-table parsers built on it (indicator table, application conditions, archive
//     catalogue, working-day calendar) never crash on rows under their own header, and what they
//     accept answers lookups of its own keys.
#include <algorithm>
#include <map>
#include <vector>

#include "core/calendar.hpp"
#include "core/csv.hpp"
#include "core/utf8.hpp"
#include "domain/activity/application_conditions.hpp"
#include "domain/activity/execution_rules.hpp"
#include "domain/monitoring/indicators.hpp"
#include "fuzz_check.hpp"

namespace {

using namespace skillreg;

struct Reading {
  std::vector<CsvRow> rows;
  std::optional<Error> error;
};

Reading read_all(std::string_view text) {
  Reading out;
  CsvReader reader(text);
  while (auto row = reader.next()) {
    if (!*row) {
      out.error = row->error();
      FUZZ_CHECK(!reader.next().has_value(), "next() after an error returned something");
      break;
    }
    out.rows.push_back(std::move(**row));
  }
  if (!out.error) FUZZ_CHECK(!reader.next().has_value(), "next() after the end returned something");
  return out;
}

// When the reader offers next_into (records read into one reused CsvRow), it must read what
// next() reads, whatever the reused row held before.
template <class Reader = CsvReader>
void check_reuse(std::string_view text, const Reading& expected) {
  if constexpr (requires(Reader r, CsvRow & row) { r.next_into(row); }) {
    Reader reader(text);
    CsvRow row{7, {"left", "over", "from", "before"}};
    std::size_t i = 0;
    while (true) {
      auto got = reader.next_into(row);
      if (!got) {
        FUZZ_CHECK(expected.error && i == expected.rows.size() &&
                       got.error().details == expected.error->details,
                   "next_into reports an error next() does not");
        break;
      }
      if (!*got) {
        FUZZ_CHECK(!expected.error && i == expected.rows.size(), "next_into ends early");
        break;
      }
      FUZZ_CHECK(i < expected.rows.size() && row.line == expected.rows[i].line &&
                     row.fields == expected.rows[i].fields,
                 "next_into reads another record than next()");
      ++i;
    }
  }
}

std::size_t physical_lines(std::string_view text) {
  std::size_t lines = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n')
      ++lines;
    else if (text[i] == '\r' && !(i + 1 < text.size() && text[i + 1] == '\n'))
      ++lines;
  }
  return lines;
}

// Starts with a BOM, which the reader drops, so a first field starting with U+FEFF survives.
std::string write_csv(const std::vector<CsvRow>& rows, bool always_quote, std::string_view eol) {
  std::string out = "\xEF\xBB\xBF";
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.fields.size(); ++i) {
      if (i > 0) out += ',';
      const std::string& f = row.fields[i];
      const bool quote =
          always_quote || f.empty() || f.find_first_of(",\"\r\n") != std::string::npos;
      if (!quote) {
        out += f;
        continue;
      }
      out += '"';
      for (char c : f) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
    }
    out += eol;
  }
  return out;
}

void check_reader(std::string_view text, const Reading& r) {
  const std::size_t last_line = physical_lines(text);
  std::size_t previous = 0;
  for (const auto& row : r.rows) {
    FUZZ_CHECK(!row.fields.empty(), "a record without fields");
    FUZZ_CHECK(row.line > previous && row.line <= last_line, "record line numbers out of order");
    previous = row.line;
    for (const auto& f : row.fields) FUZZ_CHECK(is_valid_utf8(f), "a field with invalid UTF-8");
  }
  if (r.error) {
    const auto& e = *r.error;
    FUZZ_CHECK(e.kind == ErrorKind::validation_failed && e.details.size() == 1, fuzz::describe(e));
    const auto& d = e.details[0];
    FUZZ_CHECK(d.problem == "unterminated_quote" || d.problem == "unexpected_quote" ||
                   d.problem == "invalid_utf8",
               d.problem);
    FUZZ_CHECK(d.field.starts_with("line "), d.field);
    const std::size_t n = std::stoul(d.field.substr(5));
    FUZZ_CHECK(n >= 1 && n <= last_line, "error line out of the text: " + d.field);
    return;
  }
  for (bool always : {true, false}) {
    for (std::string_view eol : {std::string_view("\r\n"), std::string_view("\n")}) {
      const std::string again = write_csv(r.rows, always, eol);
      const Reading back = read_all(again);
      FUZZ_CHECK(!back.error, "rewritten CSV does not read: " + fuzz::describe(*back.error));
      FUZZ_CHECK(back.rows.size() == r.rows.size(), "rewritten CSV has another number of records");
      for (std::size_t i = 0; i < r.rows.size(); ++i)
        FUZZ_CHECK(back.rows[i].fields == r.rows[i].fields, "rewritten CSV reads other fields");
    }
  }
}

void check_records(const Reading& r, const std::vector<std::string>& header,
                   std::string_view text) {
  const auto records = read_csv_records(text, header);
  const auto plain = read_csv_with_header(text, header);
  FUZZ_CHECK(bool(records) == bool(plain), "read_csv_with_header disagrees with read_csv_records");
  if (r.error && (r.rows.empty() || r.rows[0].fields == header)) {
    // The reading stops at the first parse error; read_csv_records reports it as CsvReader did.
    FUZZ_CHECK(!records && records.error().details == r.error->details,
               "parse error not passed on");
    return;
  }
  if (r.rows.empty() || r.rows[0].fields != header) {
    FUZZ_CHECK(!records && fuzz::single_problem(records.error(), ErrorKind::validation_failed,
                                                "header", {"wrong_header"}),
               "a wrong header was not reported as such");
    return;
  }
  std::vector<FieldProblem> wrong;
  for (std::size_t i = 1; i < r.rows.size(); ++i)
    if (r.rows[i].fields.size() != header.size() && wrong.size() < 100)
      wrong.push_back({"line " + std::to_string(r.rows[i].line), "wrong_field_count"});
  if (!wrong.empty()) {
    FUZZ_CHECK(!records && records.error().details == wrong,
               "wrong field counts reported otherwise");
    return;
  }
  FUZZ_CHECK(records && records->size() == r.rows.size() - 1, "records missing");
  FUZZ_CHECK(plain->size() == records->size(), "read_csv_with_header lost records");
  for (std::size_t i = 0; i < records->size(); ++i) {
    const auto& rec = (*records)[i];
    const auto& row = r.rows[i + 1];
    FUZZ_CHECK(rec.line == row.line && (*plain)[i] == rec.values, "record line or values");
    // Repeated column names keep the first value (std::map::emplace).
    for (std::size_t c = header.size(); c-- > 0;)
      if (std::find(header.begin(), header.begin() + std::ptrdiff_t(c), header[c]) ==
          header.begin() + std::ptrdiff_t(c))
        FUZZ_CHECK(rec.values.at(header[c]) == row.fields[c], "value under the wrong column");
  }
}

// The reference tables, fed the input's records under their own header.
void check_tables(std::string_view text) {
  auto under = [&](std::string_view header) {
    return std::string(header) + "\n" + std::string(text);
  };
  if (const auto t = IndicatorTable::parse(under(
          "key,dimension,article,deduction_per_case,max_deduction,critical,text_zh,text_en"))) {
    for (const auto& i : t->indicators()) {
      FUZZ_CHECK(t->find(i.key) == &i, "indicator lookup");
      FUZZ_CHECK(i.deduction_per_case > 0 && i.max_deduction >= i.deduction_per_case &&
                     i.max_deduction <= 100,
                 "indicator points out of range: " + i.key);
    }
  }
  if (const auto t =
          ConditionTable::parse(under("route,level,min_years_total,prior_level,min_years_since_"
                                      "prior,education,apprenticeship,text_zh,"
                                      "text_en"))) {
    for (const auto& route : t->routes()) {
      FUZZ_CHECK(t->find(route.route) == &route, "condition route lookup");
      FUZZ_CHECK(route.level >= 1 && route.level <= 5, "condition level out of range");
      if (route.prior_level)
        FUZZ_CHECK(*route.prior_level >= 1 && *route.prior_level <= 5, "prior level");
    }
    for (int level = 0; level <= 6; ++level)
      for (const auto* route : t->routes_for(level))
        FUZZ_CHECK(route->level == level, "routes_for");
  }
  if (const auto t = ArchiveCatalogue::parse(under("key,text_zh,text_en")))
    for (const auto& k : t->kinds()) FUZZ_CHECK(t->find(k.key) == &k, "archive kind lookup");
  if (const auto c = Calendar::from_csv(under("date,kind,name"))) {
    for (const auto& e : c->entries()) {
      FUZZ_CHECK(c->entry(e.date) == e && c->covers(e.date.year), "calendar entry lookup");
      FUZZ_CHECK(c->is_working_day(e.date) == (e.kind == DayKind::workday), "calendar entry kind");
    }
    if (!c->entries().empty()) {
      const Date first = c->entries().front().date;
      const Date later = c->add_working_days(first, 10);
      FUZZ_CHECK(c->working_days_between(first, later) == 10 && c->is_working_day(later),
                 "add_working_days");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  const Reading r = read_all(text);
  check_reader(text, r);
  check_reuse(text, r);

  // The batch parts' headers (src/app/batch_service.cpp) and the file's own first record.
  static const std::vector<std::vector<std::string>> batch_headers{
      {"identity_no", "name", "education", "years_in_trade", "prior_level", "prior_cert_date",
       "apprenticeship", "review"},
      {"identity_no", "part", "score"},
      {"identity_no"}};
  for (const auto& header : batch_headers) check_records(r, header, text);
  if (!r.rows.empty()) check_records(r, r.rows[0].fields, text);

  if (size <= 4096) check_tables(text);
  return 0;
}
