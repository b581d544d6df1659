// The audit hash chain detects edits, deletions and reordering, and names the first bad entry.
#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "domain/audit/audit_chain.hpp"

namespace skillreg {
namespace {

std::vector<AuditEntry> chain(int n) {
  crypto::init();
  std::vector<AuditEntry> out;
  std::string prev = kGenesisHash;
  for (int i = 1; i <= n; ++i) {
    AuditEntry e;
    e.seq = i;
    e.at = 1'780'000'000 + i;
    e.actor_user_id = 7;
    e.actor_username = "province";
    e.action = "user.create";
    e.object_type = "user";
    e.object_id = std::to_string(100 + i);
    e.region_code = "330100";
    e.before_json = "null";
    e.after_json = R"({"username":"u)" + std::to_string(i) + "\"}";
    e.prev_hash = prev;
    e.hash = audit_entry_hash(prev, e);
    prev = e.hash;
    out.push_back(e);
  }
  return out;
}

ChainCheck verify(const std::vector<AuditEntry>& entries, std::int64_t head_seq, const std::string& head_hash) {
  ChainVerifier v;
  for (const auto& e : entries) v.feed(e);
  return v.finish(head_seq, head_hash);
}

TEST(AuditChain, AnIntactChainVerifies) {
  auto c = chain(5);
  auto r = verify(c, 5, c.back().hash);
  EXPECT_TRUE(r.valid);
  EXPECT_EQ(r.entries, 5);
  EXPECT_FALSE(r.first_bad);
}

TEST(AuditChain, AnEmptyChainVerifiesAgainstTheGenesisHead) {
  EXPECT_TRUE(verify({}, 0, kGenesisHash).valid);
}

struct Tamper {
  const char* name;
  void (*apply)(std::vector<AuditEntry>&);
  std::int64_t first_bad;
  const char* problem;
};

const Tamper kTampers[] = {
    {"edited content", [](auto& c) { c[2].after_json = R"({"username":"evil"})"; }, 3, "hash_mismatch"},
    {"edited actor", [](auto& c) { c[0].actor_username = "someone"; }, 1, "hash_mismatch"},
    {"edited time", [](auto& c) { c[3].at += 1; }, 4, "hash_mismatch"},
    {"recomputed hash of an edit", [](auto& c) {
       c[1].after_json = "{}";
       c[1].hash = audit_entry_hash(c[1].prev_hash, c[1]);
     }, 3, "broken_link"},
    {"deleted middle entry", [](auto& c) { c.erase(c.begin() + 2); }, 3, "sequence_gap"},
    {"swapped entries", [](auto& c) { std::swap(c[1], c[2]); }, 2, "sequence_gap"},
    {"renumbered after deletion", [](auto& c) {
       c.erase(c.begin() + 1);
       for (std::size_t i = 1; i < c.size(); ++i) c[i].seq -= 1;
     }, 2, "broken_link"},
};

TEST(AuditChain, EveryKindOfTamperingIsFoundAtTheFirstBadEntry) {
  for (const auto& t : kTampers) {
    auto c = chain(5);
    const auto head = c.back();
    t.apply(c);
    auto r = verify(c, head.seq, head.hash);
    EXPECT_FALSE(r.valid) << t.name;
    EXPECT_EQ(r.first_bad, t.first_bad) << t.name;
    EXPECT_EQ(r.problem, t.problem) << t.name;
  }
}

TEST(AuditChain, ADeletedTailIsFoundThroughTheHead) {
  auto c = chain(5);
  const auto head = c.back();
  c.pop_back();
  auto r = verify(c, head.seq, head.hash);
  EXPECT_FALSE(r.valid);
  EXPECT_EQ(r.first_bad, 5);
  EXPECT_EQ(r.problem, "missing_tail");
}

TEST(AuditChain, CanonicalContentCannotBeShiftedBetweenFields) {
  AuditEntry a, b;
  a.action = "ab";
  a.object_type = "c";
  b.action = "a";
  b.object_type = "bc";
  EXPECT_NE(audit_canonical_content(a), audit_canonical_content(b));
}

}  // namespace
}  // namespace skillreg
