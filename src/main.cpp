// skillreg — 技能人才评价监管系统 (the provincial skill-evaluation supervision system).
//   skillreg serve | init | demo | audit verify
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/audit_service.hpp"
#include "app/bootstrap.hpp"
#include "app/config.hpp"
#include "app/demo_registry.hpp"
#include "app/demo_activity.hpp"
#include "app/demo_enforcement.hpp"
#include "app/demo_supervision.hpp"
#include "app/demo_synthetic.hpp"
#include "app/monitoring_accuracy.hpp"
#include "app/monitoring_service.hpp"
#include "app/supervision_service.hpp"
#include "core/identity_vault.hpp"
#include "core/signing.hpp"
#include "core/crypto.hpp"
#include "http/server.hpp"
#include "jobs/daily.hpp"
#include "jobs/webhook_sender.hpp"
#include "store/backup.hpp"
#include "store/database.hpp"
#include "store/supervision_repo.hpp"

using namespace skillreg;

namespace {

// A SQLite file's folder is created if missing, so `make run` works on a fresh checkout.
void ensure_sqlite_folder(const std::string& url) {
  if (!url.starts_with("sqlite:")) return;
  const std::filesystem::path p(url.substr(7));
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
}

// The database with the identity key it seals identity numbers with (issue 9 §6).
std::unique_ptr<Database> open_database(const Config& c, std::size_t pool) {
  ensure_sqlite_folder(c.database);
  auto vault = IdentityVault::load_or_create(c.identity_key_file);
  if (!vault) throw std::runtime_error(vault.error().message_en);
  auto db = Database::open(c.database, pool);
  db->set_identities(std::make_shared<const IdentityVault>(std::move(*vault)));
  return db;
}

int run_serve(const Config& cfg) {
  // Stop signals are taken by http::serve's sigwait alone: block them before any thread starts
  // (the scheduler, the pools), since every thread inherits the mask of its creator.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  auto listen = http::parse_listen(cfg.listen);
  if (!listen) {
    std::cerr << "bad listen address: " << cfg.listen << "\n";
    return 2;
  }
  auto db = open_database(cfg, cfg.io_threads + cfg.worker_threads + 1);
  Instant offset = 0;
  if (const char* v = std::getenv("SKILLREG_CLOCK_OFFSET_DAYS"); v && *v) {
    offset = Instant(std::atoi(v)) * 86400;
    std::cerr << "warning: the clock runs " << std::atoi(v) << " days off real time (SKILLREG_CLOCK_OFFSET_DAYS)\n";
  }
  OffsetClock clock(offset);
  prepare_database(*db, clock);
  auto ctx = make_context(*db, clock, cfg.accounts);
  ctx->webhooks = cfg.webhooks;
  // The province's certificate signing key: created on first start, never replaced silently.
  auto key = signing::load_or_create_key_file(cfg.signing_key_file);
  if (!key) {
    std::cerr << "cannot use the signing key " << cfg.signing_key_file << ": " << key.error().message_en << "\n";
    return 2;
  }
  http::Services services(*ctx, cfg.registry, cfg.activity, *key, cfg.batches, cfg.enforcement);
  services.batches.recover();
  services.monitoring.start_worker();
  DailyScheduler daily(*ctx, services.registry,
                       {&services.monitoring, &services.supervision, &services.enforcement, &services.notifications});
  WebhookSender webhooks(*ctx);
  http::ServerConfig sc;
  sc.address = listen->first;
  sc.port = listen->second;
  sc.io_threads = cfg.io_threads;
  sc.worker_threads = cfg.worker_threads;
  sc.options.cookie_secure = cfg.cookie_secure;
  sc.web_root = cfg.web_root;
  http::serve(services, sc);
  // The background workers stop when their owners go out of scope below; a long query one of
  // them is in (a big plan re-scored) is cut short rather than waited for.
  db->interrupt_long_statements();
  return 0;
}

int run_init(const Config& cfg, const std::string& admin) {
  const char* pw = std::getenv("SKILLREG_ADMIN_PASSWORD");
  std::string password = pw ? pw : "";
  if (password.empty()) {
    std::cerr << "Password for " << admin << " (at least 12 characters): ";
    std::getline(std::cin, password);
  }
  auto db = open_database(cfg, 1);
  SystemClock clock;
  prepare_database(*db, clock);
  if (auto r = create_first_admin(*db, clock, admin, password, *load_common_words(cfg.accounts.password_words_file)); !r) {
    std::cerr << "cannot create " << admin << ": " << r.error().message_en;
    for (const auto& d : r.error().details) std::cerr << " (" << d.field << ": " << d.problem << ")";
    std::cerr << "\n";
    return 1;
  }
  std::cout << "database ready; province administrator '" << admin << "' created\n";
  return 0;
}

// S14(1): every plan scored, the sampling queue drawn and the stars rated, with progress.
int run_monitor(AppContext& ctx, const Config& cfg) {
  MonitoringService monitoring(ctx, cfg.activity);
  auto r = monitoring.recompute_all(std::nullopt);
  if (!r) {
    std::cerr << "monitoring: " << r.error().message_en << "\n";
    return 1;
  }
  std::cout << "monitoring: " << r->total << " plans scored with policy version " << r->policy_version << ", "
            << r->sampled << " entered key sampling (run " << r->id << ", seed " << r->seed << ")\n";
  return 0;
}

// The detectors against a synthetic province's ground truth (docs/monitoring.md).
int run_accuracy(AppContext& ctx, bool as_json) {
  auto r = measure_detection(ctx);
  if (!r) {
    std::cerr << "accuracy: " << r.error().message_en << "\n";
    return 1;
  }
  nlohmann::json out = nlohmann::json::array();
  if (!as_json) std::cout << "kind                     indicator                unit         injected detected found precision recall\n";
  for (const auto& a : *r) {
    out.push_back({{"kind", a.kind}, {"indicator", a.indicator}, {"unit", a.unit}, {"injected", a.injected},
                   {"detected", a.detected}, {"found", a.found}, {"precision", a.precision()}, {"recall", a.recall()}});
    if (!as_json)
      std::cout << fmt::format("{:<24} {:<24} {:<12} {:>8} {:>8} {:>5} {:>9.3f} {:>6.3f}\n", a.kind, a.indicator,
                               a.unit, a.injected, a.detected, a.found, a.precision(), a.recall());
  }
  if (as_json) std::cout << out.dump() << "\n";
  return 0;
}

int run_monitor_command(const Config& cfg, bool all, bool accuracy, bool as_json) {
  auto db = open_database(cfg, 2);
  SystemClock clock;
  prepare_database(*db, clock);
  auto ctx = make_context(*db, clock, cfg.accounts);
  ctx->webhooks = cfg.webhooks;
  if (all)
    if (int rc = run_monitor(*ctx, cfg); rc != 0) return rc;
  if (accuracy) return run_accuracy(*ctx, as_json);
  return 0;
}

int run_demo(const Config& cfg, bool accounts_only, std::int64_t scale, std::uint64_t seed) {
  auto db = open_database(cfg, 1);
  SystemClock clock;
  prepare_database(*db, clock);
  const int n = load_demo(*db, clock, cfg.accounts.password_cost);
  auto ctx = make_context(*db, clock, cfg.accounts);
  ctx->webhooks = cfg.webhooks;
  const int institutions = accounts_only ? 0 : load_demo_registry(*ctx, cfg.accounts.password_cost);
  std::cout << "demo province ready (" << n << " new demo accounts, " << institutions
            << " new institutions)\n";
  if (scale > 0 && !accounts_only) {
    auto r = load_synthetic_province(*ctx, {scale, seed}, cfg.activity);
    if (!r) {
      std::cerr << "synthetic province: " << r.error().message_en << "\n";
      return 1;
    }
    std::cout << "synthetic province (seed " << seed << "): " << r->institutions << " institutions, " << r->plans
              << " plans, " << r->candidates << " candidates, " << r->certificates << " certificates, "
              << r->people << " examiners and supervisors\n  injected irregularities:";
    for (const auto& [kind, count] : r->injected) std::cout << " " << kind << "=" << count;
    std::cout << "\n";
    if (auto own = load_demo_activity(*ctx, cfg.activity))
      std::cout << "demo institution (inst): " << own->plans << " plans; try the certificate check with "
                << own->cert_no << " / " << own->holder << "\n";
  }
  if (!accounts_only) {
    const int inspections = load_demo_supervision(*ctx);
    if (inspections > 0) std::cout << "demo supervision: " << inspections << " inspections, draws and complaints\n";
    const int cases = load_demo_enforcement(*ctx, cfg.activity);
    if (cases > 0) std::cout << "demo enforcement: " << cases << " cases\n";
    return run_monitor(*ctx, cfg);
  }
  return 0;
}

int run_daily(const Config& cfg, const std::string& as_of_text, bool force) {
  auto db = open_database(cfg, 2);
  SystemClock clock;
  prepare_database(*db, clock);
  auto ctx = make_context(*db, clock, cfg.accounts);
  ctx->webhooks = cfg.webhooks;
  RegistryService registry(*ctx, cfg.registry);
  const auto as_of = as_of_text.empty() ? local_date(clock.now()) : Date::parse(as_of_text);
  if (!as_of) {
    std::cerr << "--as-of must be a date YYYY-MM-DD\n";
    return 2;
  }
  MonitoringService monitoring(*ctx, cfg.activity);
  SupervisionService supervision(*ctx);
  EnforcementService enforcement(*ctx, cfg.enforcement);
  NotificationService notifications(*ctx, cfg.activity);
  auto r = run_daily_jobs(*ctx, registry, *as_of, force, {&monitoring, &supervision, &enforcement, &notifications});
  if (!r) {
    std::cerr << "daily jobs failed: " << r.error().message_en << "\n";
    return 1;
  }
  if (!r->ran) std::cout << "daily jobs for " << as_of->to_string() << " had already run\n";
  else std::cout << "daily jobs for " << as_of->to_string() << ": " << r->expired << " institutions expired, "
                 << r->scored << " plans scored, " << r->published_draws << " draws published, " << r->opened_cases
                 << " cases opened, " << r->reminders << " reminders\n";
  for (int y : r->uncovered_years)
    std::cout << "warning: deadlines reach " << y << ", which the holiday calendar does not cover\n";
  return 0;
}

// M27: re-runs a draw from its seed and snapshot — from the database, or from the public JSON of
// GET /api/v1/public/draws/{id} saved to a file (what anyone outside can do; docs/draw.md).
int run_draw_verify(const Config& cfg, std::int64_t id, const std::string& file) {
  std::string seed, commitment, snapshot, snapshot_sha256, result;
  if (!file.empty()) {
    std::ifstream in(file);
    const auto j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("snapshot") || !j.value("seed", nlohmann::json()).is_string() ||
        !j.contains("result") || j["result"].is_null()) {
      std::cerr << "draw verify: " << file << " is not a published draw (GET /api/v1/public/draws/{id})\n";
      return 2;
    }
    seed = j["seed"];
    commitment = j.value("commitment", "");
    snapshot = canonical_text(j["snapshot"]);
    snapshot_sha256 = j.value("snapshot_sha256", "");
    result = canonical_text(j["result"]);
  } else {
    auto db = open_database(cfg, 1);
    auto d = db->read([&](Tx& tx) -> Result<Draw> {
      auto found = SupervisionRepo(tx).draw(id);
      if (!found) return not_found("draw");
      return *found;
    });
    if (!d || !d->result_json) {
      std::cerr << "draw verify: no draw " << id << " has been made\n";
      return 2;
    }
    seed = d->seed;
    commitment = d->commitment;
    snapshot = d->snapshot_json;
    snapshot_sha256 = d->snapshot_sha256;
    result = *d->result_json;
  }
  const auto v = verify_draw(seed, commitment, snapshot, snapshot_sha256, result);
  std::cout << "commitment " << (v.commitment_matches ? "matches" : "DOES NOT MATCH") << "\n"
            << "snapshot   " << (v.snapshot_matches ? "matches" : "DOES NOT MATCH") << "\n"
            << "result     " << (v.result_matches ? "matches" : "DOES NOT MATCH") << "\n"
            << (v.verified() ? "draw verified\n" : "draw NOT verified\n");
  return v.verified() ? 0 : 1;
}

// Issue 9 §8: a consistent copy while the server runs; a restore with the server stopped.
int run_backup(const Config& cfg, const std::string& to) {
  if (auto ok = backup_database(cfg.database, to); !ok) {
    std::cerr << ok.error().message_en << "\n";
    return 1;
  }
  std::cout << "backed up to " << to << "\n";
  return 0;
}

int run_restore(const Config& cfg, const std::string& from, bool yes) {
  if (!yes) {
    std::cerr << "restore replaces the whole database; stop the server and add --yes\n";
    return 2;
  }
  if (auto ok = restore_database(cfg.database, from); !ok) {
    std::cerr << ok.error().message_en << "\n";
    return 1;
  }
  auto db = open_database(cfg, 1);
  const auto check = verify_audit_chain(*db);
  std::cout << "restored from " << from << "; audit log " << (check.valid ? "valid" : "INVALID") << ", "
            << check.entries << " entries\n";
  return check.valid ? 0 : 1;
}

int run_audit_verify(const Config& cfg) {
  auto db = open_database(cfg, 1);
  const auto check = verify_audit_chain(*db);
  if (check.valid) {
    std::cout << "audit log valid: " << check.entries << " entries\n";
    return 0;
  }
  std::cout << "audit log INVALID: first bad entry seq=" << check.first_bad.value_or(0) << " ("
            << check.problem << "), " << check.entries << " entries read\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  crypto::init();
  CLI::App app{"skillreg — 技能人才评价监管系统 (skill-evaluation supervision system)"};
  app.require_subcommand(1);
  std::optional<std::string> config_path;
  std::string listen, database;
  app.add_option("--config", config_path, "TOML configuration file")->envname("SKILLREG_CONFIG");
  app.add_option("--database", database, "sqlite:<path> or postgresql://… (overrides config)");

  auto* serve = app.add_subcommand("serve", "Run the HTTP server");
  serve->add_option("--listen", listen, "host:port (default 127.0.0.1:8080)");
  std::string web_root;
  serve->add_option("--web-root", web_root, "folder of the built front end (default web/dist)");
  std::string admin = "admin";
  auto* init = app.add_subcommand("init", "Create the schema and the first province administrator");
  init->add_option("--admin", admin, "username of the province administrator");
  auto* demo = app.add_subcommand("demo", "Create the schema and load the demo province");
  bool accounts_only = false;
  demo->add_flag("--accounts-only", accounts_only, "only the demo accounts, no sample registry");
  std::int64_t scale = 0;
  std::uint64_t seed = SyntheticOptions{}.seed;
  demo->add_option("--scale", scale, "also build a synthetic province with about this many candidates");
  demo->add_option("--seed", seed, "seed of the synthetic province (same seed, same data)");
  std::string as_of;
  auto* daily = app.add_subcommand("daily", "Run the daily jobs (expiry, …) for a date, once");
  daily->add_option("--as-of", as_of, "the date to run for (default: today)");
  bool force = false;
  daily->add_flag("--force", force, "run even if the jobs already ran for that date");
  auto* monitor = app.add_subcommand("monitor", "Digital monitoring: score every plan, measure the detectors");
  bool monitor_all = false, monitor_accuracy = false, monitor_json = false;
  monitor->add_flag("--all", monitor_all, "recompute every plan's score, the sampling queue and the star ratings");
  monitor->add_flag("--accuracy", monitor_accuracy,
                    "precision and recall of each detector against a synthetic province's ground truth");
  monitor->add_flag("--json", monitor_json, "print the accuracy as JSON");
  auto* audit = app.add_subcommand("audit", "Audit log commands");
  auto* verify = audit->add_subcommand("verify", "Verify the audit log's hash chain");
  audit->require_subcommand(1);

  auto* draw = app.add_subcommand("draw", "Double-random draw commands (M27)");
  auto* draw_verify = draw->add_subcommand("verify", "Re-run a draw from its seed and snapshot and compare");
  std::int64_t draw_id = 0;
  std::string draw_file;
  draw_verify->add_option("id", draw_id, "the draw's id in the database");
  draw_verify->add_option("--file", draw_file, "a published draw's JSON (GET /api/v1/public/draws/{id})");
  draw->require_subcommand(1);
  auto* backup = app.add_subcommand("backup", "Copy the whole database to a file, also while serving");
  std::string backup_to, restore_from;
  backup->add_option("--to", backup_to, "the backup file (SQLite: a database file; PostgreSQL: pg_dump's custom format)")
      ->required();
  auto* restore = app.add_subcommand("restore", "Replace the whole database with a backup (stop the server first)");
  bool restore_yes = false;
  restore->add_option("--from", restore_from, "the backup file")->required();
  restore->add_flag("--yes", restore_yes, "yes, replace the database");

  CLI11_PARSE(app, argc, argv);

  auto cfg = load_config(config_path);
  if (!cfg) {
    std::cerr << "configuration error: " << cfg.error().details.front().problem << "\n";
    return 2;
  }
  if (!database.empty()) cfg->database = database;
  if (!listen.empty()) cfg->listen = listen;
  if (!web_root.empty()) cfg->web_root = web_root;
  spdlog::set_level(spdlog::level::from_str(cfg->log_level));

  try {
    if (*serve) return run_serve(*cfg);
    if (*init) return run_init(*cfg, admin);
    if (*demo) return run_demo(*cfg, accounts_only, scale, seed);
    if (*verify) return run_audit_verify(*cfg);
    if (*draw_verify) return run_draw_verify(*cfg, draw_id, draw_file);
    if (*backup) return run_backup(*cfg, backup_to);
    if (*restore) return run_restore(*cfg, restore_from, restore_yes);
    if (*daily) return run_daily(*cfg, as_of, force);
    if (*monitor) return run_monitor_command(*cfg, monitor_all, monitor_accuracy, monitor_json);
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    return 1;
  }
  return 0;
}
