#pragma once
// Thin wrappers over libsodium: SHA-256, random tokens, argon2id password hashes.
#include <string>
#include <string_view>

namespace skillreg::crypto {

// Must be called once before any other function here (safe to call again).
void init();

std::string sha256_hex(std::string_view data);

// `bytes` random bytes, hex encoded (so 2*bytes characters).
std::string random_hex(std::size_t bytes);

// Cost of argon2id hashing. `interactive` is libsodium's INTERACTIVE preset (64 MiB, 2 passes).
struct PasswordCost {
  unsigned long long ops;
  std::size_t mem;
  static PasswordCost interactive();
};

// An encoded argon2id hash ("$argon2id$v=19$m=...") that embeds its salt and cost.
std::string hash_password(std::string_view password, PasswordCost cost = PasswordCost::interactive());
bool verify_password(std::string_view encoded_hash, std::string_view password);

// Standard base64 with padding.
std::string base64_encode(std::string_view bytes);
std::string base64_decode(std::string_view text);  // "" when `text` is not valid base64

// Constant-time comparison of two strings of any length.
bool equal_constant_time(std::string_view a, std::string_view b);

}  // namespace skillreg::crypto
