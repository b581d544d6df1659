#include "domain/audit/audit_chain.hpp"

#include "core/crypto.hpp"

namespace skillreg {

namespace {
void put(std::string& out, const std::string& field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ';';
}
}  // namespace

std::string audit_canonical_content(const AuditEntry& e) {
  std::string out;
  put(out, std::to_string(e.seq));
  put(out, std::to_string(e.at));
  put(out, std::to_string(e.actor_user_id));
  put(out, e.actor_username);
  put(out, e.action);
  put(out, e.object_type);
  put(out, e.object_id);
  put(out, e.region_code);
  put(out, e.institution_id ? std::to_string(*e.institution_id) : std::string("-"));
  put(out, e.before_json);
  put(out, e.after_json);
  return out;
}

std::string audit_entry_hash(const std::string& prev_hash, const AuditEntry& e) {
  return crypto::sha256_hex(prev_hash + audit_canonical_content(e));
}

void ChainVerifier::mark_bad(std::int64_t seq, const char* problem) {
  if (!check_.valid) return;
  check_.valid = false;
  check_.first_bad = seq;
  check_.problem = problem;
}

void ChainVerifier::feed(const AuditEntry& e) {
  ++check_.entries;
  if (e.seq != last_seq_ + 1) mark_bad(last_seq_ + 1, "sequence_gap");
  else if (e.prev_hash != last_hash_) mark_bad(e.seq, "broken_link");
  else if (audit_entry_hash(e.prev_hash, e) != e.hash) mark_bad(e.seq, "hash_mismatch");
  last_seq_ = e.seq;
  last_hash_ = e.hash;
}

ChainCheck ChainVerifier::finish(std::int64_t head_seq, const std::string& head_hash) const {
  ChainCheck out = check_;
  if (out.valid && (head_seq != last_seq_ || head_hash != last_hash_)) {
    out.valid = false;
    out.first_bad = std::min(head_seq, last_seq_) + 1;
    out.problem = "missing_tail";
  }
  return out;
}

}  // namespace skillreg
