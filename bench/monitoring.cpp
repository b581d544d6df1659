// The monitoring benchmark (issue 5), on one core, on a synthetic province's SQLite database:
//   full      MonitoringService::recompute_all: read every plan's records, build the facts, score
//             every plan, write the scores, the sampling draw and the ratings in one transaction;
//   baseline  the same per-plan aggregates as plain SQL GROUP BY queries (bench/monitoring_baseline.sql)
//             over the same database, results read and discarded: what a reporting query costs;
//   rescore   MonitoringService::rescore of random plans, one at a time, each in its own transaction
//             (what follows a report that changes a plan's data).
// Prints one JSON object; bench/monitoring.sh runs it and writes docs/benchmarks.md's section.
#include <sched.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "app/bootstrap.hpp"
#include "app/monitoring_service.hpp"
#include "core/crypto.hpp"

using namespace skillreg;
using Steady = std::chrono::steady_clock;

namespace {

double seconds_since(Steady::time_point t) { return std::chrono::duration<double>(Steady::now() - t).count(); }

// Runs each ';'-separated statement of the script and reads every row.
std::int64_t run_baseline(Database& db, const std::string& script) {
  std::int64_t rows = 0;
  auto r = db.read([&](Tx& tx) -> Result<int> {
    std::stringstream in(script);
    std::string stmt;
    while (std::getline(in, stmt, ';')) {
      if (stmt.find_first_not_of(" \n\t") == std::string::npos) continue;
      soci::rowset<soci::row> rs = (tx.sql.prepare << stmt);
      for (auto it = rs.begin(); it != rs.end(); ++it) ++rows;
    }
    return 0;
  });
  if (!r) throw std::runtime_error(r.error().message_en);
  return rows;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: monitoring_bench <sqlite-file> <baseline.sql> [rescore-samples]\n";
    return 2;
  }
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(0, &one);
  sched_setaffinity(0, sizeof one, &one);  // one core, as the target says
  spdlog::set_level(spdlog::level::warn);
  crypto::init();
  const int samples = argc > 3 ? std::atoi(argv[3]) : 200;
  std::ifstream f(argv[2]);
  const std::string baseline_sql((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());

  auto db = Database::open(std::string("sqlite:") + argv[1], 1);
  SystemClock clock;
  prepare_database(*db, clock);
  auto ctx = make_context(*db, clock, AccountPolicy{});
  MonitoringService monitoring(*ctx, ActivityPolicy{});

  nlohmann::json out;
  // Warm the page cache the same way for both sides: one untimed baseline pass.
  run_baseline(*db, baseline_sql);
  for (int round = 0; round < 3; ++round) {
    auto t0 = Steady::now();
    const auto rows = run_baseline(*db, baseline_sql);
    const double baseline = seconds_since(t0);
    t0 = Steady::now();
    auto run = monitoring.recompute_all(std::nullopt);
    const double full = seconds_since(t0);
    if (!run) {
      std::cerr << "recompute failed: " << run.error().message_en << "\n";
      return 1;
    }
    out["rounds"].push_back({{"baseline_s", baseline}, {"baseline_rows", rows}, {"full_s", full},
                             {"plans", run->total}});
  }

  std::vector<std::int64_t> plans;
  auto ids = db->read([&](Tx& tx) -> Result<std::vector<std::int64_t>> {
    std::vector<std::int64_t> v;
    long long id = 0;
    soci::statement st = (tx.sql.prepare << "SELECT plan_id FROM plan_scores ORDER BY plan_id", soci::into(id));
    st.execute();
    while (st.fetch()) v.push_back(id);
    return v;
  });
  if (!ids || ids->empty()) return 1;
  std::mt19937_64 rng(20220420);
  std::vector<double> ms;
  for (int i = 0; i < samples; ++i) {
    const auto id = (*ids)[rng() % ids->size()];
    const auto t0 = Steady::now();
    if (!monitoring.rescore(id)) return 1;
    ms.push_back(seconds_since(t0) * 1000);
  }
  std::ranges::sort(ms);
  out["rescore"] = {{"samples", samples},
                    {"median_ms", ms[ms.size() / 2]},
                    {"p95_ms", ms[ms.size() * 95 / 100]},
                    {"max_ms", ms.back()}};
  std::cout << out.dump() << "\n";
  return 0;
}
