#include "store/audit_repo.hpp"

namespace skillreg {

namespace {

constexpr const char* kSelectHeadForUpdatePg =
    "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE";
// SQLite writers already hold the database's write lock (BEGIN IMMEDIATE).
constexpr const char* kSelectHead = "SELECT seq, hash FROM audit_head WHERE id = 1";
constexpr const char* kUpdateHead = "UPDATE audit_head SET seq = :s, hash = :h WHERE id = 1";
constexpr const char* kInsertEntry =
    "INSERT INTO audit_log (seq, at, actor_user_id, actor_username, action, object_type,"
    " object_id, region_code, institution_id, before_json, after_json, prev_hash, hash)"
    " VALUES (:seq, :at, :uid, :uname, :act, :ot, :oid, :reg, :inst, :b, :a, :ph, :h)";
constexpr const char* kEntryColumns =
    "SELECT seq, at, actor_user_id, actor_username, action, object_type, object_id,"
    " region_code, institution_id, before_json, after_json, prev_hash, hash FROM audit_log";
// An institution reads the entries of its own records, and of the inspections and cases it is
// shown: a covert inspection once completed (S10(2) 暗访), a case once proposed (S23 告知), the
// conditions of InspectionRepo and CaseRepo. Complaints (S17) and key sampling (S14(2)) stay with
// the authorities.
constexpr const char* kScopeFilter =
    " WHERE ((:byinst1 = 1 AND institution_id = :inst AND (object_type IN ('application', 'assignment', 'batch',"
    " 'candidate', 'certificate', 'exam_site', 'institution', 'person', 'plan', 'user')"
    " OR (object_type = 'inspection' AND EXISTS (SELECT 1 FROM inspections x WHERE x.institution_id = :inst_i"
    "   AND CAST(x.id AS TEXT) = audit_log.object_id AND (x.mode <> 'onsite_covert' OR x.status = 'completed')))"
    " OR (object_type = 'case' AND EXISTS (SELECT 1 FROM cases c WHERE c.institution_id = :inst_c"
    "   AND CAST(c.id AS TEXT) = audit_log.object_id AND c.status NOT IN ('draft', 'dropped'))))) OR"
    " (:byinst2 = 0 AND :regions LIKE '%,' || region_code || ',%'))"
    " AND (:ot1 = '' OR object_type = :ot2) AND (:oid1 = '' OR object_id = :oid2)"
    " AND (:act1 = '' OR action = :act2)";

struct EntryRow {
  AuditEntry e;
  long long inst = 0;
  soci::indicator inst_ind = soci::i_null;
  AuditEntry finish() {
    e.institution_id = opt<std::int64_t>(inst, inst_ind);
    return e;
  }
};

#define SKILLREG_AUDIT_INTO(r)                                                                  \
  soci::into((r).e.seq), soci::into((r).e.at), soci::into((r).e.actor_user_id),               \
      soci::into((r).e.actor_username), soci::into((r).e.action), soci::into((r).e.object_type), \
      soci::into((r).e.object_id), soci::into((r).e.region_code), soci::into((r).inst, (r).inst_ind), \
      soci::into((r).e.before_json), soci::into((r).e.after_json), soci::into((r).e.prev_hash),   \
      soci::into((r).e.hash)

}  // namespace

AuditEntry AuditRepo::append(AuditEntry e) {
  long long seq = 0;
  std::string hash;
  tx_.sql << (tx_.backend == Backend::postgresql ? kSelectHeadForUpdatePg : kSelectHead),
      soci::into(seq), soci::into(hash);
  e.seq = seq + 1;
  e.prev_hash = hash;
  e.hash = audit_entry_hash(e.prev_hash, e);
  long long inst = e.institution_id.value_or(0);
  soci::indicator inst_ind = e.institution_id ? soci::i_ok : soci::i_null;
  tx_.sql << kInsertEntry, soci::use(e.seq), soci::use(e.at), soci::use(e.actor_user_id),
      soci::use(e.actor_username), soci::use(e.action), soci::use(e.object_type),
      soci::use(e.object_id), soci::use(e.region_code), soci::use(inst, inst_ind),
      soci::use(e.before_json), soci::use(e.after_json), soci::use(e.prev_hash),
      soci::use(e.hash);
  tx_.sql << kUpdateHead, soci::use(e.seq), soci::use(e.hash);
  return e;
}

void AuditRepo::scan(const std::function<void(const AuditEntry&)>& visit) {
  EntryRow row;
  soci::statement st =
      (tx_.sql.prepare << std::string(kEntryColumns) + " ORDER BY seq", SKILLREG_AUDIT_INTO(row));
  st.execute();
  while (st.fetch()) visit(row.finish());
}

std::pair<std::int64_t, std::string> AuditRepo::head() {
  long long seq = 0;
  std::string hash;
  tx_.sql << kSelectHead, soci::into(seq), soci::into(hash);
  return {seq, hash};
}

Page<AuditEntry> AuditRepo::list(const AuditQuery& q) {
  const std::string regions = delimited_set(q.regions);
  const int by_inst = q.institution_id ? 1 : 0;
  const long long inst = q.institution_id.value_or(0);
  Page<AuditEntry> page;
  page.page = q.page.page;
  page.page_size = q.page.page_size;
  if (q.page.count)
    tx_.sql << std::string("SELECT COUNT(*) FROM audit_log") + kScopeFilter, soci::into(page.total),
        soci::use(by_inst, "byinst1"), soci::use(inst, "inst"), soci::use(inst, "inst_i"), soci::use(inst, "inst_c"),
        soci::use(by_inst, "byinst2"),
        soci::use(regions, "regions"), soci::use(q.object_type, "ot1"),
        soci::use(q.object_type, "ot2"), soci::use(q.object_id, "oid1"),
        soci::use(q.object_id, "oid2"), soci::use(q.action, "act1"), soci::use(q.action, "act2");
  EntryRow row;
  const long long limit = q.page.page_size, offset = q.page.offset(), before = q.page.before_id();
  soci::statement st =
      (tx_.sql.prepare << std::string(kEntryColumns) + kScopeFilter +
                              " AND seq < :before ORDER BY seq DESC LIMIT :lim OFFSET :off",
       SKILLREG_AUDIT_INTO(row), soci::use(by_inst, "byinst1"), soci::use(inst, "inst"), soci::use(inst, "inst_i"),
       soci::use(inst, "inst_c"), soci::use(by_inst, "byinst2"), soci::use(regions, "regions"),
       soci::use(q.object_type, "ot1"), soci::use(q.object_type, "ot2"),
       soci::use(q.object_id, "oid1"), soci::use(q.object_id, "oid2"),
       soci::use(q.action, "act1"), soci::use(q.action, "act2"), soci::use(before, "before"),
       soci::use(limit, "lim"), soci::use(offset, "off"));
  st.execute();
  while (st.fetch()) page.items.push_back(row.finish());
  return page;
}

}  // namespace skillreg
