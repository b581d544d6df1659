#include "core/key_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.hpp"
#include "core/signing.hpp"

namespace skillreg::key_file {

namespace {

Result<std::string> read(const std::string& path, std::string_view tag, Label label) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return error(label, path, "cannot be read");
  std::ostringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();
  if (text.ends_with('\n')) text.pop_back();
  if (!text.starts_with(tag)) return error(label, path, "not a " + std::string(tag.substr(0, tag.size() - 1)) + " key");
  auto secret = signing::base64url_decode(std::string_view(text).substr(tag.size()));
  if (!secret) return error(label, path, "key is not base64url");
  return *secret;
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

Result<std::string> create(const std::string& path, std::string_view tag, Label label,
                           const std::function<std::string()>& fresh) {
  const std::filesystem::path target(path);
  std::error_code ec;
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), ec);
  if (ec) return error(label, path, "cannot create its directory: " + ec.message());

  const std::string secret = fresh();
  const std::string line = std::string(tag) + signing::base64url_encode(secret) + "\n";
  const std::string tmp = path + ".tmp-" + crypto::random_hex(8);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return error(label, path, std::string("cannot be created: ") + std::strerror(errno));
  const bool written = ::fchmod(fd, 0600) == 0 && write_all(fd, line) && ::fsync(fd) == 0;
  const bool closed = ::close(fd) == 0;
  if (!written || !closed) {
    ::unlink(tmp.c_str());
    return error(label, path, "cannot be written");
  }
  const int linked = ::link(tmp.c_str(), path.c_str());
  const int link_errno = errno;
  ::unlink(tmp.c_str());
  if (linked == 0) return secret;
  if (link_errno == EEXIST) return read(path, tag, label);  // another process won the race
  return error(label, path, std::string("cannot be created: ") + std::strerror(link_errno));
}

}  // namespace

std::unexpected<Error> error(Label label, const std::string& path, const std::string& what) {
  return fail(ErrorKind::internal, std::string(label.zh) + "文件不可用：" + path + "（" + what + "）",
              std::string(label.en) + " file unusable: " + path + " (" + what + ")");
}

Result<std::string> load_or_create(const std::string& path, std::string_view tag, Label label,
                                   const std::function<std::string()>& fresh) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) return read(path, tag, label);
  if (errno != ENOENT) return error(label, path, std::strerror(errno));
  return create(path, tag, label, fresh);
}

}  // namespace skillreg::key_file
