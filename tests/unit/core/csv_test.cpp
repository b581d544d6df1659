#include "core/csv.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace skillreg {
namespace {

using Fields = std::vector<std::string>;

// All records of `text`, or the error's first detail as "line N: problem".
struct ReadResult {
  std::vector<CsvRow> rows;
  std::string error;
};

ReadResult read_all(std::string_view text) {
  ReadResult out;
  CsvReader reader(text);
  while (auto row = reader.next()) {
    if (!*row) {
      const auto& d = row->error().details.at(0);
      out.error = d.field + ": " + d.problem;
      EXPECT_FALSE(reader.next().has_value()) << "the reader stops after an error";
      break;
    }
    out.rows.push_back(**row);
  }
  return out;
}

std::vector<Fields> fields_of(const ReadResult& r) {
  std::vector<Fields> out;
  for (const auto& row : r.rows) out.push_back(row.fields);
  return out;
}

TEST(CsvReader, ParsesRecords) {
  struct Row {
    const char* name;
    std::string text;
    std::vector<Fields> want;
  };
  const std::vector<Row> rows{
      {"empty input", "", {}},
      {"only line breaks", "\n\r\n\n", {}},
      {"one field", "a", {{"a"}}},
      {"LF", "a,b\nc,d\n", {{"a", "b"}, {"c", "d"}}},
      {"CRLF", "a,b\r\nc,d\r\n", {{"a", "b"}, {"c", "d"}}},
      {"lone CR", "a,b\rc,d", {{"a", "b"}, {"c", "d"}}},
      {"no final line break", "a,b\nc,d", {{"a", "b"}, {"c", "d"}}},
      {"empty fields", ",a,,\n", {{"", "a", "", ""}}},
      {"quoted empty field", "\"\"\n", {{""}}},
      {"quoted comma", "\"a,b\",c", {{"a,b", "c"}}},
      {"doubled quotes", "\"say \"\"hi\"\"\",x", {{"say \"hi\"", "x"}}},
      {"only a doubled quote", "\"\"\"\"", {{"\""}}},
      {"LF inside quotes", "\"line1\nline2\",b\nc,d", {{"line1\nline2", "b"}, {"c", "d"}}},
      {"CRLF inside quotes kept", "\"x\r\ny\"\r\n", {{"x\r\ny"}}},
      {"blank lines skipped", "a\n\n\nb\n", {{"a"}, {"b"}}},
      {"spaces are data", " a , b ", {{" a ", " b "}}},
      {"BOM dropped",
       "\xEF\xBB\xBF"
       "date,kind\n",
       {{"date", "kind"}}},
      {"Chinese", "春节,国庆节\n", {{"春节", "国庆节"}}},
      {"quoted then comma at end", "\"a\",", {{"a", ""}}},
  };
  for (const auto& r : rows) {
    const auto got = read_all(r.text);
    EXPECT_EQ(got.error, "") << r.name;
    EXPECT_EQ(fields_of(got), r.want) << r.name;
  }
}

TEST(CsvReader, NumbersPhysicalLines) {
  const auto got = read_all("h1,h2\n\"a\nb\nc\",x\n\nlast,y\r\nz,w");
  ASSERT_EQ(got.rows.size(), 4U);
  EXPECT_EQ(got.rows[0].line, 1U);
  EXPECT_EQ(got.rows[1].line, 2U);  // spans lines 2–4
  EXPECT_EQ(got.rows[2].line, 6U);  // line 5 is empty
  EXPECT_EQ(got.rows[3].line, 7U);
}

TEST(CsvReader, ReportsErrorsWithLines) {
  struct Row {
    const char* name;
    std::string text;
    const char* error;
  };
  const std::vector<Row> rows{
      {"unterminated quote", "a,b\nc,\"d\ne\n", "line 2: unterminated_quote"},
      {"unterminated at end", "\"abc", "line 1: unterminated_quote"},
      {"quote inside unquoted field", "a,b\"c\n", "line 1: unexpected_quote"},
      {"text after closing quote", "a\n\"b\"c,d\n", "line 2: unexpected_quote"},
      {"invalid UTF-8", "ok\nbad,\xE6\xB5\n", "line 2: invalid_utf8"},
      {"GBK bytes", "a,b\nc,d\n\xD5\xE3\xBD\xAD,e\n", "line 3: invalid_utf8"},
      {"invalid UTF-8 in quoted field", "\"x\n\xFF\"\n", "line 1: invalid_utf8"},
  };
  for (const auto& r : rows) EXPECT_EQ(read_all(r.text).error, r.error) << r.name;
}

TEST(CsvReader, RecordsBeforeAnErrorAreReturned) {
  const auto got = read_all("a\nb\n\"c\n");
  EXPECT_EQ(fields_of(got), (std::vector<Fields>{{"a"}, {"b"}}));
  EXPECT_EQ(got.error, "line 3: unterminated_quote");
}

const std::vector<std::string> kHeader{"code", "name"};

TEST(CsvWithHeader, MapsRecordsByColumn) {
  const auto rows = read_csv_with_header("code,name\n330106,西湖区\n330212,鄞州区\n", kHeader);
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 2U);
  EXPECT_EQ((*rows)[0],
            (std::map<std::string, std::string>{{"code", "330106"}, {"name", "西湖区"}}));
  EXPECT_EQ((*rows)[1].at("name"), "鄞州区");
}

TEST(CsvWithHeader, HeaderOnlyIsEmpty) {
  const auto rows = read_csv_with_header("code,name\n", kHeader);
  ASSERT_TRUE(rows.has_value());
  EXPECT_TRUE(rows->empty());
}

TEST(CsvWithHeader, RecordsKeepTheirLines) {
  const auto recs = read_csv_records("code,name\n\n330106,\"西湖\n区\"\n330212,鄞州区\n", kHeader);
  ASSERT_TRUE(recs.has_value());
  ASSERT_EQ(recs->size(), 2U);
  EXPECT_EQ((*recs)[0].line, 3U);
  EXPECT_EQ((*recs)[1].line, 5U);
}

TEST(CsvWithHeader, RejectsWrongHeaders) {
  for (const char* text :
       {"", "\n", "name,code\n", "code\n", "code,name,extra\n", "Code,name\n", "code, name\n"}) {
    const auto rows = read_csv_with_header(text, kHeader);
    ASSERT_FALSE(rows.has_value()) << text;
    EXPECT_EQ(rows.error().kind, ErrorKind::validation_failed);
    EXPECT_EQ(rows.error().details, (std::vector<FieldProblem>{{"header", "wrong_header"}}))
        << text;
  }
}

TEST(CsvWithHeader, ReportsEveryRowWithTheWrongFieldCount) {
  const auto rows = read_csv_with_header(
      "code,name\n330106,西湖区\n330212\n330000,浙江省,x\n330100,杭州市\n", kHeader);
  ASSERT_FALSE(rows.has_value());
  EXPECT_EQ(rows.error().details, (std::vector<FieldProblem>{{"line 3", "wrong_field_count"},
                                                             {"line 4", "wrong_field_count"}}));
}

TEST(CsvWithHeader, CapsTheNumberOfProblems) {
  std::string text = "code,name\n";
  for (int i = 0; i < 250; ++i) text += "only-one-field\n";
  const auto rows = read_csv_with_header(text, kHeader);
  ASSERT_FALSE(rows.has_value());
  EXPECT_EQ(rows.error().details.size(), 100U);
}

TEST(CsvWithHeader, PassesParseErrorsThrough) {
  const auto rows = read_csv_with_header("code,name\n330106,\"西湖区\n", kHeader);
  ASSERT_FALSE(rows.has_value());
  EXPECT_EQ(rows.error().details, (std::vector<FieldProblem>{{"line 2", "unterminated_quote"}}));
}

}  // namespace
}  // namespace skillreg
