#include "core/signing.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.hpp"

namespace skillreg::signing {

namespace {

constexpr std::string_view kKeyFileTag = "skillreg-ed25519-v1 ";

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

unsigned char* bytes(std::string& s) {
  return reinterpret_cast<unsigned char*>(s.data());
}

std::unexpected<Error> key_file_error(const std::string& path, const std::string& what) {
  return fail(ErrorKind::internal, "签名密钥文件不可用：" + path + "（" + what + "）",
              "Signing key file unusable: " + path + " (" + what + ")");
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

Result<KeyPair> read_key_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return key_file_error(path, "cannot be read");
  std::ostringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();
  if (text.ends_with('\n')) text.pop_back();
  if (!text.starts_with(kKeyFileTag)) return key_file_error(path, "not a skillreg-ed25519-v1 key");
  const auto secret = base64url_decode(std::string_view(text).substr(kKeyFileTag.size()));
  if (!secret) return key_file_error(path, "key is not base64url");
  auto pair = key_pair_from_secret(*secret);
  if (!pair) return key_file_error(path, "not a consistent Ed25519 secret key");
  return *pair;
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Writes a fresh key to a private temporary file, then hard-links it into place: the key file
// appears complete or not at all, and link() never replaces a file another process made first.
Result<KeyPair> create_key_file(const std::string& path) {
  const std::filesystem::path target(path);
  std::error_code ec;
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), ec);
  if (ec) return key_file_error(path, "cannot create its directory: " + ec.message());

  const KeyPair pair = generate();
  const std::string line = std::string(kKeyFileTag) + base64url_encode(pair.secret_key) + "\n";
  const std::string tmp = path + ".tmp-" + crypto::random_hex(8);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return key_file_error(path, std::string("cannot be created: ") + std::strerror(errno));
  const bool written = ::fchmod(fd, 0600) == 0 && write_all(fd, line) && ::fsync(fd) == 0;
  const bool closed = ::close(fd) == 0;
  if (!written || !closed) {
    ::unlink(tmp.c_str());
    return key_file_error(path, "cannot be written");
  }
  const int linked = ::link(tmp.c_str(), path.c_str());
  const int link_errno = errno;
  ::unlink(tmp.c_str());
  if (linked == 0) return pair;
  if (link_errno == EEXIST) return read_key_file(path);  // another process won the race
  return key_file_error(path, std::string("cannot be created: ") + std::strerror(link_errno));
}

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
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) return read_key_file(path);
  if (errno != ENOENT) return key_file_error(path, std::strerror(errno));
  return create_key_file(path);
}

}  // namespace skillreg::signing
