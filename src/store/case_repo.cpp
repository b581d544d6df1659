#include "store/case_repo.hpp"

#include "store/supervision_repo.hpp"

namespace skillreg {

namespace {

constexpr const char* kColumns =
    "SELECT c.id, c.case_no, c.institution_id, i.code, i.name, i.credit_code, c.authority_code, c.status, c.origin,"
    " COALESCE(c.origin_id, 0), c.items_json, c.serious, c.facts, c.evidence_json, c.measure, c.voids_results,"
    " c.escalation_json, c.reasons, c.basis, COALESCE(c.proposed_on, ''), COALESCE(c.served_on, ''),"
    " COALESCE(c.service_method, ''), COALESCE(c.statement_due, ''), COALESCE(c.decision, ''), c.decision_reasons,"
    " COALESCE(c.decided_on, ''), COALESCE(c.review_due, ''), COALESCE(c.rectification_due, ''),"
    " COALESCE(c.rectification_verified_on, ''), COALESCE(c.interview_on, ''), c.interview_place,"
    " c.certificates_json, COALESCE(c.review_outcome, ''), c.review_reasons, COALESCE(c.reviewed_on, ''),"
    " c.effects_json, c.record, COALESCE(c.created_by, 0), c.created_at, c.updated_at, c.candidates_json,"
    " COALESCE(c.proposed_measure, ''), COALESCE(c.decided_measure, '')"
    " FROM cases c JOIN institutions i ON i.id = c.institution_id";
// In force: decided (upheld or changed) and not overturned by a review.
constexpr const char* kInForce =
    " c.status IN ('decided', 'review_requested', 'reviewed', 'closed') AND c.decision IN ('upheld', 'changed')"
    " AND COALESCE(c.review_outcome, '') <> 'overturned'";

std::optional<Date> date_or_none(const std::string& s) { return s.empty() ? std::nullopt : Date::parse(s); }

struct Row {
  CaseRecord c;
  std::string status, items, evidence, measure, escalation, proposed, served, method, statement_due, decision, decided,
      review_due, rect_due, rect_verified, interview_on, certificates, review_outcome, reviewed, effects, candidates,
      proposed_measure, decided_measure;
  int serious = 0, voids = 0;
  long long origin = 0, created_by = 0;
  CaseRecord finish() {
    c.status = parse_case_status(status).value_or(CaseStatus::draft);
    c.origin_id = origin ? std::optional<std::int64_t>(origin) : std::nullopt;
    c.created_by = created_by ? std::optional<std::int64_t>(created_by) : std::nullopt;
    c.serious = serious != 0;
    c.voids_results = voids != 0;
    auto items_j = nlohmann::json::parse(items, nullptr, false);
    if (items_j.is_array()) c.items = items_j.get<std::vector<std::string>>();
    auto ev = nlohmann::json::parse(evidence, nullptr, false);
    if (ev.is_array())
      for (const auto& e : ev)
        c.evidence.push_back(
            {e.value("type", ""), e.value("id", std::int64_t{0}), e.value("note", ""), e.value("ref", "")});
    c.measure = parse_measure_class(measure).value_or(MeasureClass::interview);
    c.proposed_measure = parse_measure_class(proposed_measure);
    c.decided_measure = parse_measure_class(decided_measure);
    auto esc = nlohmann::json::parse(escalation, nullptr, false);
    if (esc.is_array()) c.escalation = esc.get<std::vector<std::string>>();
    c.proposed_on = date_or_none(proposed);
    c.served_on = date_or_none(served);
    c.service_method = method;
    c.statement_due = date_or_none(statement_due);
    c.decision = decision.empty() ? std::nullopt : parse_decision_outcome(decision);
    c.decided_on = date_or_none(decided);
    c.review_due = date_or_none(review_due);
    c.rectification_due = date_or_none(rect_due);
    c.rectification_verified_on = date_or_none(rect_verified);
    c.interview_on = date_or_none(interview_on);
    auto certs = nlohmann::json::parse(certificates, nullptr, false);
    if (certs.is_array()) c.certificates = certs.get<std::vector<std::string>>();
    auto cands = nlohmann::json::parse(candidates, nullptr, false);
    if (cands.is_array())
      for (const auto& x : cands)
        c.candidates.push_back({x.value("id", std::int64_t{0}), x.value("plan_id", std::int64_t{0}), x.value("name", "")});
    c.review_outcome = review_outcome.empty() ? std::nullopt : parse_review_outcome(review_outcome);
    c.reviewed_on = date_or_none(reviewed);
    c.effects = nlohmann::json::parse(effects, nullptr, false);
    if (!c.effects.is_object()) c.effects = nlohmann::json::object();
    return c;
  }
};
#define SKILLREG_CASE_INTO(r)                                                                                    \
  soci::into((r).c.id), soci::into((r).c.case_no), soci::into((r).c.institution_id),                            \
      soci::into((r).c.institution_code), soci::into((r).c.institution_name), soci::into((r).c.credit_code),    \
      soci::into((r).c.authority_code), soci::into((r).status), soci::into((r).c.origin), soci::into((r).origin), \
      soci::into((r).items), soci::into((r).serious), soci::into((r).c.facts), soci::into((r).evidence),        \
      soci::into((r).measure), soci::into((r).voids), soci::into((r).escalation), soci::into((r).c.reasons),    \
      soci::into((r).c.basis), soci::into((r).proposed), soci::into((r).served), soci::into((r).method),        \
      soci::into((r).statement_due), soci::into((r).decision), soci::into((r).c.decision_reasons),              \
      soci::into((r).decided), soci::into((r).review_due), soci::into((r).rect_due), soci::into((r).rect_verified), \
      soci::into((r).interview_on), soci::into((r).c.interview_place), soci::into((r).certificates),            \
      soci::into((r).review_outcome), soci::into((r).c.review_reasons), soci::into((r).reviewed),              \
      soci::into((r).effects), soci::into((r).c.record), soci::into((r).created_by), soci::into((r).c.created_at), \
      soci::into((r).c.updated_at), soci::into((r).candidates), soci::into((r).proposed_measure),               \
      soci::into((r).decided_measure)

// A nullable text column bound for writing.
struct NullableText {
  std::string value;
  soci::indicator ind = soci::i_null;
  explicit NullableText(const std::optional<std::string>& v) : value(v.value_or("")), ind(v ? soci::i_ok : soci::i_null) {}
  explicit NullableText(const std::optional<Date>& d)
      : value(d ? d->to_string() : ""), ind(d ? soci::i_ok : soci::i_null) {}
};

std::optional<std::string> measure_name(const std::optional<MeasureClass>& m) {
  return m ? std::optional<std::string>(std::string(to_string(*m))) : std::nullopt;
}

std::string candidates_text(const std::vector<CaseCandidate>& candidates) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& c : candidates) j.push_back({{"id", c.id}, {"plan_id", c.plan_id}, {"name", c.name}});
  return j.dump();
}

std::string evidence_text(const std::vector<EvidenceLink>& links) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& e : links) {
    nlohmann::json link{{"type", e.type}, {"id", e.id}, {"note", e.note}};
    if (!e.ref.empty()) link["ref"] = e.ref;
    j.push_back(std::move(link));
  }
  return j.dump();
}

}  // namespace

std::int64_t CaseRepo::insert(const CaseRecord& c) {
  const std::string status(to_string(c.status)), measure(to_string(c.measure));
  const std::string items = nlohmann::json(c.items).dump(), evidence = evidence_text(c.evidence),
                    escalation = nlohmann::json(c.escalation).dump();
  NullableId origin(c.origin_id), by(c.created_by);
  const int serious = c.serious ? 1 : 0, voids = c.voids_results ? 1 : 0;
  long long id = 0;
  tx_.sql << "INSERT INTO cases (case_no, institution_id, authority_code, status, origin, origin_id, items_json,"
             " serious, facts, evidence_json, measure, voids_results, escalation_json, created_by, created_at,"
             " updated_at) VALUES (:no, :i, :a, :s, :o, :oid, :it, :se, :f, :ev, :m, :v, :es, :by, :ca, :ua) RETURNING id",
      soci::use(c.case_no, "no"), soci::use(c.institution_id, "i"), soci::use(c.authority_code, "a"),
      soci::use(status, "s"), soci::use(c.origin, "o"), soci::use(origin.value, origin.ind, "oid"),
      soci::use(items, "it"), soci::use(serious, "se"), soci::use(c.facts, "f"), soci::use(evidence, "ev"),
      soci::use(measure, "m"), soci::use(voids, "v"), soci::use(escalation, "es"), soci::use(by.value, by.ind, "by"),
      soci::use(c.created_at, "ca"), soci::use(c.updated_at, "ua"), soci::into(id);
  return id;
}

void CaseRepo::save(const CaseRecord& c) {
  const std::string status(to_string(c.status)), measure(to_string(c.measure));
  const std::string items = nlohmann::json(c.items).dump(), evidence = evidence_text(c.evidence),
                    escalation = nlohmann::json(c.escalation).dump(),
                    certificates = nlohmann::json(c.certificates).dump(), effects = c.effects.dump(),
                    candidates = candidates_text(c.candidates);
  const int serious = c.serious ? 1 : 0, voids = c.voids_results ? 1 : 0;
  NullableText proposed(c.proposed_on), served(c.served_on), statement_due(c.statement_due), decided(c.decided_on),
      review_due(c.review_due), rect_due(c.rectification_due), rect_verified(c.rectification_verified_on),
      interview(c.interview_on), reviewed(c.reviewed_on),
      method(c.service_method.empty() ? std::nullopt : std::optional<std::string>(c.service_method)),
      decision(c.decision ? std::optional<std::string>(std::string(to_string(*c.decision))) : std::nullopt),
      review(c.review_outcome ? std::optional<std::string>(std::string(to_string(*c.review_outcome))) : std::nullopt),
      proposed_measure(measure_name(c.proposed_measure)), decided_measure(measure_name(c.decided_measure));
  tx_.sql << "UPDATE cases SET status = :s, items_json = :it, serious = :se, facts = :f, evidence_json = :ev,"
             " measure = :m, proposed_measure = :pm, decided_measure = :dm, voids_results = :v, escalation_json = :es,"
             " reasons = :r, basis = :b, proposed_on = :po,"
             " served_on = :so, service_method = :sm, statement_due = :sd, decision = :d, decision_reasons = :dr,"
             " decided_on = :do, review_due = :rd, rectification_due = :rcd, rectification_verified_on = :rcv,"
             " interview_on = :io, interview_place = :ip, certificates_json = :ce, candidates_json = :cn, review_outcome = :ro,"
             " review_reasons = :rr, reviewed_on = :rvo, effects_json = :ef, record = :rec, updated_at = :ua"
             " WHERE id = :id",
      soci::use(status, "s"), soci::use(items, "it"), soci::use(serious, "se"), soci::use(c.facts, "f"),
      soci::use(evidence, "ev"), soci::use(measure, "m"), soci::use(proposed_measure.value, proposed_measure.ind, "pm"),
      soci::use(decided_measure.value, decided_measure.ind, "dm"), soci::use(voids, "v"), soci::use(escalation, "es"),
      soci::use(c.reasons, "r"), soci::use(c.basis, "b"), soci::use(proposed.value, proposed.ind, "po"),
      soci::use(served.value, served.ind, "so"), soci::use(method.value, method.ind, "sm"),
      soci::use(statement_due.value, statement_due.ind, "sd"), soci::use(decision.value, decision.ind, "d"),
      soci::use(c.decision_reasons, "dr"), soci::use(decided.value, decided.ind, "do"),
      soci::use(review_due.value, review_due.ind, "rd"), soci::use(rect_due.value, rect_due.ind, "rcd"),
      soci::use(rect_verified.value, rect_verified.ind, "rcv"), soci::use(interview.value, interview.ind, "io"),
      soci::use(c.interview_place, "ip"), soci::use(certificates, "ce"), soci::use(candidates, "cn"), soci::use(review.value, review.ind, "ro"),
      soci::use(c.review_reasons, "rr"), soci::use(reviewed.value, reviewed.ind, "rvo"), soci::use(effects, "ef"),
      soci::use(c.record, "rec"), soci::use(c.updated_at, "ua"), soci::use(c.id, "id");
}

void CaseRepo::load_statements(CaseRecord& c) {
  CaseStatement s;
  soci::statement st = (tx_.sql.prepare << "SELECT id, kind, text, submitted_by, submitted_at FROM case_statements"
                                           " WHERE case_id = :c ORDER BY id",
                        soci::use(c.id, "c"), soci::into(s.id), soci::into(s.kind), soci::into(s.text),
                        soci::into(s.submitted_by), soci::into(s.submitted_at));
  st.execute();
  while (st.fetch()) c.statements.push_back(s);
}

std::optional<CaseRecord> CaseRepo::find(std::int64_t id) {
  Row row;
  tx_.sql << std::string(kColumns) + " WHERE c.id = :id", soci::use(id, "id"), SKILLREG_CASE_INTO(row);
  if (!tx_.sql.got_data()) return std::nullopt;
  auto c = row.finish();
  load_statements(c);
  return c;
}

Page<CaseRecord> CaseRepo::list(const CaseQuery& q) {
  const std::string auths = q.authorities.empty() ? "," : delimited_set(q.authorities);
  const long long own = q.institution.value_or(-1), inst = q.institution_id.value_or(0);
  const int pub = q.public_only ? 1 : 0;
  const long long limit = q.page.page_size, offset = q.page.offset();
  const std::string where =
      std::string(" WHERE ((:a1 <> ',' AND :a2 LIKE '%,' || c.authority_code || ',%')"
                  "   OR (c.institution_id = :own AND c.status NOT IN ('draft', 'dropped'))"
                  "   OR (:pub = 1 AND c.measure IN ('notice', 'cancellation') AND c.status IN ('decided',"
                  "       'review_requested', 'reviewed', 'closed') AND c.decision IN ('upheld', 'changed')))"
                  " AND (:s1 = '' OR c.status = :s2) AND (:i1 = 0 OR c.institution_id = :i2)");
  Page<CaseRecord> page{{}, 0, q.page.page, q.page.page_size};
  tx_.sql << "SELECT COUNT(*) FROM cases c" + where, soci::use(auths, "a1"), soci::use(auths, "a2"),
      soci::use(own, "own"), soci::use(pub, "pub"), soci::use(q.status, "s1"), soci::use(q.status, "s2"),
      soci::use(inst, "i1"), soci::use(inst, "i2"), soci::into(page.total);
  Row row;
  soci::statement st = (tx_.sql.prepare << kColumns + where + " ORDER BY c.id DESC LIMIT :lim OFFSET :off",
                        SKILLREG_CASE_INTO(row), soci::use(auths, "a1"), soci::use(auths, "a2"), soci::use(own, "own"),
                        soci::use(pub, "pub"), soci::use(q.status, "s1"), soci::use(q.status, "s2"),
                        soci::use(inst, "i1"), soci::use(inst, "i2"), soci::use(limit, "lim"),
                        soci::use(offset, "off"));
  st.execute();
  while (st.fetch()) page.items.push_back(row.finish());
  return page;
}

void CaseRepo::add_statement(std::int64_t case_id, const CaseStatement& s) {
  tx_.sql << "INSERT INTO case_statements (case_id, kind, text, submitted_by, submitted_at) VALUES (:c, :k, :t, :b, :at)",
      soci::use(case_id, "c"), soci::use(s.kind, "k"), soci::use(s.text, "t"), soci::use(s.submitted_by, "b"),
      soci::use(s.submitted_at, "at");
}

std::string CaseRepo::next_case_no(const std::string& authority_code, const std::string& prefix, int year) {
  long long next = 0;
  tx_.sql << "SELECT next_value FROM case_sequences WHERE authority_code = :a AND year = :y",
      soci::use(authority_code, "a"), soci::use(year, "y"), soci::into(next);
  if (!tx_.sql.got_data()) {
    next = 1;
    tx_.sql << "INSERT INTO case_sequences (authority_code, year, next_value) VALUES (:a, :y, 2)",
        soci::use(authority_code, "a"), soci::use(year, "y");
  } else {
    tx_.sql << "UPDATE case_sequences SET next_value = next_value + 1 WHERE authority_code = :a AND year = :y",
        soci::use(authority_code, "a"), soci::use(year, "y");
  }
  return prefix + "人社监〔" + std::to_string(year) + "〕" + std::to_string(next) + "号";
}

int CaseRepo::measures_in_force(std::int64_t institution_id, MeasureClass measure, std::int64_t except) {
  long long n = 0;
  const std::string m(to_string(measure));
  tx_.sql << std::string("SELECT COUNT(*) FROM cases c WHERE c.institution_id = :i AND c.measure = :m AND c.id <> :x AND") +
                 kInForce,
      soci::use(institution_id, "i"), soci::use(m, "m"), soci::use(except, "x"), soci::into(n);
  return static_cast<int>(n);
}

int CaseRepo::notices_awaiting_rectification(std::int64_t institution_id, std::int64_t except) {
  long long n = 0;
  tx_.sql << std::string("SELECT COUNT(*) FROM cases c WHERE c.institution_id = :i AND c.measure = 'notice'"
                         " AND c.rectification_verified_on IS NULL AND c.id <> :x AND") +
                 kInForce,
      soci::use(institution_id, "i"), soci::use(except, "x"), soci::into(n);
  return static_cast<int>(n);
}

bool CaseRepo::credit_code_barred(const std::string& credit_code) {
  long long n = 0;
  tx_.sql << std::string("SELECT COUNT(*) FROM cases c JOIN institutions i ON i.id = c.institution_id"
                         " WHERE i.credit_code = :cc AND c.measure = 'cancellation' AND") + kInForce,
      soci::use(credit_code, "cc"), soci::into(n);
  return n > 0;
}

bool CaseRepo::open_case_with_item(std::int64_t institution_id, const std::string& item, Instant since) {
  long long n = 0;
  const std::string pattern = "%\"" + item + "\"%";
  tx_.sql << "SELECT COUNT(*) FROM cases WHERE institution_id = :i AND status <> 'dropped' AND created_at >= :s"
             " AND items_json LIKE :p",
      soci::use(institution_id, "i"), soci::use(since, "s"), soci::use(pattern, "p"), soci::into(n);
  return n > 0;
}

std::map<std::int64_t, DueFacts> CaseRepo::due_facts(Date today, Instant now) {
  std::map<std::int64_t, DueFacts> out;
  const std::string t = today.to_string();
  const Instant year_ago = now - 365 * 86400;
  {
    long long id = 0;
    std::string approved, status;
    soci::statement st = (tx_.sql.prepare << "SELECT id, approved_on, status FROM institutions"
                                             " WHERE status IN ('active', 'suspended', 'expired')",
                          soci::into(id), soci::into(approved), soci::into(status));
    st.execute();
    while (st.fetch()) {
      auto& f = out[id];
      f.approved_on = Date::parse(approved).value_or(today);
      f.expired_without_renewal = status == "expired";
    }
  }
  auto each = [&](const std::string& sql, auto&& bind, auto&& apply) {
    long long id = 0, value = 0;
    soci::statement st = bind(sql, id, value);
    st.execute();
    while (st.fetch())
      if (auto it = out.find(id); it != out.end()) apply(it->second, value);
  };
  each("SELECT pl.institution_id, MAX(s.starts_at) FROM plan_sessions s JOIN plans pl ON pl.id = s.plan_id"
       " WHERE pl.status <> 'cancelled' AND s.starts_at <= :now GROUP BY pl.institution_id",
       [&](const std::string& sql, long long& id, long long& v) {
         return soci::statement((tx_.sql.prepare << sql, soci::use(now, "now"), soci::into(id), soci::into(v)));
       },
       [](DueFacts& f, long long v) { f.last_evaluation = local_date(v); });
  for (const char* kind : {"periodic_evaluation", "annual_assessment"}) {
    const std::string k = kind;
    each("SELECT institution_id, COUNT(*) FROM inspections WHERE kind = :k AND outcome = 'fail' AND completed_at >= :s"
         " GROUP BY institution_id",
         [&](const std::string& sql, long long& id, long long& v) {
           return soci::statement(
               (tx_.sql.prepare << sql, soci::use(k, "k"), soci::use(year_ago, "s"), soci::into(id), soci::into(v)));
         },
         [&](DueFacts& f, long long) {
           (k == "periodic_evaluation" ? f.failed_periodic_evaluation : f.failed_annual_assessment) = true;
         });
  }
  // S20(3): an inspection the institution refused, cancelled within the year.
  each("SELECT institution_id, COUNT(*) FROM inspections WHERE refused = 1 AND cancelled_at >= :s"
       " GROUP BY institution_id",
       [&](const std::string& sql, long long& id, long long& v) {
         return soci::statement((tx_.sql.prepare << sql, soci::use(year_ago, "s"), soci::into(id), soci::into(v)));
       },
       [](DueFacts& f, long long) { f.refused_inspection = true; });
  auto by_today = [&](const std::string& sql, long long& id, long long& v) {
    return soci::statement((tx_.sql.prepare << sql, soci::use(t, "t"), soci::into(id), soci::into(v)));
  };
  each("SELECT r.institution_id, COUNT(*) FROM rectifications r WHERE r.verified_on IS NULL AND r.due_on < :t"
       " GROUP BY r.institution_id",
       by_today, [](DueFacts& f, long long) { f.overdue_rectification = true; });
  each("SELECT r.institution_id, COUNT(*) FROM rectifications r JOIN inspection_items ii ON ii.inspection_id ="
       " r.inspection_id WHERE ii.code = 'S9(5)-1' AND ii.finding = 'deficient' AND r.verified_on IS NULL"
       " AND r.due_on < :t GROUP BY r.institution_id",
       by_today, [](DueFacts& f, long long) { f.overdue_hardware_rectification = true; });
  each(std::string("SELECT c.institution_id, COUNT(*) FROM cases c WHERE c.measure = 'notice' AND") + kInForce +
           " AND c.rectification_verified_on IS NULL AND c.rectification_due < :t GROUP BY c.institution_id",
       by_today, [](DueFacts& f, long long) { f.overdue_rectification = true; });
  return out;
}

std::map<std::int64_t, std::pair<int, int>> CaseRepo::interviews_and_notices_since(const std::string& since) {
  std::map<std::int64_t, std::pair<int, int>> out;
  long long id = 0, n = 0;
  std::string measure;
  soci::statement st = (tx_.sql.prepare << std::string("SELECT c.institution_id, c.measure, COUNT(*) FROM cases c WHERE"
                                                       " c.measure IN ('interview', 'notice') AND c.decided_on >= :s AND") +
                                               kInForce + " GROUP BY c.institution_id, c.measure",
                        soci::use(since, "s"), soci::into(id), soci::into(measure), soci::into(n));
  st.execute();
  while (st.fetch()) (measure == "interview" ? out[id].first : out[id].second) = static_cast<int>(n);
  return out;
}

std::map<std::int64_t, int> CaseRepo::sanctions_since(const std::string& since) {
  std::map<std::int64_t, int> out;
  long long id = 0, n = 0;
  soci::statement st = (tx_.sql.prepare << std::string("SELECT c.institution_id, COUNT(*) FROM cases c WHERE"
                                                       " c.measure IN ('notice', 'cancellation') AND c.decided_on >= :s AND") +
                                               kInForce + " GROUP BY c.institution_id",
                        soci::use(since, "s"), soci::into(id), soci::into(n));
  st.execute();
  while (st.fetch()) out[id] = static_cast<int>(n);
  return out;
}

}  // namespace skillreg
