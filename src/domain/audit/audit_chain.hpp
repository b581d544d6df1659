#pragma once
// The audit log's hash chain (REQUIREMENTS.md section 7: append-only, hash-chained).
//
// Entry n stores prev_hash = hash of entry n-1 (64 zeros for the first) and
// hash = SHA-256(prev_hash || canonical content of entry n). Sequence numbers run 1, 2, 3, …
// without gaps. So an edited entry fails its own hash, a deleted or reordered one breaks the
// sequence or the link, and the verifier names the first entry where the chain stops holding.
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"

namespace skillreg {

struct AuditEntry {
  std::int64_t seq = 0;
  Instant at = 0;
  std::int64_t actor_user_id = 0;  // 0 for the system itself (daily jobs, init)
  std::string actor_username;
  std::string action;       // e.g. "user.create", "auth.login"
  std::string object_type;  // e.g. "user"
  std::string object_id;
  std::string region_code;  // the region the object belongs to, for scoped reads
  std::optional<std::int64_t> institution_id;
  std::string before_json;  // "null" when the object did not exist
  std::string after_json;   // "null" when the object no longer exists
  std::string prev_hash;
  std::string hash;
};

inline constexpr const char* kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The canonical byte string hashed for an entry: every field but the two hashes, each
// length-prefixed so no two different entries serialise alike.
std::string audit_canonical_content(const AuditEntry& e);
std::string audit_entry_hash(const std::string& prev_hash, const AuditEntry& e);

struct ChainCheck {
  bool valid = true;
  std::int64_t entries = 0;
  std::optional<std::int64_t> first_bad;  // seq of the first entry that does not verify
  std::string problem;                    // "hash_mismatch", "broken_link", "sequence_gap"
};

// Feed entries in seq order; read the result at the end. Memory stays constant.
class ChainVerifier {
 public:
  void feed(const AuditEntry& e);
  // `head_seq`/`head_hash`: the last entry the log says it holds, so a deleted tail shows too.
  ChainCheck finish(std::int64_t head_seq, const std::string& head_hash) const;

 private:
  void mark_bad(std::int64_t seq, const char* problem);
  ChainCheck check_;
  std::int64_t last_seq_ = 0;
  std::string last_hash_ = kGenesisHash;
};

}  // namespace skillreg
