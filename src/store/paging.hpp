#pragma once
// Paging of lists (API.md "Basics"): page from 1, page_size at most 200.
#include <cstdint>
#include <string>
#include <vector>

namespace skillreg {

struct PageRequest {
  int page = 1;
  int page_size = 20;
  std::int64_t offset() const { return std::int64_t(page - 1) * page_size; }
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
