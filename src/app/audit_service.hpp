#pragma once
// Reading and verifying the audit log. Reads are scoped like everything else: an authority sees
// entries about objects in its region and below, an institution administrator its institution's.
#include "app/context.hpp"
#include "domain/accounts/actor.hpp"
#include "domain/audit/audit_chain.hpp"
#include "store/audit_repo.hpp"

namespace skillreg {

struct AuditFilter {
  std::string object_type;
  std::string object_id;
  std::string action;
  PageRequest page;
};

class AuditService {
 public:
  explicit AuditService(AppContext& ctx) : ctx_(ctx) {}

  Result<Page<AuditEntry>> list(const Actor& actor, const AuditFilter& filter);
  // Province administrators only: walks the whole chain.
  Result<ChainCheck> verify(const Actor& actor);

 private:
  AppContext& ctx_;
};

// The whole chain, without a caller (the command line, run by the operator on the server).
ChainCheck verify_audit_chain(Database& db);

}  // namespace skillreg
