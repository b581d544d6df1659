#include "store/activity_bulk.hpp"

namespace skillreg {

namespace {

constexpr const char* kInsertCandidate =
    "INSERT INTO candidates (plan_id, identity_no, name, birth_date, sex, education, years_in_trade,"
    " prior_level, prior_cert_date, apprenticeship, review, review_note, eligible, eligibility_json,"
    " result, batch_id, created_at) VALUES (:p, :id, :n, :b, :s, :e, :y, :pl, :pd, :a, :r, :rn, :el,"
    " :ej, :res, :batch, :c) RETURNING id";
constexpr const char* kPutScore =
    "INSERT INTO scores (candidate_id, part, score, recorded_at) VALUES (:c, :p, :s, :t)"
    " ON CONFLICT (candidate_id, part) DO UPDATE SET score = excluded.score, recorded_at = excluded.recorded_at";
constexpr const char* kInsertCertificate =
    "INSERT INTO certificates (cert_no, candidate_id, plan_id, institution_id, name, identity_no,"
    " subject_code, level, issued_on, status, void_reason, reported_on, created_at) VALUES (:no, :cand,"
    " :plan, :inst, :name, :id, :subj, :lvl, :issued, :status, '', :rep, :c)";

}  // namespace

CandidateWriter::CandidateWriter(Tx& tx)
    : st_((tx.sql.prepare << kInsertCandidate, soci::use(plan_), soci::use(identity_), soci::use(name_),
           soci::use(birth_), soci::use(sex_), soci::use(education_), soci::use(years_),
           soci::use(prior_level_, pl_ind_), soci::use(prior_date_, pd_ind_), soci::use(apprenticeship_),
           soci::use(review_), soci::use(note_), soci::use(eligible_), soci::use(eligibility_), soci::use(result_),
           soci::use(batch_, b_ind_), soci::use(created_), soci::into(id_))) {}

std::int64_t CandidateWriter::insert(const Candidate& c, std::optional<std::int64_t> batch_id) {
  plan_ = c.plan_id;
  identity_ = c.identity_no;
  name_ = c.name;
  birth_ = c.birth_date.to_string();
  sex_ = c.sex;
  education_ = c.education;
  years_ = c.years_in_trade;
  prior_level_ = c.prior_level.value_or(0);
  pl_ind_ = c.prior_level ? soci::i_ok : soci::i_null;
  prior_date_ = c.prior_cert_date ? c.prior_cert_date->to_string() : "";
  pd_ind_ = c.prior_cert_date ? soci::i_ok : soci::i_null;
  apprenticeship_ = c.apprenticeship ? 1 : 0;
  review_ = std::string(to_string(c.review));
  note_ = c.review_note;
  eligible_ = c.eligible ? 1 : 0;
  eligibility_ = c.eligibility_json;
  result_ = std::string(to_string(c.result));
  batch_ = batch_id.value_or(0);
  b_ind_ = batch_id ? soci::i_ok : soci::i_null;
  created_ = c.created_at;
  st_.execute(true);
  return id_;
}

ScoreWriter::ScoreWriter(Tx& tx)
    : st_((tx.sql.prepare << kPutScore, soci::use(candidate_), soci::use(part_), soci::use(score_), soci::use(at_))) {}

void ScoreWriter::put(const Score& s) {
  candidate_ = s.candidate_id;
  part_ = std::string(to_string(s.part));
  score_ = s.score;
  at_ = s.recorded_at;
  st_.execute(true);
}

CertificateWriter::CertificateWriter(Tx& tx)
    : st_((tx.sql.prepare << kInsertCertificate, soci::use(no_), soci::use(candidate_), soci::use(plan_),
           soci::use(inst_), soci::use(name_), soci::use(identity_), soci::use(subject_), soci::use(level_),
           soci::use(issued_), soci::use(status_), soci::use(reported_, rep_ind_), soci::use(created_))) {}

void CertificateWriter::insert(const Certificate& c) {
  no_ = c.cert_no;
  candidate_ = c.candidate_id;
  plan_ = c.plan_id;
  inst_ = c.institution_id;
  name_ = c.name;
  identity_ = c.identity_no;
  subject_ = c.subject_code;
  level_ = c.level;
  issued_ = c.issued_on.to_string();
  status_ = std::string(to_string(c.status));
  reported_ = c.reported_on ? c.reported_on->to_string() : "";
  rep_ind_ = c.reported_on ? soci::i_ok : soci::i_null;
  created_ = c.created_at;
  st_.execute(true);
}

}  // namespace skillreg
