#include "core/identity_vault.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include <cstring>
#include <stdexcept>

#include "core/key_file.hpp"
#include "core/signing.hpp"

namespace skillreg {

namespace {

constexpr std::string_view kKeyFileTag = "skillreg-identity-v1 ";
constexpr key_file::Label kLabel{"身份证号加密密钥", "Identity key"};
constexpr char kContext[crypto_kdf_CONTEXTBYTES + 1] = "skid-v1_";  // crypto_kdf's 8-byte context
constexpr std::uint64_t kIndexKeyId = 1, kSealKeyId = 2;
constexpr std::string_view kSealPrefix = "1.";
constexpr std::size_t kIndexBytes = 16;

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
unsigned char* bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

constexpr std::size_t kNoncesPerDraw = 256;

// The index is public (it is stored beside the sealed number), so it is written by table lookup.
std::string to_hex(const unsigned char* raw, std::size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(n * 2, '\0');
  for (std::size_t i = 0; i < n; ++i) {
    out[2 * i] = kDigits[raw[i] >> 4];
    out[2 * i + 1] = kDigits[raw[i] & 15];
  }
  return out;
}

void check(int ok) {
  if (ok != 1) throw std::runtime_error("OpenSSL's SHA-256 failed");
}

// Each thread's scratch context for computing an index.
EVP_MD_CTX* scratch() {
  thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx) throw std::runtime_error("OpenSSL could not allocate a digest context");
  return ctx.get();
}

}  // namespace

// HMAC-SHA-256 (RFC 2104) of the index key, with its inner and outer SHA-256 states computed
// once: each number then costs two SHA-256 blocks. OpenSSL's SHA-256 uses the processor's SHA
// instructions where it has them (~130 ns a number, libsodium's portable one ~320 ns: a tenth of
// a bulk batch's checking, issue 4), and the MAC is the same, so stored indexes still match.
struct IdentityVault::IndexHmac {
  EVP_MD_CTX* inner = EVP_MD_CTX_new();
  EVP_MD_CTX* outer = EVP_MD_CTX_new();

  explicit IndexHmac(std::string_view key) {  // key: 32 bytes, shorter than SHA-256's 64-byte block
    if (inner == nullptr || outer == nullptr) {
      free();
      throw std::runtime_error("OpenSSL could not allocate a digest context");
    }
    unsigned char pad[64];
    for (auto [ctx, byte] : {std::pair{inner, 0x36}, std::pair{outer, 0x5c}}) {
      std::memset(pad, byte, sizeof pad);
      for (std::size_t i = 0; i < key.size(); ++i) pad[i] ^= static_cast<unsigned char>(key[i]);
      check(EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr));
      check(EVP_DigestUpdate(ctx, pad, sizeof pad));
    }
    sodium_memzero(pad, sizeof pad);
  }
  IndexHmac(const IndexHmac&) = delete;
  IndexHmac& operator=(const IndexHmac&) = delete;
  ~IndexHmac() { free(); }
  void free() {
    EVP_MD_CTX_free(inner);  // clears the state before freeing it
    EVP_MD_CTX_free(outer);
  }

  void mac(std::string_view message, unsigned char out[32]) const {
    EVP_MD_CTX* ctx = scratch();
    unsigned char inner_hash[32];
    check(EVP_MD_CTX_copy_ex(ctx, inner));
    check(EVP_DigestUpdate(ctx, message.data(), message.size()));
    check(EVP_DigestFinal_ex(ctx, inner_hash, nullptr));
    check(EVP_MD_CTX_copy_ex(ctx, outer));
    check(EVP_DigestUpdate(ctx, inner_hash, sizeof inner_hash));
    check(EVP_DigestFinal_ex(ctx, out, nullptr));
  }
};

Result<IdentityVault> IdentityVault::load_or_create(const std::string& path) {
  auto key = key_file::load_or_create(path, kKeyFileTag, kLabel, [] {
    std::string k(crypto_kdf_KEYBYTES, '\0');
    crypto_kdf_keygen(bytes(k));
    return k;
  });
  if (!key) return std::unexpected(key.error());
  auto vault = from_master_key(*key);
  sodium_memzero(key->data(), key->size());
  if (!vault) return key_file::error(kLabel, path, "the key is not 32 bytes");
  return *vault;
}

std::optional<IdentityVault> IdentityVault::from_master_key(std::string_view key) {
  if (key.size() != crypto_kdf_KEYBYTES) return std::nullopt;
  IdentityVault v;
  std::string index_key(crypto_auth_hmacsha256_KEYBYTES, '\0');
  v.seal_key_.assign(crypto_secretbox_KEYBYTES, '\0');
  crypto_kdf_derive_from_key(bytes(index_key), index_key.size(), kIndexKeyId, kContext, bytes(key));
  crypto_kdf_derive_from_key(bytes(v.seal_key_), v.seal_key_.size(), kSealKeyId, kContext, bytes(key));
  v.index_hmac_ = std::make_shared<const IndexHmac>(index_key);
  sodium_memzero(index_key.data(), index_key.size());
  return v;
}

IdentityVault::~IdentityVault() { sodium_memzero(seal_key_.data(), seal_key_.size()); }

std::string IdentityVault::index(std::string_view identity_no) const {
  unsigned char mac[32];
  index_hmac_->mac(identity_no, mac);
  return to_hex(mac, kIndexBytes);
}

std::string IdentityVault::seal(std::string_view identity_no) const {
  unsigned char nonce[crypto_secretbox_NONCEBYTES];
  randombytes_buf(nonce, sizeof nonce);
  return seal_with(identity_no, std::string_view(reinterpret_cast<const char*>(nonce), sizeof nonce));
}

std::string IdentityVault::seal_with(std::string_view identity_no, std::string_view nonce) const {
  std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + identity_no.size(), '\0');
  std::memcpy(box.data(), nonce.data(), crypto_secretbox_NONCEBYTES);
  auto* n = bytes(box);
  crypto_secretbox_easy(n + crypto_secretbox_NONCEBYTES, bytes(identity_no), identity_no.size(), n, bytes(seal_key_));
  return std::string(kSealPrefix) + signing::base64url_encode_public(box);
}

std::string IdentityVault::Sealer::seal(std::string_view identity_no) {
  if (used_ == nonces_.size()) {
    nonces_.resize(kNoncesPerDraw * crypto_secretbox_NONCEBYTES);
    randombytes_buf(nonces_.data(), nonces_.size());
    used_ = 0;
  }
  const std::string_view nonce(nonces_.data() + used_, crypto_secretbox_NONCEBYTES);
  used_ += crypto_secretbox_NONCEBYTES;
  return vault_.seal_with(identity_no, nonce);
}

std::optional<std::string> IdentityVault::open(std::string_view sealed) const {
  if (!sealed.starts_with(kSealPrefix)) return std::nullopt;
  auto box = signing::base64url_decode_public(sealed.substr(kSealPrefix.size()));
  if (!box) return std::nullopt;
  return open_bytes(*box);
}

std::string IdentityVault::seal_bytes(std::string_view plain) const {
  std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
  auto* n = bytes(box);
  randombytes_buf(n, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(n + crypto_secretbox_NONCEBYTES, bytes(plain), plain.size(), n, bytes(seal_key_));
  return box;
}

std::optional<std::string> IdentityVault::open_bytes(std::string_view box) const {
  if (box.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return std::nullopt;
  const auto* nonce = bytes(box);
  const std::size_t cipher_len = box.size() - crypto_secretbox_NONCEBYTES;
  std::string plain(cipher_len - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(bytes(plain), nonce + crypto_secretbox_NONCEBYTES, cipher_len, nonce,
                                 bytes(seal_key_)) != 0)
    return std::nullopt;
  return plain;
}

std::string IdentityVault::key_check() const { return index("skillreg identity key check"); }

}  // namespace skillreg
