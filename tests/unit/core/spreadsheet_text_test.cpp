// Exported table text (issue 10 §3): CSV quoting (RFC 4180), the formula-injection guard and the
// column width of mixed Chinese and Latin text. Every expectation is written out by hand.
#include "core/spreadsheet_text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace skillreg {
namespace {

struct FieldCase {
  const char* name;
  std::string in, out;
};

TEST(SpreadsheetText, CsvFieldsAreQuotedAndGuarded) {
  const FieldCase cases[] = {
      {"plain text stays", "杭州市", "杭州市"},
      {"empty stays empty", "", ""},
      {"a comma is quoted", "a,b", "\"a,b\""},
      {"quotes are doubled", "say \"hi\"", "\"say \"\"hi\"\"\""},
      {"a line break is quoted", "a\nb", "\"a\nb\""},
      {"a CR is quoted", "a\rb", "\"a\rb\""},
      {"a leading space is quoted", " a", "\" a\""},
      {"= starts a formula", "=1+1", "'=1+1"},
      {"+ starts a formula", "+86", "'+86"},
      {"- starts a formula", "-2", "'-2"},
      {"@ starts a formula", "@SUM(A1)", "'@SUM(A1)"},
      {"a tab before a formula", "\t=1", "'\t=1"},
      {"guarded and quoted", "=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""},
      {"= inside is harmless", "a=b", "a=b"},
      {"an article code stays", "S19(10)", "S19(10)"},
  };
  for (const auto& c : cases) EXPECT_EQ(csv_field(c.in), c.out) << c.name;
}

TEST(SpreadsheetText, CsvLineEndsWithCrlf) {
  EXPECT_EQ(csv_line({"地区", "a,b", "=x", ""}), "地区,\"a,b\",'=x,\r\n");
  EXPECT_EQ(csv_line({}), "\r\n");
}

TEST(SpreadsheetText, ChineseCountsDoubleInWidth) {
  EXPECT_EQ(display_width(""), 0U);
  EXPECT_EQ(display_width("abc"), 3U);
  EXPECT_EQ(display_width("杭州市"), 6U);
  EXPECT_EQ(display_width("合格率(%)"), 9U);           // 3 ideographs and 3 ASCII characters
  EXPECT_EQ(display_width("60–69分"), 7U);             // the en dash is narrow, 分 wide
  EXPECT_EQ(display_width("（全角）"), 8U);            // full-width brackets are wide
  EXPECT_EQ(display_width("评价机构 S19(10)"), 16U);  // 4 × 2 + space + 7
  EXPECT_EQ(display_width("\xff\xfe"), 2U);            // invalid bytes count one each
  EXPECT_EQ(display_width("\xe6\x9d"), 2U);            // a truncated sequence too
}

}  // namespace
}  // namespace skillreg
