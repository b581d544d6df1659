#pragma once
// Identity numbers at rest (S21(5) 泄露考生信息; issue 9 §6): every stored identity number is
// sealed with libsodium's secretbox (XSalsa20-Poly1305, a fresh random nonce each time) and found
// through a keyed blind index (HMAC-SHA-256), so the database alone — a backup, a replica, a
// query log — holds neither the numbers nor anything a dictionary of the 10^11 possible numbers
// could be matched against without the key.
//
// The key is a 32-byte master key in a key file outside the database (configuration
// `identity_key_file`, never in the repository); the sealing and index keys are derived from it
// with crypto_kdf, so neither use can stand in for the other. The database records a check value
// of the key on first use and refuses a different key afterwards (store/identity_columns.hpp).
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace skillreg {

class IdentityVault {
 public:
  // Reads the key file, or creates it with a fresh random key when it does not exist.
  static Result<IdentityVault> load_or_create(const std::string& path);
  // From a 32-byte master key (tests and tools that hold one already).
  static std::optional<IdentityVault> from_master_key(std::string_view key);

  IdentityVault(const IdentityVault&) = default;
  IdentityVault& operator=(const IdentityVault&) = default;
  IdentityVault(IdentityVault&&) = default;
  IdentityVault& operator=(IdentityVault&&) = default;
  ~IdentityVault();

  // The blind index: 32 lower-case hex characters, the same for the same number under the same
  // key, so equality can be tested in SQL (uniqueness, joins) without the number.
  std::string index(std::string_view identity_no) const;
  // "1." + base64url(nonce || secretbox): a different text each time for the same number.
  std::string seal(std::string_view identity_no) const;
  // seal() for many numbers in a row (a bulk batch): the nonces are drawn from the system's
  // random source many at a time, since each draw is a system call; each is still fresh and random.
  class Sealer {
   public:
    explicit Sealer(const IdentityVault& vault) : vault_(vault) {}
    Sealer(const Sealer&) = delete;
    Sealer& operator=(const Sealer&) = delete;
    std::string seal(std::string_view identity_no);

   private:
    const IdentityVault& vault_;
    std::string nonces_;  // drawn, the first used_ bytes given out (nonces are public)
    std::size_t used_ = 0;
  };
  // The number, or nothing when `sealed` was not made under this key or was altered.
  std::optional<std::string> open(std::string_view sealed) const;
  // The same seal as bytes, nonce || secretbox, for a large text stored where bytes can be (a
  // SQLite BLOB): no base64 to write and read back.
  std::string seal_bytes(std::string_view plain) const;
  std::optional<std::string> open_bytes(std::string_view sealed) const;
  // A value that names the key without revealing it, kept in the database to catch a wrong key.
  std::string key_check() const;

 private:
  IdentityVault() = default;
  std::string seal_with(std::string_view identity_no, std::string_view nonce) const;
  // The index key as HMAC-SHA-256's inner and outer states, computed once and shared by copies.
  struct IndexHmac;
  std::shared_ptr<const IndexHmac> index_hmac_;
  std::string seal_key_;
};

}  // namespace skillreg
