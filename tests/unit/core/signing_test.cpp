// Ed25519 signing, base64url and the province key file (core/signing).
#include "core/signing.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.hpp"

namespace skillreg::signing {
namespace {

class Signing : public ::testing::Test {
 protected:
  void SetUp() override { crypto::init(); }
};

TEST_F(Signing, ASignatureVerifiesWithItsKey) {
  const KeyPair key = generate();
  EXPECT_EQ(key.public_key.size(), 32u);
  EXPECT_EQ(key.secret_key.size(), 64u);
  const std::string sig = sign("证书 message", key.secret_key);
  EXPECT_EQ(sig.size(), 64u);
  EXPECT_TRUE(verify("证书 message", sig, key.public_key));
}

TEST_F(Signing, ATamperedMessageFails) {
  const KeyPair key = generate();
  const std::string sig = sign("level=3", key.secret_key);
  EXPECT_FALSE(verify("level=1", sig, key.public_key));
}

TEST_F(Signing, ATamperedSignatureFails) {
  const KeyPair key = generate();
  std::string sig = sign("level=3", key.secret_key);
  sig[10] = static_cast<char>(sig[10] ^ 0x01);
  EXPECT_FALSE(verify("level=3", sig, key.public_key));
  EXPECT_FALSE(verify("level=3", sig.substr(0, 63), key.public_key));
  EXPECT_FALSE(verify("level=3", "", key.public_key));
}

TEST_F(Signing, AnotherKeyFails) {
  const KeyPair key = generate();
  const KeyPair other = generate();
  const std::string sig = sign("level=3", key.secret_key);
  EXPECT_FALSE(verify("level=3", sig, other.public_key));
  EXPECT_FALSE(verify("level=3", sig, key.public_key.substr(0, 31)));
}

TEST_F(Signing, KeyIdIsSixteenHexOfTheSha256OfThePublicKey) {
  const KeyPair key = generate();
  const std::string id = key_id(key.public_key);
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(id, crypto::sha256_hex(key.public_key).substr(0, 16));
  EXPECT_NE(id, key_id(generate().public_key));
}

TEST_F(Signing, Base64UrlMatchesRfc4648WithoutPadding) {
  // RFC 4648 section 10 test vectors, padding removed.
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");  // the two URL-safe letters
}

TEST_F(Signing, Base64UrlRoundTripsEveryByte) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (std::size_t n = 0; n <= all.size(); n += 37) {
    const std::string bytes = all.substr(0, n);
    EXPECT_EQ(base64url_decode(base64url_encode(bytes)), bytes) << n;
  }
}

TEST_F(Signing, Issue4_ThePublicEncoderWritesTheSameTextAsTheConstantTimeOne) {
  EXPECT_EQ(base64url_encode_public("\xfb\xff"), "-_8");
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(255 - i);
  for (std::size_t n = 0; n <= 70; ++n)  // every remainder of 3, around the 58 bytes of a seal
    for (std::size_t from : {std::size_t(0), std::size_t(100), std::size_t(186)}) {
      const std::string bytes = all.substr(from, n);
      EXPECT_EQ(base64url_encode_public(bytes), base64url_encode(bytes)) << n << " from " << from;
    }
}

TEST_F(Signing, Issue4_ThePublicDecoderReadsWhatBothEncodersWrite) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(255 - i);
  for (std::size_t n = 0; n <= 70; ++n)
    for (std::size_t from : {std::size_t(0), std::size_t(100), std::size_t(186)}) {
      const std::string bytes = all.substr(from, n);
      EXPECT_EQ(base64url_decode_public(base64url_encode(bytes)), bytes) << n << " from " << from;
    }
}

TEST_F(Signing, Base64UrlRefusesAnythingButItsOwnAlphabet) {
  // Both decoders accept exactly the same texts.
  using Decoder = std::optional<std::string> (*)(std::string_view);
  for (const Decoder decode : {Decoder(&base64url_decode), Decoder(&base64url_decode_public)}) {
    EXPECT_FALSE(decode("Zm8="));    // padding
    EXPECT_FALSE(decode("+/8"));     // standard base64 letters
    EXPECT_FALSE(decode("Zm 9v"));   // whitespace
    EXPECT_FALSE(decode("Zm9v\n"));  // trailing newline
    EXPECT_FALSE(decode("Z"));       // no byte has one character
    EXPECT_FALSE(decode("Zh"));      // non-zero trailing bits ("Zg" is canonical)
    EXPECT_FALSE(decode("Zm9"));     // the same in three characters ("Zm8" is canonical)
    EXPECT_FALSE(decode("Zm9v.Zm9v"));
    EXPECT_FALSE(decode(std::string_view("Zm\0v", 4)));
    EXPECT_EQ(decode(""), std::string());
    EXPECT_EQ(decode("Zm9vYg"), "foob");
  }
}

class KeyFile : public Signing {
 protected:
  void SetUp() override {
    Signing::SetUp();
    dir_ = std::filesystem::path("/tmp") / ("skillreg-keyfile-test-" + crypto::random_hex(8));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string path() const { return (dir_ / "keys" / "province.key").string(); }

  void write(const std::string& content) const {
    std::filesystem::create_directories(dir_ / "keys");
    std::ofstream(path(), std::ios::binary) << content;
  }

  std::string read() const {
    std::ifstream in(path(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

  std::filesystem::path dir_;
};

TEST_F(KeyFile, IsCreatedWithItsDirectoryAndMode0600) {
  const auto key = load_or_create_key_file(path());
  ASSERT_TRUE(key.has_value()) << key.error().message_en;
  struct stat st {};
  ASSERT_EQ(::stat(path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(read(), "skillreg-ed25519-v1 " + base64url_encode(key->secret_key) + "\n");
  EXPECT_TRUE(verify("x", sign("x", key->secret_key), key->public_key));
  // Only the key file is left behind, no temporary file.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_ / "keys"),
                          std::filesystem::directory_iterator()),
            1);
}

TEST_F(KeyFile, ReloadingGivesTheSameKey) {
  const auto first = load_or_create_key_file(path());
  const auto second = load_or_create_key_file(path());
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->public_key, second->public_key);
  EXPECT_EQ(first->secret_key, second->secret_key);
}

TEST_F(KeyFile, ThePublicKeyIsDerivedFromTheSecretKey) {
  const KeyPair key = generate();
  write("skillreg-ed25519-v1 " + base64url_encode(key.secret_key));  // no newline is fine too
  const auto loaded = load_or_create_key_file(path());
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message_en;
  EXPECT_EQ(loaded->public_key, key.public_key);
}

TEST_F(KeyFile, AMalformedFileIsAnErrorAndIsLeftAlone) {
  const KeyPair key = generate();
  std::string inconsistent = key.secret_key;  // public half not derived from the seed
  inconsistent[40] = static_cast<char>(inconsistent[40] ^ 0x01);
  const std::string good = base64url_encode(key.secret_key);
  for (const std::string& content : {
           std::string(""),
           "skillreg-ed25519-v2 " + good + "\n",
           "skillreg-ed25519-v1  " + good + "\n",
           "skillreg-ed25519-v1 " + good + "\n\n",
           "skillreg-ed25519-v1 " + good + "=\n",
           "skillreg-ed25519-v1 " + base64url_encode(key.secret_key.substr(0, 32)) + "\n",
           "skillreg-ed25519-v1 " + base64url_encode(inconsistent) + "\n",
       }) {
    write(content);
    const auto loaded = load_or_create_key_file(path());
    EXPECT_FALSE(loaded.has_value()) << content;
    if (!loaded) {
      EXPECT_EQ(loaded.error().kind, ErrorKind::internal);
    }
    EXPECT_EQ(read(), content);
  }
}

}  // namespace
}  // namespace skillreg::signing
