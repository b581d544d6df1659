#pragma once
// The stored form of an identity number (core/identity_vault.hpp): `identity_index`, the blind
// index that SQL compares, and `identity_sealed`, the number sealed. Repositories write through
// stored_identity() and read through opened_identity(); the number itself never reaches SQL.
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/identity_vault.hpp"
#include "store/database.hpp"

namespace skillreg {

struct StoredIdentity {
  std::string index, sealed;  // both empty for an empty number (an inspector may have none)
};

// Throw (an internal error for the request) when the database was opened without the key, or
// when a sealed value does not open under it.
StoredIdentity stored_identity(const Tx& tx, std::string_view identity_no);

// stored_identity() for many numbers in a row (a bulk batch), with the nonces drawn in bulk
// (IdentityVault::Sealer); `index` is the number's identity_index(), which the caller has already
// computed to match the number against the plan.
class IdentitySealer {
 public:
  explicit IdentitySealer(const IdentityVault* vault);
  StoredIdentity seal(std::string_view identity_no, std::string index);

 private:
  std::optional<IdentityVault::Sealer> sealer_;
};
std::string identity_index(const IdentityVault* vault, std::string_view identity_no);
inline std::string identity_index(const Tx& tx, std::string_view identity_no) {
  return identity_index(tx.identities, identity_no);
}
std::string opened_identity(const IdentityVault* vault, std::string_view sealed);
inline std::string opened_identity(const Tx& tx, std::string_view sealed) {
  return opened_identity(tx.identities, sealed);
}

// A whole text that holds identity numbers in the clear (a batch part until its rows are
// applied), sealed under the same key as a number: on SQLite as bytes, kSealedBytes followed by
// nonce || secretbox (stored as a BLOB); on PostgreSQL, whose column is text, as a number is
// ("1." + base64url). opened_text() gives back a text stored before parts were sealed
// (migration 0019) as it is: a CSV or JSON part begins with neither.
std::string sealed_text(const Tx& tx, std::string_view text);
std::string opened_text(const IdentityVault* vault, std::string content);
inline std::string opened_text(const Tx& tx, std::string content) { return opened_text(tx.identities, std::move(content)); }

// At start-up, after the migrations: records the key's check value on first use and refuses a
// different key afterwards (sealed rows would no longer open, and new rows would not match old
// ones), then seals the numbers of rows written before migration 0014.
Status bind_identity_key(Database& db, Instant now);

}  // namespace skillreg
