// Identity numbers at rest (issue 9 §6, S21(5)): the blind index and the sealed form.
#include "core/identity_vault.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include <sodium.h>

#include "core/crypto.hpp"

namespace skillreg {
namespace {

constexpr const char* kNumber = "33010219900307123X";

class IdentityVaultTest : public ::testing::Test {
 protected:
  void SetUp() override { crypto::init(); }
  static IdentityVault vault(char fill) { return *IdentityVault::from_master_key(std::string(32, fill)); }
};

TEST_F(IdentityVaultTest, S21_5_TheIndexIsStableUnderOneKeyAndDiffersUnderAnother) {
  const auto a = vault('a'), b = vault('b');
  EXPECT_EQ(a.index(kNumber), a.index(kNumber));
  EXPECT_EQ(a.index(kNumber).size(), 32u);
  EXPECT_NE(a.index(kNumber), a.index("330102199003071231"));
  EXPECT_NE(a.index(kNumber), b.index(kNumber)) << "a keyed index: the database alone cannot be matched";
  EXPECT_EQ(a.index(kNumber).find("1990"), std::string::npos);
}

TEST_F(IdentityVaultTest, S21_5_ASealedNumberOpensOnlyUnderItsKeyAndUnaltered) {
  const auto a = vault('a'), b = vault('b');
  const auto sealed = a.seal(kNumber);
  EXPECT_NE(sealed, a.seal(kNumber)) << "a fresh nonce each time";
  EXPECT_EQ(sealed.find("330102"), std::string::npos);
  EXPECT_EQ(a.open(sealed), std::optional<std::string>(kNumber));
  EXPECT_EQ(b.open(sealed), std::nullopt);
  std::string altered = sealed;
  altered[altered.size() / 2] = altered[altered.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_EQ(a.open(altered), std::nullopt);
  EXPECT_EQ(a.open("2." + sealed.substr(2)), std::nullopt);
  EXPECT_EQ(a.open(""), std::nullopt);
  EXPECT_EQ(a.open("1.AAAA"), std::nullopt);
}

TEST_F(IdentityVaultTest, TheKeyCheckNamesTheKey) {
  EXPECT_EQ(vault('a').key_check(), vault('a').key_check());
  EXPECT_NE(vault('a').key_check(), vault('b').key_check());
  EXPECT_FALSE(IdentityVault::from_master_key(std::string(31, 'a')));
}

TEST_F(IdentityVaultTest, TheKeyFileIsCreatedPrivateOnceAndThenKept) {
  const auto dir = std::filesystem::temp_directory_path() / ("skillreg-vault-" + crypto::random_hex(6));
  const auto file = (dir / "keys" / "identity.key").string();
  auto first = IdentityVault::load_or_create(file);
  ASSERT_TRUE(first) << first.error().message_en;
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto again = IdentityVault::load_or_create(file);
  ASSERT_TRUE(again);
  EXPECT_EQ(first->key_check(), again->key_check());
  EXPECT_EQ(again->open(first->seal(kNumber)), std::optional<std::string>(kNumber));
  std::ofstream(file, std::ios::trunc) << "skillreg-ed25519-v1 AAAA\n";
  EXPECT_FALSE(IdentityVault::load_or_create(file)) << "a file of another kind is refused, not replaced";
  std::filesystem::remove_all(dir);
}

TEST_F(IdentityVaultTest, S21_5_TheIndexIsTheKeyedHmacSoStoredRowsStillMatch) {
  // The index keeps its keyed state between numbers; it must stay the plain HMAC-SHA-256 under
  // the derived index key, or every stored row would stop matching.
  const std::string master(32, 'a');
  unsigned char key[crypto_auth_hmacsha256_KEYBYTES];
  crypto_kdf_derive_from_key(key, sizeof key, 1, "skid-v1_", reinterpret_cast<const unsigned char*>(master.data()));
  // libsodium's HMAC, which computed every index stored before issue 4 moved it to OpenSSL.
  const auto libsodium_index = [&](std::string_view message) {
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, key, sizeof key);
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(message.data()), message.size());
    crypto_auth_hmacsha256_final(&st, mac);
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, mac, 16);
    return std::string(hex);
  };
  const auto v = vault('a');
  EXPECT_EQ(v.index(kNumber), libsodium_index(kNumber));
  EXPECT_EQ(v.index("330102199003071231"), v.index("330102199003071231"));
  EXPECT_EQ(v.index(kNumber), libsodium_index(kNumber)) << "unchanged by the numbers indexed in between";
  // Lengths around SHA-256's 55- and 64-byte block edges, and the key check's text.
  for (const std::string& m : {std::string(), std::string("11010519491231002X"), std::string(55, '7'),
                              std::string(56, '7'), std::string(64, 'x'), std::string(119, 'y'),
                              std::string("skillreg identity key check")})
    EXPECT_EQ(v.index(m), libsodium_index(m)) << m.size();
  // A copy shares the keyed states and gives the same index, also on another thread.
  const IdentityVault copy = v;
  std::string on_thread;
  std::thread([&] { on_thread = copy.index(kNumber); }).join();
  EXPECT_EQ(on_thread, libsodium_index(kNumber));
}

TEST_F(IdentityVaultTest, S21_5_ABulkSealerSealsLikeSealWithAFreshNonceEachTime) {
  const auto v = vault('a');
  IdentityVault::Sealer sealer(v);
  std::set<std::string> nonces;
  for (int i = 0; i < 600; ++i) {  // more than one draw of nonces
    const auto sealed = sealer.seal(kNumber);
    ASSERT_EQ(v.open(sealed), std::optional<std::string>(kNumber));
    ASSERT_EQ(sealed.size(), v.seal(kNumber).size());
    nonces.insert(sealed.substr(0, 34));  // "1." and the nonce's 32 base64url characters
  }
  EXPECT_EQ(nonces.size(), 600u);
}

}  // namespace
}  // namespace skillreg
