#include "store/certificate_repo.hpp"

#include <soci/sqlite3/soci-sqlite3.h>

#include <stdexcept>

#include "core/validators.hpp"
#include "store/identity_columns.hpp"

namespace skillreg {

namespace {

constexpr const char* kColumns =
    "SELECT cert_no, candidate_id, plan_id, institution_id, name, identity_sealed, subject_code, level,"
    " issued_on, status, void_reason, reported_on, created_at FROM certificates";
constexpr const char* kInsert =
    "INSERT INTO certificates (cert_no, candidate_id, plan_id, institution_id, name, identity_index,"
    " identity_sealed, identity_masked, subject_code, level, issued_on, status, void_reason, reported_on, created_at)"
    " VALUES (:no, :cand, :plan, :inst, :name, :ix, :id, :mask, :subj, :lvl, :issued, :status, '', NULL, :c)";
// The public check (S17 and issue 4 §7): the certificate, its institution and the subject's name
// (an occupation, or a special-ability specification), from one narrow row the triggers of
// migration 0018 keep equal to the join of those tables, so the check is one key lookup.
constexpr const char* kPublicLookup =
    "SELECT cert_no, name, subject_code, subject_name, level, institution_code, institution_name, issued_on,"
    " status, void_reason, identity_masked FROM certificate_checks WHERE cert_no = :no";

struct Row {
  Certificate c;
  std::string sealed, issued, status, reported;
  soci::indicator rep_ind = soci::i_null;
  Certificate finish(const Tx& tx) {
    c.identity_no = opened_identity(tx, sealed);
    c.issued_on = Date::parse(issued).value_or(Date{});
    c.status = status == "voided" ? CertificateStatus::voided : CertificateStatus::valid;
    c.reported_on = rep_ind == soci::i_ok ? Date::parse(reported) : std::nullopt;
    return c;
  }
};
// Column i of the current row of a kept SQLite statement, as SOCI's into() would read it: NULL
// in a column without an indicator is an error.
std::string text_column(sqlite_api::sqlite3_stmt* st, int i) {
  if (sqlite_api::sqlite3_column_type(st, i) == SQLITE_NULL) throw std::runtime_error("Null value fetched and no indicator defined.");
  const auto* p = reinterpret_cast<const char*>(sqlite_api::sqlite3_column_text(st, i));
  return std::string(p, std::size_t(sqlite_api::sqlite3_column_bytes(st, i)));
}

PublicCertificate finish_public(PublicCertificate p, const std::string& issued, const std::string& status) {
  p.issued_on = Date::parse(issued).value_or(Date{});
  p.status = status == "voided" ? CertificateStatus::voided : CertificateStatus::valid;
  return p;
}

#define SKILLREG_CERTIFICATE_INTO(r)                                                                     \
  soci::into((r).c.cert_no), soci::into((r).c.candidate_id), soci::into((r).c.plan_id),                 \
      soci::into((r).c.institution_id), soci::into((r).c.name), soci::into((r).sealed),                  \
      soci::into((r).c.subject_code), soci::into((r).c.level), soci::into((r).issued), soci::into((r).status), \
      soci::into((r).c.void_reason), soci::into((r).reported, (r).rep_ind), soci::into((r).c.created_at)

}  // namespace

int CertificateRepo::next_serial(std::int64_t institution_id, int year, int level) {
  tx_.sql << "INSERT INTO certificate_serials (institution_id, year, level, next_value) VALUES (:i, :y, :l, 1)"
             " ON CONFLICT (institution_id, year, level) DO NOTHING",
      soci::use(institution_id), soci::use(year), soci::use(level);
  long long n = 0;
  tx_.sql << "UPDATE certificate_serials SET next_value = next_value + 1"
             " WHERE institution_id = :i AND year = :y AND level = :l RETURNING next_value - 1",
      soci::use(institution_id), soci::use(year), soci::use(level), soci::into(n);
  return int(n);
}

void CertificateRepo::insert(const Certificate& c) {
  const std::string issued = c.issued_on.to_string(), status(to_string(c.status));
  const auto identity = stored_identity(tx_, c.identity_no);
  const std::string masked = mask_identity_number(c.identity_no);
  tx_.sql << kInsert, soci::use(c.cert_no), soci::use(c.candidate_id), soci::use(c.plan_id),
      soci::use(c.institution_id), soci::use(c.name), soci::use(identity.index), soci::use(identity.sealed),
      soci::use(masked), soci::use(c.subject_code),
      soci::use(c.level), soci::use(issued), soci::use(status), soci::use(c.created_at);
}

std::optional<Certificate> CertificateRepo::find(const std::string& cert_no) {
  Row row;
  tx_.sql << std::string(kColumns) + " WHERE cert_no = :no", soci::use(cert_no), SKILLREG_CERTIFICATE_INTO(row);
  if (!tx_.sql.got_data()) return std::nullopt;
  return row.finish(tx_);
}

bool CertificateRepo::candidate_has_certificate(std::int64_t candidate_id) {
  long long n = 0;
  tx_.sql << "SELECT COUNT(*) FROM certificates WHERE candidate_id = :c", soci::use(candidate_id), soci::into(n);
  return n > 0;
}

std::optional<std::string> CertificateRepo::certificate_of_candidate(std::int64_t candidate_id) {
  std::string cert_no;
  tx_.sql << "SELECT cert_no FROM certificates WHERE candidate_id = :c", soci::use(candidate_id), soci::into(cert_no);
  if (!tx_.sql.got_data()) return std::nullopt;
  return cert_no;
}

Page<Certificate> CertificateRepo::list(const CertificateQuery& q) {
  const std::string auths = delimited_set(q.authorities), sites = delimited_set(q.site_regions);
  const int any_auth = q.authorities.empty() && q.site_regions.empty() ? 1 : 0;
  const long long inst = q.institution_id.value_or(0), plan = q.plan_id.value_or(0);
  const std::string status = q.status ? std::string(to_string(*q.status)) : "";
  const int any_rep = q.reported ? 0 : 1, rep = q.reported.value_or(false) ? 1 : 0;
  const std::string where =
      " WHERE (:any_auth = 1 OR institution_id IN (SELECT id FROM institutions"
      "        WHERE :auths LIKE '%,' || authority_code || ',%')"
      "        OR plan_id IN (SELECT id FROM plans WHERE :sites LIKE '%,' || site_region_code || ',%'))"
      " AND (:inst1 = 0 OR institution_id = :inst2) AND (:plan1 = 0 OR plan_id = :plan2)"
      " AND (:s1 = '' OR status = :s2)"
      " AND (:any_rep = 1 OR (CASE WHEN reported_on IS NULL THEN 0 ELSE 1 END) = :rep)"
      " AND (:due1 = '' OR (reported_on IS NULL AND issued_on <= :due2))";
  Page<Certificate> page{{}, 0, q.page.page, q.page.page_size};
  if (q.page.count)
    tx_.sql << "SELECT COUNT(*) FROM certificates" + where, soci::into(page.total),
        soci::use(any_auth, "any_auth"), soci::use(auths, "auths"), soci::use(sites, "sites"), soci::use(inst, "inst1"),
        soci::use(inst, "inst2"), soci::use(plan, "plan1"), soci::use(plan, "plan2"), soci::use(status, "s1"),
        soci::use(status, "s2"), soci::use(any_rep, "any_rep"), soci::use(rep, "rep"),
        soci::use(q.due_before, "due1"), soci::use(q.due_before, "due2");
  Row row;
  const long long limit = q.page.page_size, offset = q.page.offset();
  const std::string after = q.page.after_text();
  soci::statement st =
      (tx_.sql.prepare << std::string(kColumns) + where +
                              " AND cert_no > :after ORDER BY cert_no LIMIT :lim OFFSET :off",
       SKILLREG_CERTIFICATE_INTO(row), soci::use(any_auth, "any_auth"), soci::use(auths, "auths"), soci::use(sites, "sites"),
       soci::use(inst, "inst1"), soci::use(inst, "inst2"), soci::use(plan, "plan1"), soci::use(plan, "plan2"),
       soci::use(status, "s1"), soci::use(status, "s2"), soci::use(any_rep, "any_rep"), soci::use(rep, "rep"),
       soci::use(q.due_before, "due1"), soci::use(q.due_before, "due2"), soci::use(after, "after"),
       soci::use(limit, "lim"), soci::use(offset, "off"));
  st.execute();
  while (st.fetch()) page.items.push_back(row.finish(tx_));
  return page;
}

void CertificateRepo::set_reported(const std::string& cert_no, Date on) {
  const std::string d = on.to_string();
  tx_.sql << "UPDATE certificates SET reported_on = :d WHERE cert_no = :no", soci::use(d), soci::use(cert_no);
}

void CertificateRepo::void_certificate(const std::string& cert_no, const std::string& reason, Instant at) {
  tx_.sql << "UPDATE certificates SET status = 'voided', void_reason = :r, voided_at = :t WHERE cert_no = :no",
      soci::use(reason), soci::use(at), soci::use(cert_no);
}

void CertificateRepo::restore_certificate(const std::string& cert_no) {
  tx_.sql << "UPDATE certificates SET status = 'valid', void_reason = '', voided_at = NULL WHERE cert_no = :no",
      soci::use(cert_no, "no");
}

std::optional<PublicCertificate> CertificateRepo::public_lookup(const std::string& cert_no) {
  PublicCertificate p;
  std::string issued, status;
  tx_.sql << kPublicLookup, soci::use(cert_no), soci::into(p.cert_no), soci::into(p.name), soci::into(p.subject_code),
      soci::into(p.subject_name), soci::into(p.level), soci::into(p.institution_code), soci::into(p.institution_name),
      soci::into(issued), soci::into(status), soci::into(p.void_reason), soci::into(p.identity_masked);
  if (!tx_.sql.got_data()) return std::nullopt;
  return finish_public(std::move(p), issued, status);
}

Result<std::optional<PublicCertificate>> lookup_public_certificate(Database& db, const std::string& cert_no) {
  using Found = Result<std::optional<PublicCertificate>>;
  if (db.backend() != Backend::sqlite)
    return db.read([&](Tx& tx) -> Found { return CertificateRepo(tx).public_lookup(cert_no); });
  return db.sqlite_cached(kPublicLookup, [&](sqlite_api::sqlite3_stmt* st) -> Found {
    sqlite_api::sqlite3_bind_text(st, 1, cert_no.data(), int(cert_no.size()), SQLITE_STATIC);
    const int rc = sqlite_api::sqlite3_step(st);
    if (rc == SQLITE_DONE) return std::nullopt;
    if (rc != SQLITE_ROW) throw std::runtime_error(sqlite_api::sqlite3_errmsg(sqlite_api::sqlite3_db_handle(st)));
    PublicCertificate p;
    p.cert_no = text_column(st, 0);
    p.name = text_column(st, 1);
    p.subject_code = text_column(st, 2);
    p.subject_name = text_column(st, 3);
    if (sqlite_api::sqlite3_column_type(st, 4) == SQLITE_NULL) throw std::runtime_error("Null value fetched and no indicator defined.");
    p.level = sqlite_api::sqlite3_column_int(st, 4);
    p.institution_code = text_column(st, 5);
    p.institution_name = text_column(st, 6);
    p.void_reason = text_column(st, 9);
    p.identity_masked = text_column(st, 10);
    return finish_public(std::move(p), text_column(st, 7), text_column(st, 8));
  });
}

}  // namespace skillreg
