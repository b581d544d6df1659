// What a password must not be (NIST SP 800-63B §5.1.1.2; docs/security.md): a table of passwords,
// usernames and the problem each has, or none.
#include <gtest/gtest.h>

#include "domain/accounts/password_rules.hpp"

namespace skillreg {
namespace {

struct Row {
  const char* password;
  const char* username;
  const char* problem;  // "" when the password may be used
};

TEST(PasswordRules, Security_PredictablePasswordsAreRefusedAndOrdinaryOnesAccepted) {
  const std::string long_one = "k9#" + std::string(126, 'x');
  const Row rows[] = {
      {"demo-2026", "province", ""},           // the demo accounts' password
      {"长城永固2026", "hangzhou", ""},          // UTF-8 is fine
      {"x9#kq2!mLw", "inst", ""},
      {"20261130", "inst", ""},                // a date: weak, but not one of these patterns
      {"Correct horse battery", "xihu", ""},
      {"short1!", "inst", "too_short"},
      {long_one.c_str(), "inst", "too_long"},
      {"12345678", "hz_staff01", "too_common"},  // the audit's city account
      {"87654321", "inst", "too_common"},
      {"abcdefgh", "inst", "too_common"},
      {"aaaaaaaa", "inst", "too_common"},
      {"abababab", "inst", "too_common"},
      {"12121212", "inst", "too_common"},
      {"qwertyuiop", "inst", "too_common"},
      {"asdfghjk", "inst", "too_common"},
      {"1qaz2wsx", "inst", "too_common"},
      {"Password1!", "inst", "too_common"},
      {"p@ssw0rd99", "inst", "too_common"},
      {"admin2026", "inst", "too_common"},
      {"Skillreg#2026", "inst", "too_common"},
      {"hangzhou2026!", "inst", "too_common"},
      {"xihu-xihu-2026", "xihu", "contains_username"},
      {"my.HZ_STAFF01.pw", "hz_staff01", "contains_username"},
      {"ab-2026-ab-9", "ab", ""},              // a username under 3 characters is not looked for
  };
  for (const auto& r : rows) {
    const auto problem = password_problem(r.password, r.username);
    EXPECT_EQ(problem.value_or(""), r.problem) << r.password << " / " << r.username;
  }
}

// The list as a file holds it: one word a line, sorted or not, with CRLF or LF, repeated words
// once; words under 4 letters or outside a-z are not kept.
TEST(PasswordRules, Security_AWordListFileIsReadOneWordALine) {
  struct Case {
    std::string text;
    std::size_t size;
    std::vector<std::string> in, out;
  };
  const std::vector<Case> cases{
      {"", 0, {}, {"sunshine"}},
      {"sunshine\n", 1, {"sunshine"}, {"sunshin", "sunshines"}},
      {"sunshine", 1, {"sunshine"}, {}},  // no newline at the end
      {"zebra\r\nFootball\r\nmoon\r\n", 3, {"zebra", "football", "moon"}, {"Football"}},
      {"moon\nmoon\napple\nmoon\n", 2, {"moon", "apple"}, {}},
      {"abc\nna\xc3\xafve\n007bond\nplace2\n\n\ncounty\n", 1, {"county"}, {"abc", "place"}},
  };
  for (const auto& c : cases) {
    const CommonWords words = CommonWords::from_lines(c.text);
    EXPECT_EQ(words.size(), c.size) << c.text;
    for (const auto& w : c.in) EXPECT_TRUE(words.contains(w)) << w << " in " << c.text;
    for (const auto& w : c.out) EXPECT_FALSE(words.contains(w)) << w << " in " << c.text;
  }
}

// A word list of a handful of words stands for the server's (Debian's cracklib-small).
TEST(PasswordRules, Security_ADictionaryWordWithDigitsOrSymbolsAroundItIsRefused) {
  const CommonWords words({"sunshine", "Football", "county", "place", "demo", "abc", "naïve"});
  EXPECT_EQ(words.size(), 5u) << "words under 4 letters or outside a-z are not kept";
  const Row rows[] = {
      {"Sunshine2026", "inst", "dictionary_word"},
      {"2026-sunshine!", "inst", "dictionary_word"},
      {"f00tball!", "inst", "dictionary_word"},   // look-alike digits undone
      {"PLACE_2026!", "inst", "dictionary_word"},
      {"demo-2026", "province", "dictionary_word"},
      {"county-place-2026", "inst", ""},           // two words: a passphrase
      {"sunshines-2026", "inst", ""},               // not a word of the list
      {"abc-12345", "inst", "too_common"},          // a well-known one is reported as such
  };
  for (const auto& r : rows) {
    const auto problem = password_problem(r.password, r.username, words);
    EXPECT_EQ(problem.value_or(""), r.problem) << r.password;
  }
  EXPECT_EQ(password_problem("Sunshine2026", "inst"), std::nullopt) << "no word list, no dictionary check";
}

}  // namespace
}  // namespace skillreg
