#include "app/config.hpp"

#include <cstdlib>
#include <thread>
#include <toml++/toml.h>

namespace skillreg {

Result<Config> load_config(const std::optional<std::string>& path) {
  Config c;
  if (path) {
    toml::table t;
    try {
      t = toml::parse_file(*path);
    } catch (const toml::parse_error& e) {
      return invalid({{"config", std::string(e.description())}});
    }
    c.listen = t["server"]["listen"].value_or(c.listen);
    c.io_threads = t["server"]["io_threads"].value_or(c.io_threads);
    c.worker_threads = t["server"]["worker_threads"].value_or(c.worker_threads);
    c.cookie_secure = t["server"]["cookie_secure"].value_or(c.cookie_secure);
    c.web_root = t["server"]["web_root"].value_or(c.web_root);
    c.database = t["database"]["url"].value_or(c.database);
    c.log_level = t["log"]["level"].value_or(c.log_level);
    c.accounts.session_ttl = t["accounts"]["session_hours"].value_or(c.accounts.session_ttl / 3600) * 3600;
    c.registry.publicity_working_days =
        t["registry"]["publicity_working_days"].value_or(c.registry.publicity_working_days);
    auto& a = c.activity;
    a.publish_days_before = t["activity"]["publish_days_before"].value_or(a.publish_days_before);
    a.results_publicity_days = t["activity"]["results_publicity_working_days"].value_or(a.results_publicity_days);
    a.certificate_report_days = t["activity"]["certificate_report_days"].value_or(a.certificate_report_days);
    a.pass_line = t["activity"]["pass_line"].value_or(a.pass_line);
    c.batches.open_days = t["batches"]["open_days"].value_or(c.batches.open_days);
    auto& e = c.enforcement;
    e.statement_working_days = t["enforcement"]["statement_working_days"].value_or(e.statement_working_days);
    e.review_working_days = t["enforcement"]["review_working_days"].value_or(e.review_working_days);
    e.rectification_working_days =
        t["enforcement"]["rectification_working_days"].value_or(e.rectification_working_days);
    c.signing_key_file = t["certificates"]["signing_key_file"].value_or(c.signing_key_file);
    c.identity_key_file = t["privacy"]["identity_key_file"].value_or(c.identity_key_file);
    if (auto* allow = t["webhooks"]["allow_private"].as_array())
      for (const auto& v : *allow)
        if (auto s = v.value<std::string>()) c.webhooks.allow_private.push_back(*s);
    c.webhooks.ca_file = t["webhooks"]["ca_file"].value_or(c.webhooks.ca_file);
    auto& th = c.accounts.throttle;
    th.slow_after = t["accounts"]["slow_after_failures"].value_or(th.slow_after);
    th.slow_base = t["accounts"]["slow_base_seconds"].value_or(th.slow_base);
    th.lock_after = t["accounts"]["lock_after_failures"].value_or(th.lock_after);
    th.lock_for = t["accounts"]["lock_minutes"].value_or(th.lock_for / 60) * 60;
    c.accounts.password_words_file = t["accounts"]["password_words"].value_or(c.accounts.password_words_file);
  }
  if (const char* v = std::getenv("SKILLREG_LISTEN"); v && *v) c.listen = v;
  if (const char* v = std::getenv("SKILLREG_DATABASE"); v && *v) c.database = v;
  if (const char* v = std::getenv("SKILLREG_WEB_ROOT"); v && *v) c.web_root = v;
  if (const char* v = std::getenv("SKILLREG_PUBLICITY_WORKING_DAYS"); v && *v)
    c.registry.publicity_working_days = std::atoi(v);
  if (const char* v = std::getenv("SKILLREG_RESULTS_PUBLICITY_DAYS"); v && *v)
    c.activity.results_publicity_days = std::atoi(v);
  if (const char* v = std::getenv("SKILLREG_BATCH_OPEN_DAYS"); v && *v) c.batches.open_days = std::atoi(v);
  if (const char* v = std::getenv("SKILLREG_STATEMENT_WORKING_DAYS"); v && *v)
    c.enforcement.statement_working_days = std::atoi(v);
  if (const char* v = std::getenv("SKILLREG_SIGNING_KEY_FILE"); v && *v) c.signing_key_file = v;
  if (const char* v = std::getenv("SKILLREG_IDENTITY_KEY_FILE"); v && *v) c.identity_key_file = v;
  // Comma-separated CIDRs, added to the file's list.
  if (const char* v = std::getenv("SKILLREG_WEBHOOK_ALLOW_PRIVATE"); v && *v) {
    std::string list = v;
    for (std::size_t at = 0; at <= list.size();) {
      const auto comma = std::min(list.find(',', at), list.size());
      if (comma > at) c.webhooks.allow_private.push_back(list.substr(at, comma - at));
      at = comma + 1;
    }
  }
  if (const char* v = std::getenv("SKILLREG_WEBHOOK_CA_FILE"); v && *v) c.webhooks.ca_file = v;
  for (const auto& cidr : c.webhooks.allow_private)
    if (!valid_cidr(cidr)) return invalid({{"webhooks.allow_private", "not_a_cidr: " + cidr}});
  if (c.batches.open_days < 1) return invalid({{"batches.open_days", "at_least_1"}});
  // S24: the institution is always heard and may always ask for a review; a notice always has a
  // deadline to meet.
  std::vector<FieldProblem> windows;
  if (c.enforcement.statement_working_days < 1) windows.push_back({"enforcement.statement_working_days", "at_least_1"});
  if (c.enforcement.review_working_days < 1) windows.push_back({"enforcement.review_working_days", "at_least_1"});
  if (c.enforcement.rectification_working_days < 1)
    windows.push_back({"enforcement.rectification_working_days", "at_least_1"});
  if (!windows.empty()) return invalid(windows);
  if (c.activity.results_publicity_days < 0) c.activity.results_publicity_days = 0;
  if (c.registry.publicity_working_days < 0) c.registry.publicity_working_days = 0;
  if (c.io_threads == 0) c.io_threads = std::max(1u, std::thread::hardware_concurrency());
  if (c.worker_threads == 0) c.worker_threads = 1;
  return c;
}

}  // namespace skillreg
