#pragma once
// The append-only, hash-chained audit log (REQUIREMENTS.md section 7).
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit/audit_chain.hpp"
#include "store/database.hpp"
#include "store/paging.hpp"

namespace skillreg {

struct AuditQuery {
  std::vector<std::string> regions;            // the caller's region scope
  std::optional<std::int64_t> institution_id;  // or only this institution's entries
  std::string object_type;                     // filters; empty = any
  std::string object_id;
  std::string action;
  PageRequest page;
};

class AuditRepo {
 public:
  explicit AuditRepo(Tx& tx) : tx_(tx) {}

  // Appends `e` (seq, prev_hash and hash are filled in here) after the current head, inside
  // the caller's transaction. On PostgreSQL the head row is locked until commit, so concurrent
  // appends from any node queue up and the chain never forks.
  AuditEntry append(AuditEntry e);

  // Every entry in seq order, one at a time (constant memory).
  void scan(const std::function<void(const AuditEntry&)>& visit);
  std::pair<std::int64_t, std::string> head();
  Page<AuditEntry> list(const AuditQuery& q);

 private:
  Tx& tx_;
};

}  // namespace skillreg
