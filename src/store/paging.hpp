#pragma once
// Paging of lists (API.md "Basics"): page from 1, page_size at most 200.
#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace skillreg {

struct PageRequest {
  PageRequest(int page_ = 1, int page_size_ = 20) : page(page_), page_size(page_size_) {}

  int page = 1;
  int page_size = 20;
  // A long export reads its list by key, not by offset (issue 10 §4): `after` is the sort key of
  // the last row already read, and the page is the rows that follow it, so the millionth row
  // costs what the first did. Lists that support it bind one of the bounds below; others page
  // by offset as usual.
  std::optional<std::string> after;
  bool count = true;  // false: `total` is not counted again (an export's later pages)

  std::int64_t offset() const { return after ? 0 : std::int64_t(page - 1) * page_size; }
  // For `id > :bound` in a list sorted by id ascending: every id passes without a cursor.
  std::int64_t after_id() const { return after ? id_of(*after, 0) : 0; }
  // For `id < :bound` in a list sorted by id descending.
  std::int64_t before_id() const {
    constexpr auto none = std::numeric_limits<std::int64_t>::max();
    return after ? id_of(*after, none) : none;
  }
  // For `key > :bound` in a list sorted by a text key ascending.
  std::string after_text() const { return after.value_or(""); }

 private:
  static std::int64_t id_of(const std::string& s, std::int64_t otherwise) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc{} && p == s.data() + s.size() ? v : otherwise;
  }
};

template <class T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;
  int page = 1;
  int page_size = 20;
};

// A LIKE pattern that matches `text` literally anywhere; '\' is the escape character.
inline std::string like_contains(const std::string& text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

// ",a,b,c," — a set of codes bound as one parameter and matched with
// `:set LIKE '%,' || column || ',%'`, so the statement text never depends on the input.
inline std::string delimited_set(const std::vector<std::string>& codes) {
  std::string out = ",";
  for (const auto& c : codes) out += c + ",";
  return out;
}

inline std::string like_prefix(const std::string& text) {
  std::string out = like_contains(text);
  return out.substr(1);
}

}  // namespace skillreg
