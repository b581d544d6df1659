// Identity numbers at rest (issue 9 §6, S21(5)): the blind index and the sealed form.
#include "core/identity_vault.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

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

}  // namespace
}  // namespace skillreg
