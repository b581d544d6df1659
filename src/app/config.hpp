#pragma once
// Configuration: an optional TOML file, then environment overrides (SKILLREG_LISTEN,
// SKILLREG_DATABASE), then command-line flags. See docs/configuration.md.
#include <optional>
#include <string>

#include "app/batch_policy.hpp"
#include "app/context.hpp"
#include "app/webhook_policy.hpp"
#include "app/registry_service.hpp"
#include "core/error.hpp"
#include "domain/activity/activity_policy.hpp"
#include "domain/enforcement/due_process.hpp"

namespace skillreg {

struct Config {
  std::string listen = "127.0.0.1:8080";
  std::string database = "sqlite:var/skillreg.db";
  std::size_t io_threads = 0;  // 0: one per core
  std::size_t worker_threads = 4;
  bool cookie_secure = false;
  std::string web_root = "web/dist";
  std::string log_level = "info";
  AccountPolicy accounts;
  RegistryPolicy registry;
  ActivityPolicy activity;
  BatchPolicy batches;
  DueProcessPolicy enforcement;
  // The province's Ed25519 key that signs certificate QR codes; created on first start.
  std::string signing_key_file = "var/province-signing.key";
  // The key that seals identity numbers at rest (core/identity_vault.hpp); created on first
  // start. Keep it apart from the database and its backups: without it the numbers are lost.
  std::string identity_key_file = "var/identity.key";
  WebhookPolicy webhooks;
};

// Reads `path` if given (a missing file named explicitly is an error), then the environment.
Result<Config> load_config(const std::optional<std::string>& path);

}  // namespace skillreg
