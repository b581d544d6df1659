#include "store/personnel_repo.hpp"

#include "store/identity_columns.hpp"

namespace skillreg {

namespace {

// M16: one active registration per kind and identity number (0024); retired ones stay.
constexpr const char* kActiveRegistration =
    "SELECT COALESCE(employer_id, 0) FROM people WHERE kind = :k AND identity_index = :i AND status = 'active'";
// The active registration, else the latest retired one (an assignment by identity number).
constexpr const char* kPersonIdOf =
    "SELECT id FROM people WHERE kind = :k AND identity_index = :i"
    " ORDER BY CASE WHEN status = 'active' THEN 0 ELSE 1 END, id DESC LIMIT 1";
constexpr const char* kInsertPerson =
    "INSERT INTO people (kind, identity_index, identity_sealed, name, phone, employer_id, region_code,"
    " created_at) VALUES (:k, :ix, :i, :n, :ph, :e, :r, :c) RETURNING id";
constexpr const char* kInsertQualification =
    "INSERT INTO person_qualifications (person_id, subject_code, level, valid_until) VALUES (:p, "
    ":s, :l, :v)";
constexpr const char* kSelectQualifications =
    "SELECT subject_code, level, valid_until FROM person_qualifications WHERE person_id = :p ORDER "
    "BY subject_code";
constexpr const char* kUpdatePerson =
    "UPDATE people SET name = :n, phone = :ph, updated_at = :u WHERE id = :id";
constexpr const char* kDeleteQualifications =
    "DELETE FROM person_qualifications WHERE person_id = :p";
constexpr const char* kRetirePerson =
    "UPDATE people SET status = 'retired', retired_at = :at, retire_reason = :r, updated_at = :u"
    " WHERE id = :id";
constexpr const char* kPersonColumns =
    "SELECT p.id, p.kind, p.identity_sealed, p.name, p.phone, p.employer_id, p.region_code, "
    "p.created_at, p.status, p.retired_at, p.retire_reason, p.updated_at, COALESCE(i.name, '')"
    " FROM people p LEFT JOIN institutions i ON i.id = p.employer_id";
constexpr const char* kPeopleWhere =
    " WHERE :kinds LIKE '%,' || p.kind || ',%'"
    " AND (:any = 1 OR p.employer_id = :emp OR :auths1 LIKE '%,' || i.authority_code || ',%'"
    "      OR (p.employer_id IS NULL AND :auths2 LIKE '%,' || p.region_code || ',%'))"
    " AND (:q1 = '' OR p.name LIKE :q2 ESCAPE '\\')"
    " AND (:st1 = '' OR p.status = :st2)"
    " AND ((:sub1 = '' AND :lvl1 < 0) OR EXISTS (SELECT 1 FROM person_qualifications q"
    "      WHERE q.person_id = p.id AND (:sub2 = '' OR q.subject_code = :sub3)"
    "      AND (:lvl2 < 0 OR (q.level <= :lvl3 AND (q.level >= 1 OR :lvl4 = 0)))))";
constexpr const char* kEmployerAuthority =
    "SELECT i.authority_code FROM people p JOIN institutions i ON i.id = p.employer_id WHERE p.id "
    "= :p";
// The person's sessions and examinations under every registration of theirs (an examiner who
// moved employer is still one person: S19(8) double booking and rotation, M16).
constexpr const char* kBookings =
    "SELECT s.id, s.plan_id, s.starts_at, s.ends_at FROM assignments a"
    " JOIN plan_sessions s ON s.id = a.session_id JOIN plans pl ON pl.id = s.plan_id"
    " WHERE a.person_id IN (SELECT o.id FROM people o JOIN people me ON me.identity_index = o.identity_index"
    "                       WHERE me.id = :p) AND pl.status <> 'cancelled'";
constexpr const char* kAssigned =
    "SELECT COUNT(*) FROM assignments WHERE session_id = :s AND person_id = :p";
constexpr const char* kInsertAssignment =
    "INSERT INTO assignments (session_id, person_id, role, panel, created_at) VALUES (:s, :p, :r, "
    ":panel, :c)"
    " RETURNING id";
constexpr const char* kRegistrationsOfIdentity = "SELECT id FROM people WHERE identity_index = :i ORDER BY id DESC";
constexpr const char* kOwnAssignmentsFrom =
    " FROM assignments a JOIN people pe ON pe.id = a.person_id"
    " JOIN plan_sessions s ON s.id = a.session_id JOIN plans pl ON pl.id = s.plan_id"
    " JOIN institutions i ON i.id = pl.institution_id JOIN exam_sites es ON es.id = pl.exam_site_id"
    " LEFT JOIN institutions emp ON emp.id = pe.employer_id"
    " WHERE pe.identity_index = :i AND (:w1 = '' OR (:w2 = 'upcoming' AND s.ends_at >= :n1)"
    "      OR (:w3 = 'past' AND s.ends_at < :n2))";
constexpr const char* kOwnAssignmentColumns =
    "SELECT a.id, a.session_id, s.plan_id, a.person_id, pl.institution_id, a.role, a.panel, s.part, s.room,"
    " s.starts_at, s.ends_at, pl.subject_code, pl.level, pl.status, i.name, es.name, es.address,"
    " es.region_code, COALESCE(emp.name, '')";
constexpr const char* kAssignmentColumns =
    "SELECT a.id, a.session_id, s.plan_id, a.person_id, a.role, a.panel, a.created_at, pe.name"
    " FROM assignments a JOIN plan_sessions s ON s.id = a.session_id JOIN people pe ON pe.id = "
    "a.person_id";
constexpr const char* kDeleteAssignment = "DELETE FROM assignments WHERE id = :id";
constexpr const char* kExaminerPlansAt =
    "SELECT COUNT(DISTINCT s.plan_id) FROM assignments a JOIN plan_sessions s ON s.id = "
    "a.session_id"
    " JOIN plans pl ON pl.id = s.plan_id WHERE a.role = 'examiner'"
    " AND a.person_id IN (SELECT o.id FROM people o JOIN people me ON me.identity_index = o.identity_index"
    "                     WHERE me.id = :p)"
    " AND pl.institution_id = :i AND pl.status <> 'cancelled' AND s.starts_at >= :f AND "
    "s.starts_at < :t";
constexpr const char* kAdmittedCandidates =
    "SELECT COUNT(*) FROM candidates WHERE plan_id = :p AND review = 'admitted'";

struct PersonRow {
  Person p;
  std::string kind, sealed, status;
  long long employer = 0, retired = 0, updated = 0;
  soci::indicator employer_ind = soci::i_null, retired_ind = soci::i_null,
                  updated_ind = soci::i_null;
  Person finish(const Tx& tx) {
    p.identity_no = opened_identity(tx, sealed);
    p.kind = parse_person_kind(kind).value_or(PersonKind::examiner);
    p.employer_id = opt<std::int64_t>(employer, employer_ind);
    p.status = parse_person_status(status).value_or(PersonStatus::active);
    p.retired_at = opt<Instant>(retired, retired_ind);
    p.updated_at = opt<Instant>(updated, updated_ind);
    return p;
  }
};
#define SKILLREG_PERSON_INTO(r)                                                                    \
  soci::into((r).p.id), soci::into((r).kind), soci::into((r).sealed),                             \
      soci::into((r).p.name), soci::into((r).p.phone), soci::into((r).employer, (r).employer_ind), \
      soci::into((r).p.region_code), soci::into((r).p.created_at), soci::into((r).status),         \
      soci::into((r).retired, (r).retired_ind), soci::into((r).p.retire_reason),                  \
      soci::into((r).updated, (r).updated_ind), soci::into((r).p.employer_name)

struct AssignmentRow {
  Assignment a;
  std::string role;
  Assignment finish() {
    a.role = parse_person_kind(role).value_or(PersonKind::examiner);
    return a;
  }
};
#define SKILLREG_ASSIGNMENT_INTO(r)                                               \
  soci::into((r).a.id), soci::into((r).a.session_id), soci::into((r).a.plan_id),  \
      soci::into((r).a.person_id), soci::into((r).role), soci::into((r).a.panel), \
      soci::into((r).a.created_at), soci::into((r).a.person_name)

std::string kinds_set(const std::vector<PersonKind>& kinds) {
  std::vector<std::string> names;
  for (auto k : kinds) names.emplace_back(to_string(k));
  return delimited_set(names);
}

}  // namespace

std::optional<std::int64_t> PersonnelRepo::active_registration(PersonKind kind, const std::string& identity_no) {
  long long employer = 0;
  const std::string k(to_string(kind));
  const auto index = identity_index(tx_, identity_no);
  tx_.sql << kActiveRegistration, soci::use(k), soci::use(index), soci::into(employer);
  if (!tx_.sql.got_data()) return std::nullopt;
  return employer;
}

std::optional<std::int64_t> PersonnelRepo::person_id_of(PersonKind kind,
                                                        const std::string& identity_no) {
  std::int64_t id = 0;
  const std::string k(to_string(kind));
  const auto index = identity_index(tx_, identity_no);
  tx_.sql << kPersonIdOf, soci::use(k), soci::use(index), soci::into(id);
  if (!tx_.sql.got_data()) return std::nullopt;
  return id;
}

std::int64_t PersonnelRepo::insert_person(const Person& p) {
  const std::string kind(to_string(p.kind));
  long long employer = p.employer_id.value_or(0);
  soci::indicator employer_ind = p.employer_id ? soci::i_ok : soci::i_null;
  long long id = 0;
  const auto identity = stored_identity(tx_, p.identity_no);
  tx_.sql << kInsertPerson, soci::use(kind), soci::use(identity.index), soci::use(identity.sealed), soci::use(p.name),
      soci::use(p.phone), soci::use(employer, employer_ind), soci::use(p.region_code),
      soci::use(p.created_at), soci::into(id);
  for (const auto& q : p.qualifications) {
    const std::string until = q.valid_until.to_string();
    tx_.sql << kInsertQualification, soci::use(id), soci::use(q.subject_code), soci::use(q.level),
        soci::use(until);
  }
  return id;
}

void PersonnelRepo::update_person(const Person& p) {
  long long updated = p.updated_at.value_or(0);
  soci::indicator updated_ind = p.updated_at ? soci::i_ok : soci::i_null;
  tx_.sql << kUpdatePerson, soci::use(p.name, "n"), soci::use(p.phone, "ph"),
      soci::use(updated, updated_ind, "u"), soci::use(p.id, "id");
  tx_.sql << kDeleteQualifications, soci::use(p.id, "p");
  for (const auto& q : p.qualifications) {
    const std::string until = q.valid_until.to_string();
    tx_.sql << kInsertQualification, soci::use(p.id), soci::use(q.subject_code),
        soci::use(q.level), soci::use(until);
  }
}

void PersonnelRepo::retire_person(std::int64_t id, Instant at, const std::string& reason) {
  tx_.sql << kRetirePerson, soci::use(at, "at"), soci::use(reason, "r"), soci::use(at, "u"),
      soci::use(id, "id");
}

std::vector<Qualification> PersonnelRepo::qualifications(std::int64_t person_id) {
  std::vector<Qualification> out;
  Qualification q;
  std::string until;
  soci::statement st = (tx_.sql.prepare << kSelectQualifications, soci::use(person_id),
                        soci::into(q.subject_code), soci::into(q.level), soci::into(until));
  st.execute();
  while (st.fetch()) {
    q.valid_until = Date::parse(until).value_or(Date{});
    out.push_back(q);
  }
  return out;
}

std::optional<Person> PersonnelRepo::person(std::int64_t id) {
  PersonRow row;
  tx_.sql << std::string(kPersonColumns) + " WHERE p.id = :id", soci::use(id),
      SKILLREG_PERSON_INTO(row);
  if (!tx_.sql.got_data()) return std::nullopt;
  auto p = row.finish(tx_);
  p.qualifications = qualifications(p.id);
  return p;
}

std::optional<std::string> PersonnelRepo::employer_authority(std::int64_t person_id) {
  std::string code;
  tx_.sql << kEmployerAuthority, soci::use(person_id), soci::into(code);
  if (!tx_.sql.got_data()) return std::nullopt;
  return code;
}

Page<Person> PersonnelRepo::people(const PersonQuery& q) {
  const std::string kinds = kinds_set(q.kinds), auths = delimited_set(q.authorities);
  const int any = q.any_scope ? 1 : 0;
  const long long emp = q.employer_id.value_or(-1);
  const std::string name = q.name_contains.empty() ? "" : like_contains(q.name_contains);
  Page<Person> page{{}, 0, q.page.page, q.page.page_size};
  tx_.sql << std::string(
                 "SELECT COUNT(*) FROM people p LEFT JOIN institutions i ON i.id = p.employer_id") +
                 kPeopleWhere,
      soci::into(page.total), soci::use(kinds, "kinds"), soci::use(any, "any"),
      soci::use(emp, "emp"), soci::use(auths, "auths1"), soci::use(auths, "auths2"),
      soci::use(name, "q1"), soci::use(name, "q2"), soci::use(q.status, "st1"),
      soci::use(q.status, "st2"), soci::use(q.subject_code, "sub1"),
      soci::use(q.subject_code, "sub2"), soci::use(q.subject_code, "sub3"),
      soci::use(q.level, "lvl1"), soci::use(q.level, "lvl2"), soci::use(q.level, "lvl3"),
      soci::use(q.level, "lvl4");
  PersonRow row;
  const long long limit = q.page.page_size, offset = q.page.offset();
  soci::statement st =
      (tx_.sql.prepare << std::string(kPersonColumns) + kPeopleWhere +
                              " ORDER BY p.id LIMIT :lim OFFSET :off",
       SKILLREG_PERSON_INTO(row), soci::use(kinds, "kinds"), soci::use(any, "any"),
       soci::use(emp, "emp"), soci::use(auths, "auths1"), soci::use(auths, "auths2"),
       soci::use(name, "q1"), soci::use(name, "q2"), soci::use(q.status, "st1"),
       soci::use(q.status, "st2"), soci::use(q.subject_code, "sub1"),
       soci::use(q.subject_code, "sub2"), soci::use(q.subject_code, "sub3"),
       soci::use(q.level, "lvl1"), soci::use(q.level, "lvl2"), soci::use(q.level, "lvl3"),
       soci::use(q.level, "lvl4"), soci::use(limit, "lim"), soci::use(offset, "off"));
  st.execute();
  while (st.fetch()) page.items.push_back(row.finish(tx_));
  for (auto& p : page.items) p.qualifications = qualifications(p.id);
  return page;
}

std::vector<Booking> PersonnelRepo::bookings(std::int64_t person_id) {
  std::vector<Booking> out;
  Booking b;
  soci::statement st =
      (tx_.sql.prepare << kBookings, soci::use(person_id), soci::into(b.session_id),
       soci::into(b.plan_id), soci::into(b.starts_at), soci::into(b.ends_at));
  st.execute();
  while (st.fetch()) out.push_back(b);
  return out;
}

bool PersonnelRepo::assigned(std::int64_t session_id, std::int64_t person_id) {
  long long n = 0;
  tx_.sql << kAssigned, soci::use(session_id), soci::use(person_id), soci::into(n);
  return n > 0;
}

std::int64_t PersonnelRepo::insert_assignment(const Assignment& a) {
  const std::string role(to_string(a.role));
  long long id = 0;
  tx_.sql << kInsertAssignment, soci::use(a.session_id), soci::use(a.person_id), soci::use(role),
      soci::use(a.panel), soci::use(a.created_at), soci::into(id);
  return id;
}

std::optional<Assignment> PersonnelRepo::assignment(std::int64_t id) {
  AssignmentRow row;
  tx_.sql << std::string(kAssignmentColumns) + " WHERE a.id = :id", soci::use(id),
      SKILLREG_ASSIGNMENT_INTO(row);
  if (!tx_.sql.got_data()) return std::nullopt;
  return row.finish();
}

std::vector<Assignment> PersonnelRepo::assignments_of_plan(std::int64_t plan_id) {
  std::vector<Assignment> out;
  AssignmentRow row;
  soci::statement st =
      (tx_.sql.prepare << std::string(kAssignmentColumns) +
                              " WHERE s.plan_id = :p ORDER BY s.starts_at, a.session_id, a.id",
       soci::use(plan_id), SKILLREG_ASSIGNMENT_INTO(row));
  st.execute();
  while (st.fetch()) out.push_back(row.finish());
  return out;
}

void PersonnelRepo::delete_assignment(std::int64_t id) {
  tx_.sql << kDeleteAssignment, soci::use(id);
}

int PersonnelRepo::examiner_plans_at(std::int64_t person_id, std::int64_t institution_id,
                                     Instant from, Instant to) {
  long long n = 0;
  tx_.sql << kExaminerPlansAt, soci::use(person_id), soci::use(institution_id), soci::use(from),
      soci::use(to), soci::into(n);
  return int(n);
}

int PersonnelRepo::admitted_candidates(std::int64_t plan_id) {
  long long n = 0;
  tx_.sql << kAdmittedCandidates, soci::use(plan_id), soci::into(n);
  return int(n);
}

std::vector<Person> PersonnelRepo::registrations_of_identity(const std::string& identity_index) {
  std::vector<std::int64_t> ids;
  {
    long long id = 0;
    soci::statement st = (tx_.sql.prepare << kRegistrationsOfIdentity, soci::use(identity_index), soci::into(id));
    st.execute();
    while (st.fetch()) ids.push_back(id);
  }
  std::vector<Person> out;
  for (const auto id : ids)
    if (auto p = person(id)) out.push_back(std::move(*p));
  return out;
}

Page<OwnAssignment> PersonnelRepo::assignments_of_identity(const OwnAssignmentQuery& q) {
  Page<OwnAssignment> page;
  page.page = q.page.page;
  page.page_size = q.page.page_size;
  tx_.sql << std::string("SELECT COUNT(*)") + kOwnAssignmentsFrom, soci::into(page.total),
      soci::use(q.identity_index, "i"), soci::use(q.when, "w1"), soci::use(q.when, "w2"), soci::use(q.now, "n1"),
      soci::use(q.when, "w3"), soci::use(q.now, "n2");
  OwnAssignment a;
  std::string role;
  const long long limit = q.page.page_size, offset = q.page.offset();
  const std::string order = q.when == "upcoming" ? " ORDER BY s.starts_at, a.id" : " ORDER BY s.starts_at DESC, a.id DESC";
  soci::statement st =
      (tx_.sql.prepare << std::string(kOwnAssignmentColumns) + kOwnAssignmentsFrom + order + " LIMIT :lim OFFSET :off",
       soci::into(a.id), soci::into(a.session_id), soci::into(a.plan_id), soci::into(a.person_id),
       soci::into(a.institution_id), soci::into(role), soci::into(a.panel), soci::into(a.part), soci::into(a.room),
       soci::into(a.starts_at), soci::into(a.ends_at), soci::into(a.subject_code), soci::into(a.level),
       soci::into(a.plan_status), soci::into(a.institution_name), soci::into(a.site_name), soci::into(a.site_address),
       soci::into(a.site_region_code), soci::into(a.employer_name), soci::use(q.identity_index, "i"),
       soci::use(q.when, "w1"), soci::use(q.when, "w2"), soci::use(q.now, "n1"), soci::use(q.when, "w3"),
       soci::use(q.now, "n2"), soci::use(limit, "lim"), soci::use(offset, "off"));
  st.execute();
  while (st.fetch()) {
    a.role = parse_person_kind(role).value_or(PersonKind::examiner);
    page.items.push_back(a);
  }
  return page;
}

}  // namespace skillreg
