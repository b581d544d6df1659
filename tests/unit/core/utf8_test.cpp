#include "core/utf8.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace skillreg {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
  const std::vector<std::string> rows{
      "",
      "plain ASCII, with punctuation!",
      "浙江省职业技能等级认定",  // 3-byte CJK
      "国办发明电〔2024〕12号",  // full-width brackets
      "\xC2\x80",                // U+0080, smallest 2-byte
      "\xDF\xBF",                // U+07FF
      "\xE0\xA0\x80",            // U+0800, smallest 3-byte
      "\xED\x9F\xBF",            // U+D7FF, just below the surrogates
      "\xEE\x80\x80",            // U+E000, just above them
      "\xEF\xBB\xBF",            // U+FEFF (a BOM is a valid character)
      "\xF0\x90\x80\x80",        // U+10000, smallest 4-byte
      "\xF0\x9F\x98\x80",        // 😀
      "\xF4\x8F\xBF\xBF",        // U+10FFFF, the last code point
      std::string("a\0b", 3),    // NUL is a valid code point
  };
  for (const auto& s : rows) EXPECT_TRUE(is_valid_utf8(s)) << testing::PrintToString(s);
}

TEST(Utf8, RejectsMalformedText) {
  const std::vector<std::string> rows{
      "\x80",              // lone continuation byte
      "\xBF",              //
      "\xC0\xAF",          // overlong '/'
      "\xC1\xBF",          // overlong
      "\xE0\x80\xAF",      // overlong 3-byte
      "\xE0\x9F\xBF",      // overlong U+07FF
      "\xF0\x80\x80\xAF",  // overlong 4-byte
      "\xF0\x8F\xBF\xBF",  // overlong U+FFFF
      "\xED\xA0\x80",      // U+D800, a surrogate (CESU-8)
      "\xED\xBF\xBF",      // U+DFFF
      "\xF4\x90\x80\x80",  // U+110000, beyond Unicode
      "\xF5\x80\x80\x80",  // F5..FF never start a sequence
      "\xFF",              //
      "\xFE",              //
      "\xC3",              // truncated 2-byte at the end
      "\xE6\xB5",          // truncated 3-byte (浙 is E6 B5 99)
      "\xF0\x9F\x98",      // truncated 4-byte
      "\xE6\xB5\x41",      // bad continuation
      "\xC3\x28",          //
      "abc\xE6\xB5",       // valid text, then a truncated character
      "\xE6\xB5\x99\x99",  // an extra continuation byte
      "\xB5\x99",          // GBK-like bytes out of context
  };
  for (const auto& s : rows) EXPECT_FALSE(is_valid_utf8(s)) << testing::PrintToString(s);
}

// Issue 4: ASCII is passed eight bytes at a time. A bad or good multi-byte character at every
// offset of a long ASCII run, so each falls on every place of a word and across two words.
TEST(Utf8, Issue4_ACharacterIsJudgedTheSameAtEveryOffsetOfALongAsciiRun) {
  const std::vector<std::pair<std::string, bool>> characters{
      {"\xE6\xB5\x99", true},       // 浙
      {"\xF0\x9F\x98\x80", true},   // 😀
      {"\xC3\xA9", true},           // é
      {"\x80", false},              // lone continuation
      {"\xE6\xB5", false},          // truncated, followed by ASCII
      {"\xED\xA0\x80", false},      // a surrogate
      {"\xC0\xAF", false},          // overlong
  };
  for (const auto& [ch, valid] : characters)
    for (std::size_t at = 0; at < 24; ++at) {
      const std::string text = std::string(at, 'a') + ch + std::string(24 - at, 'b');
      EXPECT_EQ(is_valid_utf8(text), valid) << testing::PrintToString(text);
      // At the very end too, where fewer than eight bytes remain after it.
      EXPECT_EQ(is_valid_utf8(std::string(at, 'a') + ch), valid) << at;
    }
}

TEST(Utf8, RejectsGbkEncodedChinese) {
  EXPECT_FALSE(is_valid_utf8("\xD5\xE3\xBD\xAD"));  // 浙江 in GBK
}

TEST(Utf8, LengthCountsCodePoints) {
  EXPECT_EQ(utf8_length(""), 0U);
  EXPECT_EQ(utf8_length("abc"), 3U);
  EXPECT_EQ(utf8_length("浙江省"), 3U);
  EXPECT_EQ(utf8_length("a浙\xF0\x9F\x98\x80"), 3U);
}

}  // namespace
}  // namespace skillreg
