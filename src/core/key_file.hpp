#pragma once
// Key files: one line "<tag><base64url of the secret bytes>", mode 0600, created once and never
// replaced. Used for the province's signing key (core/signing.hpp) and the identity key
// (core/identity_vault.hpp). Call crypto::init() first.
#include <functional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace skillreg::key_file {

// What the file holds, for its error messages, e.g. {"签名密钥", "Signing key"}.
struct Label {
  std::string_view zh, en;
};

std::unexpected<Error> error(Label label, const std::string& path, const std::string& what);

// Reads the secret bytes from `path`, or when it does not exist creates it (and its parent
// directories) from `fresh()`: written to a private temporary file and hard-linked into place,
// so the file appears complete or not at all and another process that made it first wins. A
// file that exists without `tag` or without a well-formed secret is an error and left untouched:
// replacing it would silently change the key.
Result<std::string> load_or_create(const std::string& path, std::string_view tag, Label label,
                                   const std::function<std::string()>& fresh);

}  // namespace skillreg::key_file
