#include "app/audit_service.hpp"

#include <stdexcept>

namespace skillreg {

Result<Page<AuditEntry>> AuditService::list(const Actor& actor, const AuditFilter& f) {
  AuditQuery q{{}, std::nullopt, f.object_type, f.object_id, f.action, f.page};
  if (is_authority(actor.role)) q.regions = ctx_.regions.subtree(actor.region_code);
  else if (actor.role == Role::institution_admin && actor.institution_id)
    q.institution_id = actor.institution_id;
  else return forbidden();
  return ctx_.db.read([&](Tx& tx) -> Result<Page<AuditEntry>> { return AuditRepo(tx).list(q); });
}

Result<ChainCheck> AuditService::verify(const Actor& actor) {
  if (actor.role != Role::province_admin) return forbidden();
  return verify_audit_chain(ctx_.db);
}

ChainCheck verify_audit_chain(Database& db) {
  auto r = db.read([&](Tx& tx) -> Result<ChainCheck> {
    AuditRepo repo(tx);
    ChainVerifier v;
    repo.scan([&](const AuditEntry& e) { v.feed(e); });
    const auto [seq, hash] = repo.head();
    return v.finish(seq, hash);
  });
  if (!r) throw std::runtime_error("reading the audit log failed");
  return *r;
}

}  // namespace skillreg
