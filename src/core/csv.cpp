#include "core/csv.hpp"

#include "core/utf8.hpp"

namespace skillreg {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::size_t kMaxProblems = 100;

std::unexpected<Error> at_line(std::size_t line, std::string problem) {
  return invalid({{"line " + std::to_string(line), std::move(problem)}});
}

}  // namespace

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.starts_with(kBom)) text_.remove_prefix(kBom.size());
}

bool CsvReader::at_line_break() const {
  return pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r');
}

void CsvReader::consume_line_break() {
  if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
  ++pos_;
  ++line_;
}

std::optional<Result<CsvRow>> CsvReader::next() {
  CsvRow row;
  auto got = next_into(row);
  if (!got) return std::unexpected(std::move(got.error()));
  if (!*got) return std::nullopt;
  return row;
}

Result<bool> CsvReader::next_into(CsvRow& row) {
  if (done_) return false;
  while (at_line_break()) consume_line_break();  // empty lines carry no record
  if (pos_ >= text_.size()) {
    done_ = true;
    return false;
  }
  row.line = line_;
  std::size_t n = 0;
  while (true) {
    if (n == row.fields.size()) row.fields.emplace_back();
    if (auto field = read_field(row.fields[n++]); !field) {
      done_ = true;
      row.fields.resize(n - 1);
      return std::unexpected(std::move(field.error()));
    }
    if (pos_ >= text_.size()) break;
    if (text_[pos_] == ',') {
      ++pos_;
      continue;
    }
    consume_line_break();  // read_field stops only at ',', a line break or the end
    break;
  }
  row.fields.resize(n);
  return true;
}

Status CsvReader::read_field(std::string& out) {
  const std::size_t start_line = line_;
  out.clear();
  if (pos_ < text_.size() && text_[pos_] == '"') {
    ++pos_;
    while (true) {
      if (pos_ >= text_.size()) return at_line(start_line, "unterminated_quote");
      const char c = text_[pos_];
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          out.push_back('"');
          pos_ += 2;
          continue;
        }
        ++pos_;
        break;
      }
      // Line breaks inside quotes are data, kept byte for byte, but still count as lines.
      if (c == '\n' || (c == '\r' && !(pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n')))
        ++line_;
      out.push_back(c);
      ++pos_;
    }
    if (pos_ < text_.size() && text_[pos_] != ',' && !at_line_break())
      return at_line(line_, "unexpected_quote");
  } else {
    // An unquoted field runs to the next ',' or line break, and holds no quote.
    const std::size_t begin = pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ',' || c == '\n' || c == '\r') break;
      if (c == '"') return at_line(line_, "unexpected_quote");
      ++pos_;
    }
    out.assign(text_.data() + begin, pos_ - begin);
  }
  if (!is_valid_utf8(out)) return at_line(start_line, "invalid_utf8");
  return {};
}

Result<std::vector<CsvRecord>> read_csv_records(std::string_view text,
                                                const std::vector<std::string>& expected_header) {
  CsvReader reader(text);
  auto header = reader.next();
  if (!header) return invalid({{"header", "wrong_header"}});
  if (!*header) return std::unexpected(std::move(header->error()));
  if ((*header)->fields != expected_header) return invalid({{"header", "wrong_header"}});

  std::vector<CsvRecord> records;
  std::vector<FieldProblem> problems;
  while (auto row = reader.next()) {
    if (!*row) return std::unexpected(std::move(row->error()));
    CsvRow& r = **row;
    if (r.fields.size() != expected_header.size()) {
      if (problems.size() < kMaxProblems)
        problems.push_back({"line " + std::to_string(r.line), "wrong_field_count"});
      continue;
    }
    CsvRecord rec{r.line, {}};
    for (std::size_t i = 0; i < r.fields.size(); ++i)
      rec.values.emplace(expected_header[i], std::move(r.fields[i]));
    records.push_back(std::move(rec));
  }
  if (!problems.empty()) return invalid(std::move(problems));
  return records;
}

Result<std::vector<std::map<std::string, std::string>>> read_csv_with_header(
    std::string_view text, const std::vector<std::string>& expected_header) {
  auto records = read_csv_records(text, expected_header);
  if (!records) return std::unexpected(std::move(records.error()));
  std::vector<std::map<std::string, std::string>> out;
  out.reserve(records->size());
  for (auto& r : *records) out.push_back(std::move(r.values));
  return out;
}

}  // namespace skillreg
