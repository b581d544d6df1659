#pragma once
// What a password must not be (security; NIST SP 800-63B §5.1.1.2): shorter than 8 characters or
// longer than 128, or one an attacker tries first — the account's username, one character or a
// short unit repeated, a run of consecutive characters or of a keyboard row, or a well-known
// password or a dictionary word with digits or symbols around it. No composition rules: they make passwords harder to
// remember, not to guess.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillreg {

// Dictionary words, for the check that a password is not one word with digits or symbols around
// it ("Sunshine2026", "football!"): NIST SP 800-63B §5.1.1.2 names dictionary words among the
// values to refuse. Words of 4 letters or more, a–z, in lower case; the list itself is data (the
// server reads Debian's, see AccountPolicy::password_words_file).
class CommonWords {
 public:
  CommonWords() = default;
  explicit CommonWords(const std::vector<std::string>& words);
  // A word list as a file holds it, one word a line (Debian's are sorted already, which saves
  // the sort).
  static CommonWords from_lines(std::string_view text);

  bool contains(std::string_view lower_letters) const;
  std::size_t size() const { return words_.size(); }

 private:
  struct Word {
    std::uint32_t at = 0, size = 0;  // in text_
  };
  void add(std::string_view word);  // kept if it is a word of the list's kind
  void finish();                    // sorted, unique
  std::string_view word(const Word& w) const { return std::string_view(text_).substr(w.at, w.size); }

  std::string text_;         // the kept words, in lower case, one after another
  std::vector<Word> words_;  // sorted by text, unique
};

// nullopt when the password may be used; else the problem: "too_short", "too_long",
// "contains_username", "too_common" or "dictionary_word". `username` may be empty (no account
// yet named); `words` may be empty (no dictionary check).
std::optional<std::string> password_problem(std::string_view password, std::string_view username,
                                            const CommonWords& words = {});

}  // namespace skillreg
