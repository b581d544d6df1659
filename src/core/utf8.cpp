#include "core/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace skillreg {

namespace {

bool is_continuation(unsigned char c) {
  return (c & 0xC0U) == 0x80U;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // Runs of ASCII, most of a CSV part, are passed eight bytes at a time: a 6 MB part of a
    // batch checked byte by byte was a seventh of the server's time while parts were uploaded.
    if (n - i >= 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80U) {
      ++i;
      continue;
    }
    // Table 3-7 of the Unicode Standard: the allowed range of the second byte depends on the
    // first, which is what excludes overlongs, surrogates and code points above U+10FFFF.
    std::size_t len = 0;
    unsigned char lo = 0x80U;
    unsigned char hi = 0xBFU;
    if (c >= 0xC2U && c <= 0xDFU) {
      len = 2;
    } else if (c == 0xE0U) {
      len = 3;
      lo = 0xA0U;
    } else if ((c >= 0xE1U && c <= 0xECU) || c == 0xEEU || c == 0xEFU) {
      len = 3;
    } else if (c == 0xEDU) {
      len = 3;
      hi = 0x9FU;
    } else if (c == 0xF0U) {
      len = 4;
      lo = 0x90U;
    } else if (c >= 0xF1U && c <= 0xF3U) {
      len = 4;
    } else if (c == 0xF4U) {
      len = 4;
      hi = 0x8FU;
    } else {
      return false;  // 0x80–0xC1 and 0xF5–0xFF never start a sequence
    }
    if (n - i < len) return false;
    const auto second = static_cast<unsigned char>(text[i + 1]);
    if (second < lo || second > hi) return false;
    for (std::size_t k = 2; k < len; ++k)
      if (!is_continuation(static_cast<unsigned char>(text[i + k]))) return false;
    i += len;
  }
  return true;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (const char ch : text)
    if (!is_continuation(static_cast<unsigned char>(ch))) ++count;
  return count;
}

}  // namespace skillreg
