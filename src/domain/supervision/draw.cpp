#include "domain/supervision/draw.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

#include "core/crypto.hpp"

namespace skillreg {

namespace {

std::string hex16(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::ranges::find(v, s) != v.end();
}

}  // namespace

std::uint64_t draw_hash(const std::string& seed_hex, const std::string& text) {
  const std::string digest = crypto::sha256_hex(seed_hex + "|" + text);
  return std::stoull(digest.substr(0, 16), nullptr, 16);
}

int target_count(std::size_t pool_size, std::size_t always, int share_percent) {
  const std::size_t by_share = (pool_size * static_cast<std::size_t>(share_percent) + 99) / 100;
  return static_cast<int>(std::min(pool_size, std::max(always, by_share)));
}

std::vector<DrawnTarget> run_draw(const std::string& seed_hex, const DrawSnapshot& snapshot) {
  struct Keyed {
    const PoolEntry* entry;
    std::uint64_t key;
  };
  std::vector<Keyed> keyed;
  std::size_t always = 0;
  for (const auto& e : snapshot.pool) {
    std::uint64_t key = UINT64_MAX;
    for (int t = 1; t <= std::max(1, e.weight); ++t)
      key = std::min(key, draw_hash(seed_hex, "target|" + e.code + "|" + std::to_string(t)));
    keyed.push_back({&e, key});
    always += e.always ? 1 : 0;
  }
  std::ranges::sort(keyed, [](const Keyed& a, const Keyed& b) {
    if (a.entry->always != b.entry->always) return a.entry->always;
    if (a.key != b.key) return a.key < b.key;
    return a.entry->code < b.entry->code;
  });
  const int n = target_count(snapshot.pool.size(), always, snapshot.params.sampling_share);

  std::map<std::int64_t, int> load;  // targets given to each inspector so far
  std::vector<DrawnTarget> out;
  for (int i = 0; i < n; ++i) {
    const PoolEntry& e = *keyed[i].entry;
    DrawnTarget t{e.code, e.institution_id, hex16(keyed[i].key), {}, false};
    struct Candidate {
      std::int64_t id;
      int load;
      std::uint64_t key;
    };
    std::vector<Candidate> eligible;
    for (const auto& r : snapshot.roster) {
      if (contains(r.tied, e.code) || contains(r.last, e.code)) continue;  // avoidance 回避
      eligible.push_back(
          {r.inspector_id, load[r.inspector_id],
           draw_hash(seed_hex, "inspector|" + e.code + "|" + std::to_string(r.inspector_id))});
    }
    std::ranges::sort(eligible, [](const Candidate& a, const Candidate& b) {
      if (a.load != b.load) return a.load < b.load;
      if (a.key != b.key) return a.key < b.key;
      return a.id < b.id;
    });
    const int want = snapshot.params.inspectors_per_target;
    for (int k = 0; k < want && k < static_cast<int>(eligible.size()); ++k) {
      t.inspector_ids.push_back(eligible[k].id);
      ++load[eligible[k].id];
    }
    t.short_of_inspectors = static_cast<int>(t.inspector_ids.size()) < want;
    out.push_back(std::move(t));
  }
  return out;
}

std::string draw_commitment(const std::string& seed_hex) { return crypto::sha256_hex(seed_hex); }

nlohmann::json to_json(const DrawSnapshot& s) {
  nlohmann::json pool = nlohmann::json::array(), roster = nlohmann::json::array();
  for (const auto& e : s.pool)
    pool.push_back({{"institution_id", e.institution_id},
                    {"code", e.code},
                    {"name", e.name},
                    {"standing", e.standing},
                    {"weight", e.weight},
                    {"always", e.always}});
  for (const auto& r : s.roster)
    roster.push_back({{"inspector_id", r.inspector_id},
                      {"name", r.name},
                      {"organisation", r.organisation},
                      {"tied", r.tied},
                      {"last", r.last}});
  return {{"pool", pool},
          {"roster", roster},
          {"params",
           {{"sampling_share", s.params.sampling_share},
            {"inspectors_per_target", s.params.inspectors_per_target}}}};
}

nlohmann::json to_json(const std::vector<DrawnTarget>& result) {
  nlohmann::json targets = nlohmann::json::array();
  for (const auto& t : result)
    targets.push_back({{"code", t.code},
                       {"institution_id", t.institution_id},
                       {"key", t.key},
                       {"inspector_ids", t.inspector_ids},
                       {"short", t.short_of_inspectors}});
  return {{"targets", targets}};
}

std::optional<DrawSnapshot> snapshot_from_json(const nlohmann::json& j) {
  try {
    DrawSnapshot s;
    for (const auto& e : j.at("pool"))
      s.pool.push_back({e.at("institution_id").get<std::int64_t>(), e.at("code").get<std::string>(),
                        e.at("name").get<std::string>(), e.at("standing").get<std::string>(),
                        e.at("weight").get<int>(), e.at("always").get<bool>()});
    for (const auto& r : j.at("roster"))
      s.roster.push_back({r.at("inspector_id").get<std::int64_t>(), r.at("name").get<std::string>(),
                          r.at("organisation").get<std::string>(),
                          r.at("tied").get<std::vector<std::string>>(),
                          r.at("last").get<std::vector<std::string>>()});
    s.params.sampling_share = j.at("params").at("sampling_share").get<int>();
    s.params.inspectors_per_target = j.at("params").at("inspectors_per_target").get<int>();
    return s;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

std::optional<std::vector<DrawnTarget>> result_from_json(const nlohmann::json& j) {
  try {
    std::vector<DrawnTarget> out;
    for (const auto& t : j.at("targets"))
      out.push_back({t.at("code").get<std::string>(), t.at("institution_id").get<std::int64_t>(),
                     t.at("key").get<std::string>(),
                     t.at("inspector_ids").get<std::vector<std::int64_t>>(), t.at("short").get<bool>()});
    return out;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

std::string canonical_text(const nlohmann::json& j) { return j.dump(); }

DrawVerification verify_draw(const std::string& seed_hex, const std::string& commitment,
                             const std::string& snapshot_text, const std::string& snapshot_sha256,
                             const std::string& result_text) {
  DrawVerification v;
  v.commitment_matches = draw_commitment(seed_hex) == commitment;
  v.snapshot_matches = crypto::sha256_hex(snapshot_text) == snapshot_sha256;
  const auto snap_json = nlohmann::json::parse(snapshot_text, nullptr, false);
  const auto result_json = nlohmann::json::parse(result_text, nullptr, false);
  if (snap_json.is_discarded() || result_json.is_discarded()) return v;
  auto snapshot = snapshot_from_json(snap_json);
  auto stored = result_from_json(result_json);
  v.result_matches = snapshot && stored && run_draw(seed_hex, *snapshot) == *stored;
  return v;
}

}  // namespace skillreg
