#include "store/candidate_repo.hpp"

#include "store/eligibility_verdicts.hpp"
#include "store/identity_columns.hpp"
#include "store/monitoring_repo.hpp"

namespace skillreg {

namespace {

// The verdict is read through its id (migration 0017) by a subquery, so the WHERE clauses the
// queries append keep naming the candidate's own columns.
constexpr const char* kColumns =
    "SELECT id, plan_id, identity_sealed, name, birth_date, sex, education, years_in_trade, prior_level,"
    " prior_cert_date, apprenticeship, review, review_note, eligible,"
    " (SELECT v.verdict FROM eligibility_verdicts v WHERE v.id = candidates.eligibility_id), result, created_at"
    " FROM candidates";
constexpr const char* kInsert =
    "INSERT INTO candidates (plan_id, identity_index, identity_sealed, name, birth_date, sex, education,"
    " years_in_trade, prior_level, prior_cert_date, apprenticeship, review, review_note, eligible, eligibility_id,"
    " result, batch_id, created_at) VALUES (:p, :ix, :id, :n, :b, :s, :e, :y, :pl, :pd, :a, :r, :rn, :el,"
    " :ev, :res, :batch, :c) RETURNING id";
// A plan's candidates as a batch for it needs them (app/batch_service.cpp).
constexpr const char* kRoster =
    "SELECT c.id, c.identity_index, c.review, c.result,"
    " (SELECT COUNT(*) FROM certificates x WHERE x.candidate_id = c.id)"
    " FROM candidates c WHERE c.plan_id = :p";
// S19(2): the same person admitted to another live plan whose sessions overlap this plan's.
constexpr const char* kOverlaps =
    "SELECT DISTINCT c.id, o.plan_id FROM candidates c"
    " JOIN candidates o ON o.identity_index = c.identity_index AND o.plan_id <> c.plan_id AND o.review = 'admitted'"
    " JOIN plans op ON op.id = o.plan_id AND op.status <> 'cancelled'"
    " JOIN plan_sessions s ON s.plan_id = c.plan_id"
    " JOIN plan_sessions os ON os.plan_id = o.plan_id AND os.starts_at < s.ends_at AND s.starts_at < os.ends_at"
    " WHERE c.plan_id = :p AND c.review = 'admitted'";
constexpr const char* kOverlapsOrder = " ORDER BY c.id, o.plan_id";

// "(1,2,3)": ids the server holds (a page's, a candidate's), never text from a request.
std::string in_list(const std::vector<std::int64_t>& ids) {
  std::string out = "(";
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
  return out + ")";
}

struct Row {
  Candidate c;
  std::string sealed, birth, review, result, prior_date;
  int prior_level = 0, apprenticeship = 0, eligible = 0;
  soci::indicator pl_ind = soci::i_null, pd_ind = soci::i_null;
  Candidate finish(const Tx& tx) {
    c.identity_no = opened_identity(tx, sealed);
    c.birth_date = Date::parse(birth).value_or(Date{});
    c.prior_level = pl_ind == soci::i_ok ? std::optional<int>(prior_level) : std::nullopt;
    c.prior_cert_date = pd_ind == soci::i_ok ? Date::parse(prior_date) : std::nullopt;
    c.apprenticeship = apprenticeship != 0;
    c.eligible = eligible != 0;
    c.review = parse_review_decision(review).value_or(ReviewDecision::pending);
    c.result = parse_exam_result(result).value_or(ExamResult::pending);
    return c;
  }
};
#define SKILLREG_CANDIDATE_INTO(r)                                                                     \
  soci::into((r).c.id), soci::into((r).c.plan_id), soci::into((r).sealed), soci::into((r).c.name),       \
      soci::into((r).birth), soci::into((r).c.sex), soci::into((r).c.education),                       \
      soci::into((r).c.years_in_trade), soci::into((r).prior_level, (r).pl_ind),                       \
      soci::into((r).prior_date, (r).pd_ind), soci::into((r).apprenticeship), soci::into((r).review),  \
      soci::into((r).c.review_note), soci::into((r).eligible), soci::into((r).c.eligibility_json),     \
      soci::into((r).result), soci::into((r).c.created_at)

}  // namespace

std::int64_t CandidateRepo::insert(const Candidate& c, std::optional<std::int64_t> batch_id) {
  const std::string birth = c.birth_date.to_string(), review(to_string(c.review)), result(to_string(c.result));
  const std::string prior_date = c.prior_cert_date ? c.prior_cert_date->to_string() : "";
  const int prior_level = c.prior_level.value_or(0), apprenticeship = c.apprenticeship ? 1 : 0,
            eligible = c.eligible ? 1 : 0;
  const long long batch = batch_id.value_or(0);
  soci::indicator pl_ind = c.prior_level ? soci::i_ok : soci::i_null,
                  pd_ind = c.prior_cert_date ? soci::i_ok : soci::i_null,
                  b_ind = batch_id ? soci::i_ok : soci::i_null;
  long long id = 0;
  const auto identity = stored_identity(tx_, c.identity_no);
  const long long verdict = EligibilityVerdicts(tx_).id_of(c.eligibility_json);
  tx_.sql << kInsert, soci::use(c.plan_id), soci::use(identity.index), soci::use(identity.sealed), soci::use(c.name), soci::use(birth),
      soci::use(c.sex), soci::use(c.education), soci::use(c.years_in_trade), soci::use(prior_level, pl_ind),
      soci::use(prior_date, pd_ind), soci::use(apprenticeship), soci::use(review), soci::use(c.review_note),
      soci::use(eligible), soci::use(verdict), soci::use(result), soci::use(batch, b_ind),
      soci::use(c.created_at), soci::into(id);
  // S14(1): no trigger marks a plan whose candidates were inserted (migration 0017).
  MonitoringRepo(tx_).mark_dirty(c.plan_id);
  return id;
}

std::optional<Candidate> CandidateRepo::find(std::int64_t id) {
  Row row;
  tx_.sql << std::string(kColumns) + " WHERE id = :id", soci::use(id), SKILLREG_CANDIDATE_INTO(row);
  if (!tx_.sql.got_data()) return std::nullopt;
  return row.finish(tx_);
}

bool CandidateRepo::exists_in_plan(std::int64_t plan_id, const std::string& identity_no) {
  long long n = 0;
  const auto index = identity_index(tx_, identity_no);
  tx_.sql << "SELECT COUNT(*) FROM candidates WHERE plan_id = :p AND identity_index = :i", soci::use(plan_id),
      soci::use(index), soci::into(n);
  return n > 0;
}

Page<Candidate> CandidateRepo::list(const CandidateQuery& q) {
  const std::string review = q.review ? std::string(to_string(*q.review)) : "";
  const std::string result = q.result ? std::string(to_string(*q.result)) : "";
  const int any_el = q.eligible ? 0 : 1, el = q.eligible.value_or(false) ? 1 : 0;
  const std::string name_like = like_contains(q.q);
  const std::string where =
      " WHERE plan_id = :p AND (:r1 = '' OR review = :r2) AND (:x1 = '' OR result = :x2)"
      " AND (:any_el = 1 OR eligible = :el) AND name LIKE :nl ESCAPE '\\'";
  Page<Candidate> page{{}, 0, q.page.page, q.page.page_size};
  if (q.page.count)
    tx_.sql << "SELECT COUNT(*) FROM candidates" + where, soci::into(page.total), soci::use(q.plan_id, "p"),
        soci::use(review, "r1"), soci::use(review, "r2"), soci::use(result, "x1"), soci::use(result, "x2"),
        soci::use(any_el, "any_el"), soci::use(el, "el"), soci::use(name_like, "nl");
  Row row;
  const long long limit = q.page.page_size, offset = q.page.offset(), after = q.page.after_id();
  soci::statement st = (tx_.sql.prepare << std::string(kColumns) + where +
                                               " AND id > :after ORDER BY id LIMIT :lim OFFSET :off",
                        SKILLREG_CANDIDATE_INTO(row), soci::use(q.plan_id, "p"), soci::use(review, "r1"),
                        soci::use(review, "r2"), soci::use(result, "x1"), soci::use(result, "x2"),
                        soci::use(any_el, "any_el"), soci::use(el, "el"), soci::use(name_like, "nl"),
                        soci::use(after, "after"), soci::use(limit, "lim"), soci::use(offset, "off"));
  st.execute();
  while (st.fetch()) page.items.push_back(row.finish(tx_));
  return page;
}

std::vector<Candidate> CandidateRepo::admitted(std::int64_t plan_id) {
  std::vector<Candidate> out;
  Row row;
  soci::statement st = (tx_.sql.prepare << std::string(kColumns) + " WHERE plan_id = :p AND review = 'admitted'"
                                               " ORDER BY id",
                        soci::use(plan_id), SKILLREG_CANDIDATE_INTO(row));
  st.execute();
  while (st.fetch()) out.push_back(row.finish(tx_));
  return out;
}

void CandidateRepo::set_review(std::int64_t id, ReviewDecision d, const std::string& note) {
  const std::string review(to_string(d));
  tx_.sql << "UPDATE candidates SET review = :r, review_note = :n WHERE id = :id", soci::use(review),
      soci::use(note), soci::use(id);
}

void CandidateRepo::set_result(std::int64_t id, ExamResult r) {
  // S18: a voided result stays void whatever scores arrive, until a review restores it.
  const std::string result(to_string(r));
  tx_.sql << "UPDATE candidates SET result = :r WHERE id = :id AND result <> 'voided'", soci::use(result),
      soci::use(id);
}

void CandidateRepo::void_result(std::int64_t id) {
  tx_.sql << "UPDATE candidates SET result = 'voided' WHERE id = :id", soci::use(id);
}

void CandidateRepo::restore_result(std::int64_t id, ExamResult prior) {
  const std::string result(to_string(prior));
  tx_.sql << "UPDATE candidates SET result = :r WHERE id = :id AND result = 'voided'", soci::use(result),
      soci::use(id);
}

std::int64_t CandidateRepo::count(std::int64_t plan_id, std::optional<ReviewDecision> review) {
  const std::string r = review ? std::string(to_string(*review)) : "";
  long long n = 0;
  tx_.sql << "SELECT COUNT(*) FROM candidates WHERE plan_id = :p AND (:r1 = '' OR review = :r2)",
      soci::use(plan_id, "p"), soci::use(r, "r1"), soci::use(r, "r2"), soci::into(n);
  return n;
}

CandidateRepo::AdmittedResults CandidateRepo::admitted_results(std::int64_t plan_id) {
  long long admitted = 0, pending = 0, passed = 0;
  tx_.sql << "SELECT COUNT(*), COALESCE(SUM(CASE WHEN result = 'pending' THEN 1 ELSE 0 END), 0),"
             " COALESCE(SUM(CASE WHEN result = 'passed' THEN 1 ELSE 0 END), 0)"
             " FROM candidates WHERE plan_id = :p AND review = 'admitted'",
      soci::use(plan_id, "p"), soci::into(admitted), soci::into(pending), soci::into(passed);
  return {admitted, pending, passed};
}

void CandidateRepo::each_on_plan(std::int64_t plan_id, const std::function<void(const PlanCandidateKey&)>& visit) {
  PlanCandidateKey e;
  long long id = 0;
  int certified = 0;
  soci::statement st = (tx_.sql.prepare << kRoster, soci::use(plan_id), soci::into(id), soci::into(e.identity_index),
                        soci::into(e.review), soci::into(e.result), soci::into(certified));
  st.execute();
  while (st.fetch()) {
    e.id = id;
    e.certified = certified > 0;
    visit(e);
  }
}

namespace {

std::vector<OverlapFinding> overlaps_where(Tx& tx, std::int64_t plan_id, const std::string& narrowing) {
  std::vector<OverlapFinding> out;
  OverlapFinding f;
  soci::statement st = (tx.sql.prepare << std::string(kOverlaps) + narrowing + kOverlapsOrder, soci::use(plan_id),
                        soci::into(f.candidate_id), soci::into(f.other_plan_id));
  st.execute();
  while (st.fetch()) out.push_back(f);
  return out;
}

}  // namespace

std::vector<OverlapFinding> CandidateRepo::overlaps(std::int64_t plan_id) { return overlaps_where(tx_, plan_id, ""); }

std::vector<OverlapFinding> CandidateRepo::overlaps(std::int64_t plan_id, const std::vector<std::int64_t>& only) {
  if (only.empty()) return {};
  return overlaps_where(tx_, plan_id, " AND c.id IN " + in_list(only));
}

std::vector<std::int64_t> CandidateRepo::admitted_ineligible_ids(std::int64_t plan_id) {
  std::vector<std::int64_t> out;
  long long id = 0;
  soci::statement st = (tx_.sql.prepare << "SELECT id FROM candidates WHERE plan_id = :p AND review = 'admitted'"
                                           " AND eligible = 0 ORDER BY id",
                        soci::use(plan_id), soci::into(id));
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

std::vector<Candidate> CandidateRepo::find_many(const std::vector<std::int64_t>& ids) {
  std::vector<Candidate> out;
  if (ids.empty()) return out;
  Row row;
  soci::statement st = (tx_.sql.prepare << std::string(kColumns) + " WHERE id IN " + in_list(ids) + " ORDER BY id",
                        SKILLREG_CANDIDATE_INTO(row));
  st.execute();
  while (st.fetch()) out.push_back(row.finish(tx_));
  return out;
}

std::map<Part, double> CandidateRepo::scores_of(std::int64_t candidate_id) {
  std::map<Part, double> out;
  std::string part;
  double score = 0;
  soci::statement st = (tx_.sql.prepare << "SELECT part, score FROM scores WHERE candidate_id = :c",
                        soci::use(candidate_id), soci::into(part), soci::into(score));
  st.execute();
  while (st.fetch())
    if (auto p = parse_part(part)) out[*p] = score;
  return out;
}

std::map<std::int64_t, std::map<Part, double>> CandidateRepo::scores_of_plan(std::int64_t plan_id) {
  std::map<std::int64_t, std::map<Part, double>> out;
  long long candidate = 0;
  std::string part;
  double score = 0;
  soci::statement st = (tx_.sql.prepare << "SELECT s.candidate_id, s.part, s.score FROM scores s"
                                           " JOIN candidates c ON c.id = s.candidate_id WHERE c.plan_id = :p",
                        soci::use(plan_id), soci::into(candidate), soci::into(part), soci::into(score));
  st.execute();
  while (st.fetch())
    if (auto p = parse_part(part)) out[candidate][*p] = score;
  return out;
}

std::map<std::int64_t, std::map<Part, double>> CandidateRepo::scores_of(const std::vector<std::int64_t>& candidates) {
  std::map<std::int64_t, std::map<Part, double>> out;
  if (candidates.empty()) return out;
  long long candidate = 0;
  std::string part;
  double score = 0;
  soci::statement st = (tx_.sql.prepare << "SELECT candidate_id, part, score FROM scores WHERE candidate_id IN " +
                                               in_list(candidates),
                        soci::into(candidate), soci::into(part), soci::into(score));
  st.execute();
  while (st.fetch())
    if (auto p = parse_part(part)) out[candidate][*p] = score;
  return out;
}

void CandidateRepo::put_score(const Score& s) {
  // An update, else an insert, not an UPSERT: SQLite lets an UPSERT's conflict handling override
  // the INSERT OR IGNORE of the monitoring trigger on scores (0010_monitoring.sql), which then
  // fails on a plan already marked for re-scoring.
  const std::string part(to_string(s.part));
  soci::statement update = (tx_.sql.prepare << "UPDATE scores SET score = :s, recorded_at = :t WHERE candidate_id = :c AND part = :p",
                            soci::use(s.score), soci::use(s.recorded_at), soci::use(s.candidate_id), soci::use(part));
  update.execute(true);
  if (update.get_affected_rows() > 0) return;
  tx_.sql << "INSERT INTO scores (candidate_id, part, score, recorded_at) VALUES (:c, :p, :s, :t)",
      soci::use(s.candidate_id), soci::use(part), soci::use(s.score), soci::use(s.recorded_at);
}

void CandidateRepo::insert_score_change(std::int64_t candidate_id, Part part, double before, double after,
                                        const std::string& reason, std::int64_t by, Instant at) {
  const std::string p(to_string(part));
  tx_.sql << "INSERT INTO score_changes (candidate_id, part, before_score, after_score, reason, changed_by,"
             " created_at) VALUES (:c, :p, :b, :a, :r, :by, :t)",
      soci::use(candidate_id), soci::use(p), soci::use(before), soci::use(after), soci::use(reason), soci::use(by),
      soci::use(at);
}

}  // namespace skillreg
