#pragma once
// Ed25519 signatures (签名) over libsodium, for documents a verifier checks offline against a
// published public key (docs/certificate-qr.md). Call crypto::init() before anything here.
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace skillreg::signing {

// Raw bytes: a 32-byte public key and libsodium's 64-byte secret key (seed || public key).
struct KeyPair {
  std::string public_key;
  std::string secret_key;
};

KeyPair generate();

// The 64-byte detached signature of `message`. `secret_key` must be 64 bytes.
std::string sign(std::string_view message, const std::string& secret_key);

// False for a wrong signature, and for a signature or key of the wrong length.
bool verify(std::string_view message, std::string_view signature, std::string_view public_key);

// The first 16 hex characters of SHA-256(public key): names the key in payloads and in
// GET /api/v1/public/keys, so keys can be rotated while old certificates keep verifying.
std::string key_id(const std::string& public_key);

// Base64url (RFC 4648 section 5) without padding. Decoding refuses padding, characters outside
// the alphabet, impossible lengths and non-zero trailing bits, so each byte string has exactly
// one accepted text.
std::string base64url_encode(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);
// The same text as base64url_encode, by table lookup: for bytes that are public anyway (a
// ciphertext with its nonce, a signature, a public key), where libsodium's constant-time encoder
// (~200 ns for a sealed identity number, a fifth of the cost of sealing it) protects nothing.
// Secrets (key files) keep base64url_encode.
std::string base64url_encode_public(std::string_view bytes);
// base64url_decode by table lookup (the same texts accepted), for the same public bytes (a sealed value's nonce and
// ciphertext): nothing, as there, for a character outside the alphabet or an impossible length.
std::optional<std::string> base64url_decode_public(std::string_view text);

// The key file: one line "skillreg-ed25519-v1 <base64url of the 64-byte secret key>".
// Reads `path`, or when it does not exist creates it (and its parent directories) with mode
// 0600 from a fresh key. A file that exists but does not hold a well-formed, self-consistent
// key is an error and is left untouched: replacing it would silently change the province's key.
Result<KeyPair> load_or_create_key_file(const std::string& path);

}  // namespace skillreg::signing
