#include "core/signing.hpp"

#include <sodium.h>

#include <array>

#include "core/crypto.hpp"
#include "core/key_file.hpp"

namespace skillreg::signing {

namespace {

constexpr std::string_view kKeyFileTag = "skillreg-ed25519-v1 ";

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

unsigned char* bytes(std::string& s) {
  return reinterpret_cast<unsigned char*>(s.data());
}

// A secret key is self-consistent when its public half is the one its seed derives.
std::optional<KeyPair> key_pair_from_secret(const std::string& secret_key) {
  if (secret_key.size() != crypto_sign_SECRETKEYBYTES) return std::nullopt;
  std::string seed(crypto_sign_SEEDBYTES, '\0');
  crypto_sign_ed25519_sk_to_seed(bytes(seed), bytes(secret_key));
  KeyPair derived{std::string(crypto_sign_PUBLICKEYBYTES, '\0'),
                  std::string(crypto_sign_SECRETKEYBYTES, '\0')};
  crypto_sign_seed_keypair(bytes(derived.public_key), bytes(derived.secret_key), bytes(seed));
  sodium_memzero(seed.data(), seed.size());
  if (!crypto::equal_constant_time(derived.secret_key, secret_key)) return std::nullopt;
  KeyPair out{std::string(crypto_sign_PUBLICKEYBYTES, '\0'), secret_key};
  crypto_sign_ed25519_sk_to_pk(bytes(out.public_key), bytes(secret_key));
  return out;
}

constexpr key_file::Label kLabel{"签名密钥", "Signing key"};

}  // namespace

KeyPair generate() {
  KeyPair out{std::string(crypto_sign_PUBLICKEYBYTES, '\0'),
              std::string(crypto_sign_SECRETKEYBYTES, '\0')};
  crypto_sign_keypair(bytes(out.public_key), bytes(out.secret_key));
  return out;
}

std::string sign(std::string_view message, const std::string& secret_key) {
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(bytes(sig), nullptr, bytes(message), message.size(), bytes(secret_key));
  return sig;
}

bool verify(std::string_view message, std::string_view signature, std::string_view public_key) {
  if (signature.size() != crypto_sign_BYTES || public_key.size() != crypto_sign_PUBLICKEYBYTES)
    return false;
  return crypto_sign_verify_detached(bytes(signature), bytes(message), message.size(),
                                     bytes(public_key)) == 0;
}

std::string key_id(const std::string& public_key) {
  return crypto::sha256_hex(public_key).substr(0, 16);
}

std::string base64url_encode(std::string_view data) {
  const auto variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_encoded_len(data.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes(data), data.size(), variant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string base64url_encode_public(std::string_view data) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const auto* in = bytes(data);
  const std::size_t n = data.size();
  std::string out((n * 4 + 2) / 3, '\0');
  std::size_t i = 0, o = 0;
  for (; i + 3 <= n; i += 3) {
    const unsigned v = unsigned(in[i]) << 16 | unsigned(in[i + 1]) << 8 | in[i + 2];
    out[o++] = kAlphabet[v >> 18];
    out[o++] = kAlphabet[(v >> 12) & 63];
    out[o++] = kAlphabet[(v >> 6) & 63];
    out[o++] = kAlphabet[v & 63];
  }
  if (n - i == 1) {
    out[o++] = kAlphabet[in[i] >> 2];
    out[o++] = kAlphabet[(in[i] & 3) << 4];
  } else if (n - i == 2) {
    const unsigned v = unsigned(in[i]) << 8 | in[i + 1];
    out[o++] = kAlphabet[v >> 10];
    out[o++] = kAlphabet[(v >> 4) & 63];
    out[o++] = kAlphabet[(v & 15) << 2];
  }
  return out;
}

std::optional<std::string> base64url_decode_public(std::string_view text) {
  static constexpr auto kValue = [] {
    std::array<signed char, 256> v{};
    v.fill(-1);
    constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (std::size_t i = 0; i < alphabet.size(); ++i) v[static_cast<unsigned char>(alphabet[i])] = static_cast<signed char>(i);
    return v;
  }();
  const std::size_t n = text.size();
  if (n % 4 == 1) return std::nullopt;
  std::string out(n / 4 * 3 + (n % 4 == 0 ? 0 : n % 4 - 1), '\0');
  const auto* in = bytes(text);
  std::size_t i = 0, o = 0;
  int bad = 0;
  for (; i + 4 <= n; i += 4) {
    const int a = kValue[in[i]], b = kValue[in[i + 1]], c = kValue[in[i + 2]], d = kValue[in[i + 3]];
    bad |= a | b | c | d;
    const unsigned v = unsigned(a) << 18 | unsigned(b) << 12 | unsigned(c) << 6 | unsigned(d);
    out[o++] = char(v >> 16);
    out[o++] = char(v >> 8);
    out[o++] = char(v);
  }
  if (n - i >= 2) {
    const int a = kValue[in[i]], b = kValue[in[i + 1]], c = n - i == 3 ? kValue[in[i + 2]] : 0;
    bad |= a | b | c;
    if ((n - i == 2 ? b & 15 : c & 3) != 0) return std::nullopt;  // bits the text cannot carry: not the one encoding
    const unsigned v = unsigned(a) << 18 | unsigned(b) << 12 | unsigned(c) << 6;
    out[o++] = char(v >> 16);
    if (n - i == 3) out[o++] = char(v >> 8);
  }
  if (bad < 0) return std::nullopt;  // a -1 somewhere: a character outside the alphabet
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(bytes(out), out.size(), text.data(), text.size(), nullptr, &len, &end,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size())
    return std::nullopt;
  out.resize(len);
  return out;
}

Result<KeyPair> load_or_create_key_file(const std::string& path) {
  auto secret = key_file::load_or_create(path, kKeyFileTag, kLabel, [] { return generate().secret_key; });
  if (!secret) return std::unexpected(secret.error());
  auto pair = key_pair_from_secret(*secret);
  if (!pair) return key_file::error(kLabel, path, "not a consistent Ed25519 secret key");
  return *pair;
}

}  // namespace skillreg::signing
