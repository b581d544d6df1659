#include "core/identity_vault.hpp"

#include <sodium.h>

#include <cstring>

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

// `keyed`: the state after crypto_auth_hmacsha256_init with the key (IdentityVault::index_state_).
std::string hmac_sha256(const std::string& keyed, std::string_view message) {
  std::string mac(crypto_auth_hmacsha256_BYTES, '\0');
  crypto_auth_hmacsha256_state st;
  std::memcpy(&st, keyed.data(), sizeof st);
  crypto_auth_hmacsha256_update(&st, bytes(message), message.size());
  crypto_auth_hmacsha256_final(&st, bytes(mac));
  sodium_memzero(&st, sizeof st);
  return mac;
}

std::string to_hex(std::string_view raw) {
  std::string out(raw.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes(raw), raw.size());
  out.pop_back();
  return out;
}

}  // namespace

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
  v.index_key_.assign(crypto_auth_hmacsha256_KEYBYTES, '\0');
  v.seal_key_.assign(crypto_secretbox_KEYBYTES, '\0');
  crypto_kdf_derive_from_key(bytes(v.index_key_), v.index_key_.size(), kIndexKeyId, kContext, bytes(key));
  crypto_kdf_derive_from_key(bytes(v.seal_key_), v.seal_key_.size(), kSealKeyId, kContext, bytes(key));
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, bytes(v.index_key_), v.index_key_.size());
  v.index_state_.assign(reinterpret_cast<const char*>(&st), sizeof st);
  sodium_memzero(&st, sizeof st);
  return v;
}

IdentityVault::~IdentityVault() {
  sodium_memzero(index_key_.data(), index_key_.size());
  sodium_memzero(seal_key_.data(), seal_key_.size());
  sodium_memzero(index_state_.data(), index_state_.size());
}

std::string IdentityVault::index(std::string_view identity_no) const {
  return to_hex(hmac_sha256(index_state_, identity_no).substr(0, kIndexBytes));
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
  return std::string(kSealPrefix) + signing::base64url_encode(box);
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
  auto box = signing::base64url_decode(sealed.substr(kSealPrefix.size()));
  if (!box || box->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return std::nullopt;
  const auto* nonce = bytes(*box);
  const std::size_t cipher_len = box->size() - crypto_secretbox_NONCEBYTES;
  std::string plain(cipher_len - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(bytes(plain), nonce + crypto_secretbox_NONCEBYTES, cipher_len, nonce,
                                 bytes(seal_key_)) != 0)
    return std::nullopt;
  return plain;
}

std::string IdentityVault::key_check() const { return index("skillreg identity key check"); }

}  // namespace skillreg
