#include "domain/accounts/password_rules.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>

namespace skillreg {

namespace {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "abababab", "aaaaaaaa", "12121212": the whole text a repetition of a unit of 1–4 characters.
bool repeated_unit(std::string_view s) {
  for (std::size_t unit = 1; unit <= 4 && unit < s.size(); ++unit) {
    bool same = true;
    for (std::size_t i = unit; i < s.size() && same; ++i) same = s[i] == s[i - unit];
    if (same) return true;
  }
  return false;
}

// "12345678", "abcdefgh", "87654321": every character one up, or one down, from the one before.
bool consecutive_run(std::string_view s) {
  if (s.size() < 2) return false;
  const int step = s[1] - s[0];
  if (step != 1 && step != -1) return false;
  for (std::size_t i = 1; i < s.size(); ++i)
    if (s[i] - s[i - 1] != step) return false;
  return true;
}

// A stretch of a keyboard row or column, either way: "qwertyui", "asdfghjk", "1qaz2wsx", "09876543".
bool keyboard_walk(std::string_view s) {
  static constexpr std::array<std::string_view, 5> kWalks{"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm",
                                                          "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p"};
  for (std::string_view walk : kWalks) {
    std::string back(walk.rbegin(), walk.rend());
    if (walk.find(s) != std::string_view::npos || back.find(s) != std::string::npos) return true;
  }
  return false;
}

// The passwords tried first, in lower case, as their letters alone ("Password123!" → "password").
bool well_known_word(std::string_view letters) {
  static constexpr std::array<std::string_view, 24> kWords{
      "password", "passwd", "pass", "qwerty", "admin", "administrator", "welcome", "letmein",
      "iloveyou", "monkey", "dragon", "master", "login", "root", "test", "guest",
      "changeme", "secret", "abc", "user", "skillreg", "zhejiang", "hangzhou", "china"};
  return std::ranges::find(kWords, letters) != kWords.end();
}

// Common look-alike substitutions undone: "p@ssw0rd" → "password".
std::string unleet(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    switch (c) {
      case '@': c = 'a'; break;
      case '0': c = 'o'; break;
      case '1': c = 'l'; break;
      case '3': c = 'e'; break;
      case '$': c = 's'; break;
      default: break;
    }
  }
  return out;
}

std::string letters_of(std::string_view s) {
  std::string out;
  for (char c : s)
    if (std::isalpha(static_cast<unsigned char>(c))) out += c;
  return out;
}

}  // namespace

CommonWords::CommonWords(const std::vector<std::string>& words) {
  for (const auto& w : words) add(w);
  finish();
}

CommonWords CommonWords::from_lines(std::string_view text) {
  CommonWords out;
  out.text_.reserve(text.size());
  while (!text.empty()) {
    const auto end = std::min(text.find('\n'), text.size());
    auto line = text.substr(0, end);
    if (line.ends_with('\r')) line.remove_suffix(1);
    out.add(line);
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  out.finish();
  return out;
}

void CommonWords::add(std::string_view w) {
  const auto ascii_letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (w.size() < 4 || !std::ranges::all_of(w, ascii_letter)) return;
  words_.push_back({static_cast<std::uint32_t>(text_.size()), static_cast<std::uint32_t>(w.size())});
  text_ += ascii_lower(w);
}

void CommonWords::finish() {
  const auto by_text = [this](const Word& a, const Word& b) { return word(a) < word(b); };
  if (!std::ranges::is_sorted(words_, by_text)) std::ranges::sort(words_, by_text);
  const auto [first, last] = std::ranges::unique(words_, [this](const Word& a, const Word& b) { return word(a) == word(b); });
  words_.erase(first, last);
}

bool CommonWords::contains(std::string_view lower_letters) const {
  return std::ranges::binary_search(words_, lower_letters, std::less<>{}, [this](const Word& w) { return word(w); });
}

std::optional<std::string> password_problem(std::string_view password, std::string_view username,
                                            const CommonWords& words) {
  if (password.size() < 8) return "too_short";
  if (password.size() > 128) return "too_long";
  const std::string lower = ascii_lower(password);
  if (username.size() >= 3 && lower.find(ascii_lower(username)) != std::string::npos) return "contains_username";
  if (repeated_unit(lower) || consecutive_run(lower) || keyboard_walk(lower)) return "too_common";
  // A well-known word with only digits or symbols around it ("admin2026", "Password1!").
  const std::string letters = letters_of(lower);
  const std::string unleeted = letters_of(unleet(lower));
  if (well_known_word(letters) || well_known_word(unleeted)) return "too_common";
  // One dictionary word with only digits or symbols around it ("Sunshine2026", "f00tball!").
  if (words.contains(letters) || words.contains(unleeted)) return "dictionary_word";
  return std::nullopt;
}

}  // namespace skillreg
