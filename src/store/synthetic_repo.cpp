#include "store/synthetic_repo.hpp"

#include "store/identity_columns.hpp"

namespace skillreg {

namespace {

constexpr const char* kInsertPerson =
    "INSERT INTO people (kind, identity_index, identity_sealed, name, phone, employer_id, region_code, created_at)"
    " VALUES (:k, :ix, :i, :n, '', :e, :r, :t) RETURNING id";
constexpr const char* kInsertQualification =
    "INSERT INTO person_qualifications (person_id, subject_code, level, valid_until) VALUES (:p, :s, :l, :v)";
constexpr const char* kAssign =
    "INSERT INTO assignments (session_id, person_id, role, panel, created_at) VALUES (:s, :p, :r, '', :t)";
constexpr const char* kPaper =
    "INSERT INTO papers (session_id, paper_id, generated_at, paperless, created_at) VALUES (:s, :p, :g, :pl, :t)";
constexpr const char* kVideo =
    "INSERT INTO videos (session_id, room, storage_id, starts_at, ends_at, sha256, created_at)"
    " VALUES (:s, :r, :st, :a, :b, :h, :t)";
constexpr const char* kTruth =
    "INSERT INTO synthetic_truth (kind, object_type, object_id, plan_id, detail) VALUES (:k, :t, :o, :p, :d)";
constexpr const char* kSerial =
    "INSERT INTO certificate_serials (institution_id, year, level, next_value) VALUES (:i, :y, :l, :n)"
    " ON CONFLICT (institution_id, year, level) DO UPDATE SET next_value = excluded.next_value";

}  // namespace

SyntheticRepo::SyntheticRepo(Tx& tx)
    : tx_(tx),
      assign_((tx.sql.prepare << kAssign, soci::use(session_), soci::use(person_), soci::use(role_), soci::use(at_))),
      paper_((tx.sql.prepare << kPaper, soci::use(session_), soci::use(paper_id_), soci::use(generated_),
              soci::use(paperless_), soci::use(at_))),
      video_((tx.sql.prepare << kVideo, soci::use(session_), soci::use(room_), soci::use(storage_), soci::use(starts_),
              soci::use(ends_), soci::use(sha_), soci::use(at_))),
      truth_((tx.sql.prepare << kTruth, soci::use(kind_), soci::use(object_type_), soci::use(object_id_),
              soci::use(plan_), soci::use(detail_))) {}

std::int64_t SyntheticRepo::insert_person(const std::string& kind, const std::string& identity_no,
                                          const std::string& name, std::optional<std::int64_t> employer_id,
                                          const std::string& region_code, Instant at) {
  long long id = 0, employer = employer_id.value_or(0);
  soci::indicator ind = employer_id ? soci::i_ok : soci::i_null;
  const auto identity = stored_identity(tx_, identity_no);
  tx_.sql << kInsertPerson, soci::use(kind), soci::use(identity.index), soci::use(identity.sealed), soci::use(name), soci::use(employer, ind),
      soci::use(region_code), soci::use(at), soci::into(id);
  return id;
}

void SyntheticRepo::insert_qualification(std::int64_t person_id, const std::string& subject_code, int level,
                                         const std::string& valid_until) {
  tx_.sql << kInsertQualification, soci::use(person_id), soci::use(subject_code), soci::use(level),
      soci::use(valid_until);
}

void SyntheticRepo::assign(std::int64_t session_id, std::int64_t person_id, const std::string& role, Instant at) {
  session_ = session_id;
  person_ = person_id;
  role_ = role;
  at_ = at;
  assign_.execute(true);
}

void SyntheticRepo::paper(std::int64_t session_id, const std::string& paper_id, Instant generated_at, bool paperless,
                          Instant at) {
  session_ = session_id;
  paper_id_ = paper_id;
  generated_ = generated_at;
  paperless_ = paperless ? 1 : 0;
  at_ = at;
  paper_.execute(true);
}

void SyntheticRepo::video(std::int64_t session_id, const std::string& room, const std::string& storage_id,
                          Instant starts, Instant ends, const std::string& sha256, Instant at) {
  session_ = session_id;
  room_ = room;
  storage_ = storage_id;
  starts_ = starts;
  ends_ = ends;
  sha_ = sha256;
  at_ = at;
  video_.execute(true);
}

void SyntheticRepo::truth(const std::string& kind, const std::string& object_type, const std::string& object_id,
                          std::int64_t plan_id, const std::string& detail) {
  kind_ = kind;
  object_type_ = object_type;
  object_id_ = object_id;
  plan_ = plan_id;
  detail_ = detail;
  truth_.execute(true);
}

void SyntheticRepo::set_serial(std::int64_t institution_id, int year, int level, int next_value) {
  tx_.sql << kSerial, soci::use(institution_id), soci::use(year), soci::use(level), soci::use(next_value);
}

bool SyntheticRepo::activity_exists() {
  long long n = 0;
  tx_.sql << "SELECT COUNT(*) FROM plans", soci::into(n);
  return n > 0;
}

}  // namespace skillreg
