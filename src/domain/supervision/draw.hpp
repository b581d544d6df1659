#pragma once
// The double-random draw 双随机 (M27, S12), algorithm "skillreg-draw-v1" (docs/draw.md): a
// deterministic function of a seed and a published snapshot of the pool and the roster, so that
// anyone holding the revealed seed can re-run it and get the same targets and inspectors.
//
//   H(text)  = the first 8 bytes, big-endian, of SHA-256(seed + "|" + text), seed as 64 lowercase hex
//   targets  : an institution of weight w gets the key min over t = 1..w of H("target|" + code + "|" + t);
//              those drawn "always" come first, then the rest, each group by ascending (key, code);
//              the first n are drawn, n = max(#always, ceil(pool size × share / 100)), at most the pool.
//   inspectors: targets in drawing order; for each, the roster entries not tied to it and not on
//              its last inspection, by ascending (targets given so far, H("inspector|" + code + "|" + id));
//              the first `inspectors_per_target`; fewer when fewer are eligible (`short`).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace skillreg {

inline constexpr const char* kDrawAlgorithm = "skillreg-draw-v1";

struct PoolEntry {
  std::int64_t institution_id = 0;
  std::string code, name;
  std::string standing;  // good | watch | key (S8)
  int weight = 1;
  bool always = false;
};

struct RosterEntry {
  std::int64_t inspector_id = 0;
  std::string name, organisation;
  std::vector<std::string> tied;  // codes of institutions the inspector is tied to (avoidance)
  std::vector<std::string> last;  // codes of institutions whose last inspection the inspector made
};

struct DrawParams {
  int sampling_share = 10;  // percent of the pool
  int inspectors_per_target = 2;
};

struct DrawSnapshot {
  std::vector<PoolEntry> pool;
  std::vector<RosterEntry> roster;
  DrawParams params;
};

struct DrawnTarget {
  std::string code;
  std::int64_t institution_id = 0;
  std::string key;  // 16 hex digits
  std::vector<std::int64_t> inspector_ids;
  bool short_of_inspectors = false;
  bool operator==(const DrawnTarget&) const = default;
};

std::uint64_t draw_hash(const std::string& seed_hex, const std::string& text);
int target_count(std::size_t pool_size, std::size_t always, int share_percent);
std::vector<DrawnTarget> run_draw(const std::string& seed_hex, const DrawSnapshot& snapshot);

// SHA-256 of the seed's 64 hex characters: what is published before the draw.
std::string draw_commitment(const std::string& seed_hex);

// The published forms. The snapshot's canonical text (keys sorted, no spaces) is what
// `snapshot_sha256` hashes.
nlohmann::json to_json(const DrawSnapshot& s);
nlohmann::json to_json(const std::vector<DrawnTarget>& result);
// nullopt when the JSON does not have the published shape.
std::optional<DrawSnapshot> snapshot_from_json(const nlohmann::json& j);
std::optional<std::vector<DrawnTarget>> result_from_json(const nlohmann::json& j);
std::string canonical_text(const nlohmann::json& j);

struct DrawVerification {
  bool commitment_matches = false;  // SHA-256(seed) is the commitment published before the draw
  bool snapshot_matches = false;    // the snapshot is the one hashed at commit
  bool result_matches = false;      // re-running the algorithm gives the stored result
  bool verified() const { return commitment_matches && snapshot_matches && result_matches; }
};

DrawVerification verify_draw(const std::string& seed_hex, const std::string& commitment,
                             const std::string& snapshot_text, const std::string& snapshot_sha256,
                             const std::string& result_text);

}  // namespace skillreg
