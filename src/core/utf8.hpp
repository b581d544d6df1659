#pragma once
// UTF-8 checks for text that enters the system (CSV imports, JSON strings, names).
#include <cstddef>
#include <string_view>

namespace skillreg {

// True when `text` is well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates
// (U+D800–U+DFFF), nothing above U+10FFFF, no truncated sequences. The empty string is valid.
bool is_valid_utf8(std::string_view text);

// The number of code points in `text`, which must be valid UTF-8 (checked by the caller);
// used for length limits stated in characters (字符), not bytes.
std::size_t utf8_length(std::string_view text);

}  // namespace skillreg
