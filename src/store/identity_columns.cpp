#include "store/identity_columns.hpp"

#include <stdexcept>
#include <vector>

namespace skillreg {

namespace {

const IdentityVault& vault_of(const IdentityVault* vault) {
  if (!vault) throw std::runtime_error("the identity key is not configured");
  return *vault;
}
const IdentityVault& vault_of(const Tx& tx) { return vault_of(tx.identities); }

// The tables that hold identity numbers and the column that names a row.
struct IdentityTable {
  const char* table;
  const char* key;
};
constexpr IdentityTable kIdentityTables[] = {
    {"candidates", "id"}, {"certificates", "cert_no"}, {"people", "id"}, {"inspectors", "id"}};

// Rows still holding the number in their index column (written before migration 0014).
void seal_clear_rows(Tx& tx, const IdentityTable& t) {
  std::vector<std::pair<std::string, std::string>> clear;
  {
    std::string key, number;
    soci::statement st = (tx.sql.prepare << std::string("SELECT CAST(") + t.key + " AS TEXT), identity_index FROM " +
                                                t.table + " WHERE identity_sealed = '' AND identity_index <> ''",
                          soci::into(key), soci::into(number));
    st.execute();
    while (st.fetch()) clear.emplace_back(key, number);
  }
  for (const auto& [key, number] : clear) {
    const auto s = stored_identity(tx, number);
    tx.sql << std::string("UPDATE ") + t.table + " SET identity_index = :i, identity_sealed = :s WHERE CAST(" + t.key +
                  " AS TEXT) = :k",
        soci::use(s.index, "i"), soci::use(s.sealed, "s"), soci::use(key, "k");
  }
}

}  // namespace

StoredIdentity stored_identity(const Tx& tx, std::string_view identity_no) {
  if (identity_no.empty()) return {};
  const auto& v = vault_of(tx);
  return {v.index(identity_no), v.seal(identity_no)};
}

IdentitySealer::IdentitySealer(const IdentityVault* vault) {
  if (vault) sealer_.emplace(*vault);
}

StoredIdentity IdentitySealer::seal(std::string_view identity_no, std::string index) {
  if (identity_no.empty()) return {};
  if (!sealer_) vault_of(nullptr);  // throws, as stored_identity() does without the key
  return {std::move(index), sealer_->seal(identity_no)};
}

std::string identity_index(const IdentityVault* vault, std::string_view identity_no) {
  return identity_no.empty() ? std::string() : vault_of(vault).index(identity_no);
}

std::string opened_identity(const IdentityVault* vault, std::string_view sealed) {
  if (sealed.empty()) return {};
  auto plain = vault_of(vault).open(sealed);
  if (!plain) throw std::runtime_error("a sealed identity number does not open under the configured key");
  return *plain;
}

Status bind_identity_key(Database& db, Instant now) {
  return db.write([&](Tx& tx) -> Status {
    const std::string check = vault_of(tx).key_check();
    std::string recorded;
    soci::indicator ind = soci::i_null;
    tx.sql << "SELECT key_check FROM identity_key WHERE id = 1", soci::into(recorded, ind);
    if (!tx.sql.got_data() || ind == soci::i_null) {
      tx.sql << "INSERT INTO identity_key (id, key_check, created_at) VALUES (1, :c, :t)", soci::use(check, "c"),
          soci::use(now, "t");
    } else if (recorded != check) {
      return fail(ErrorKind::internal, "身份证号加密密钥与数据库不符：请使用加密这些数据时的密钥文件",
                  "The identity key does not match the database: use the key file the data was sealed with");
    }
    for (const auto& t : kIdentityTables) seal_clear_rows(tx, t);
    return {};
  });
}

}  // namespace skillreg
