// core/utf8: is_valid_utf8 agrees with an independent decoder written from RFC 3629 §3 (decode
// the bits, then refuse overlongs, surrogates and code points above U+10FFFF), and utf8_length
// counts the code points that decoder finds. Valid text re-encodes to the same bytes, and
// splitting valid text at a code-point boundary leaves two valid halves.
#include <optional>
#include <vector>

#include "core/utf8.hpp"
#include "fuzz_check.hpp"

namespace {

// The code points of `s`, or nullopt when it is not well-formed UTF-8.
std::optional<std::vector<char32_t>> decode(std::string_view s) {
  std::vector<char32_t> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    char32_t cp = 0;
    if (b < 0x80) {
      len = 1;
      cp = b;
    } else if ((b & 0xE0) == 0xC0) {
      len = 2;
      cp = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
      len = 3;
      cp = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
      len = 4;
      cp = b & 0x07;
    } else {
      return std::nullopt;
    }
    if (s.size() - i < len) return std::nullopt;
    for (std::size_t k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (c & 0x3F);
    }
    static constexpr char32_t kMinOf[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinOf[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return std::nullopt;
    out.push_back(cp);
    i += len;
  }
  return out;
}

std::string encode(const std::vector<char32_t>& cps) {
  std::string out;
  for (char32_t c : cps) {
    if (c < 0x80) {
      out += char(c);
    } else if (c < 0x800) {
      out += char(0xC0 | (c >> 6));
      out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += char(0xE0 | (c >> 12));
      out += char(0x80 | ((c >> 6) & 0x3F));
      out += char(0x80 | (c & 0x3F));
    } else {
      out += char(0xF0 | (c >> 18));
      out += char(0x80 | ((c >> 12) & 0x3F));
      out += char(0x80 | ((c >> 6) & 0x3F));
      out += char(0x80 | (c & 0x3F));
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace skillreg;
  const std::string_view text = fuzz::as_text(data, size);
  const bool valid = is_valid_utf8(text);
  const auto decoded = decode(text);
  FUZZ_CHECK(valid == decoded.has_value(),
             valid ? "accepted ill-formed UTF-8" : "refused well-formed UTF-8");
  if (!valid) return 0;

  FUZZ_CHECK(utf8_length(text) == decoded->size(), "utf8_length differs from the code-point count");
  FUZZ_CHECK(encode(*decoded) == text, "valid text does not re-encode to itself");

  // Every split at a code-point boundary leaves two valid halves whose lengths add up.
  std::size_t boundary = 0;
  for (std::size_t k = 0; k < decoded->size(); k += 1 + decoded->size() / 8) {
    boundary = encode({decoded->begin(), decoded->begin() + std::ptrdiff_t(k)}).size();
    const auto head = text.substr(0, boundary), tail = text.substr(boundary);
    FUZZ_CHECK(is_valid_utf8(head) && is_valid_utf8(tail),
               "a valid text split at a boundary is invalid");
    FUZZ_CHECK(utf8_length(head) + utf8_length(tail) == decoded->size(),
               "lengths of halves do not add up");
  }
  // Cutting inside a multi-byte sequence always makes it invalid.
  for (std::size_t i = 1; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) {
      FUZZ_CHECK(!is_valid_utf8(text.substr(0, i)), "a truncated sequence is accepted");
      break;
    }
  }
  return 0;
}
