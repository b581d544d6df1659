#include "store/identity_columns.hpp"

#include "core/validators.hpp"

#include <stdexcept>
#include <vector>

namespace skillreg {

namespace {

const IdentityVault& vault_of(const IdentityVault* vault) {
  if (!vault) throw std::runtime_error("the identity key is not configured");
  return *vault;
}
const IdentityVault& vault_of(const Tx& tx) { return vault_of(tx.identities); }

// The tables that hold identity numbers, the column that names a row, and that column's value
// as the UPDATE compares it: by the key's own type, so each row is found through its key's index.
struct IdentityTable {
  const char* table;
  const char* key;
  const char* key_param;
};
constexpr IdentityTable kIdentityTables[] = {{"candidates", "id", "CAST(:k AS BIGINT)"},
                                             {"certificates", "cert_no", ":k"},
                                             {"people", "id", "CAST(:k AS BIGINT)"},
                                             {"inspectors", "id", "CAST(:k AS BIGINT)"}};

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
  if (clear.empty()) return;
  StoredIdentity s;
  std::string key;
  soci::statement update = (tx.sql.prepare << std::string("UPDATE ") + t.table +
                                                  " SET identity_index = :i, identity_sealed = :s WHERE " + t.key +
                                                  " = " + t.key_param,
                            soci::use(s.index, "i"), soci::use(s.sealed, "s"), soci::use(key, "k"));
  for (auto& [k, number] : clear) {
    s = stored_identity(tx, number);
    key = std::move(k);
    update.execute(true);
  }
}

// Certificates written before migration 0018 have no masked number for the public check yet.
void mask_unmasked_certificates(Tx& tx) {
  std::vector<std::pair<std::string, std::string>> unmasked;
  {
    std::string cert_no, sealed;
    soci::statement st = (tx.sql.prepare << "SELECT cert_no, identity_sealed FROM certificates"
                                            " WHERE identity_masked = '' AND identity_sealed <> ''",
                          soci::into(cert_no), soci::into(sealed));
    st.execute();
    while (st.fetch()) unmasked.emplace_back(cert_no, sealed);
  }
  if (unmasked.empty()) return;
  std::string cert_no, masked;
  soci::statement update = (tx.sql.prepare << "UPDATE certificates SET identity_masked = :m WHERE cert_no = :k",
                            soci::use(masked, "m"), soci::use(cert_no, "k"));
  for (auto& [no, sealed] : unmasked) {
    masked = mask_identity_number(opened_identity(tx, sealed));
    cert_no = std::move(no);
    update.execute(true);
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

namespace {
constexpr std::string_view kSealedBytes("\0sealed1", 8);
}  // namespace

std::string sealed_text(const Tx& tx, std::string_view text) {
  const auto& vault = vault_of(tx.identities);
  if (tx.backend != Backend::sqlite) return vault.seal(text);
  return std::string(kSealedBytes) + vault.seal_bytes(text);
}

std::string opened_text(const IdentityVault* vault, std::string content) {
  std::optional<std::string> plain;
  if (content.starts_with(kSealedBytes)) plain = vault_of(vault).open_bytes(std::string_view(content).substr(kSealedBytes.size()));
  else if (content.starts_with("1.")) plain = vault_of(vault).open(content);
  else return content;  // stored before parts were sealed
  if (!plain) throw std::runtime_error("a sealed batch part does not open under the configured key");
  if (!plain) throw std::runtime_error("a sealed batch part does not open under the configured key");
  return std::move(*plain);
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
    mask_unmasked_certificates(tx);
    return {};
  });
}

}  // namespace skillreg
