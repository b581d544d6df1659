#pragma once
// What every fuzz target shares: a check that stops the run with a readable message when an
// invariant breaks (libFuzzer then saves the input as crash-<sha1>), and small helpers.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <string_view>

#include "core/error.hpp"

#define FUZZ_CHECK(cond, what)                                                               \
  do {                                                                                       \
    if (!(cond)) {                                                                           \
      std::fprintf(stderr, "\nFUZZ_CHECK failed at %s:%d: %s\n  (%s)\n", __FILE__, __LINE__, \
                   #cond, std::string(what).c_str());                                        \
      std::abort();                                                                          \
    }                                                                                        \
  } while (false)

namespace skillreg::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The error's only detail, as "field: problem", for messages.
inline std::string describe(const Error& e) {
  std::string out;
  for (const auto& d : e.details) out += d.field + ": " + d.problem + "; ";
  return out;
}

// True when the error is of `kind` and has exactly one detail {field, one of `problems`}.
inline bool single_problem(const Error& e, ErrorKind kind, std::string_view field,
                           std::initializer_list<std::string_view> problems) {
  if (e.kind != kind || e.details.size() != 1 || e.details[0].field != field) return false;
  for (auto p : problems)
    if (e.details[0].problem == p) return true;
  return false;
}

}  // namespace skillreg::fuzz
