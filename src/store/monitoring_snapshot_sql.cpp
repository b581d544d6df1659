// The snapshot digital monitoring reads (S14(1)): a few set queries, fetched in chunks into
// vectors, for every plan at once or for one plan and the plans related to it.
#include <algorithm>
#include <set>

#include "domain/activity/records.hpp"
#include "store/monitoring_repo.hpp"

namespace skillreg {

namespace {

constexpr std::size_t kChunk = 4096;

template <class... V>
void resize_all(V&... v) {
  (v.resize(kChunk), ...);
}

// "(1,2,3)": integer ids computed by the server, never text from a request.
std::string id_list(const std::set<std::int64_t>& ids) {
  std::string out = "(";
  for (auto id : ids) out += (out.size() > 1 ? "," : "") + std::to_string(id);
  return out + ")";
}

// Which rows a query reads: all, or those whose plan is in `plans`.
struct Scope {
  bool all = true;
  std::int64_t target = 0;
  std::string related;  // id_list of the target and its related plans
  std::string where(const std::string& plan_column, const std::string& keyword = " WHERE ") const {
    return all ? "" : keyword + plan_column + " IN " + related;
  }
};

// The plans related to a target through the people assigned to it (under any registration of
// theirs, M16) or its papers; those related
// through its candidates are the plans of the other candidates load_candidates reads.
constexpr const char* kRelatedByPeopleAndPapers =
    "SELECT s2.plan_id FROM plan_sessions s JOIN assignments a ON a.session_id = s.id"
    " JOIN people pe ON pe.id = a.person_id JOIN people pe2 ON pe2.identity_index = pe.identity_index"
    " JOIN assignments a2 ON a2.person_id = pe2.id JOIN plan_sessions s2 ON s2.id = a2.session_id"
    " WHERE s.plan_id = :t1"
    " UNION SELECT s2.plan_id FROM plan_sessions s JOIN papers pa ON pa.session_id = s.id"
    " JOIN papers pb ON pb.paper_id = pa.paper_id JOIN plan_sessions s2 ON s2.id = pb.session_id"
    " WHERE s.plan_id = :t2";

// For one target: its candidates, then the admitted candidates of other plans who share an
// identity with one admitted to it (S19(2)), each found through the unique (identity_index,
// plan_id) index. Written as "plan_id = :t OR identity_index IN (…)" the query read every
// candidate of the province and sorted the target's identities into a temporary table: 5.9 s
// against 1.7 s for a plan of a million candidates.
constexpr const char* kCandidatesOfTarget =
    "SELECT id, plan_id, identity_index, review, eligible, result FROM candidates WHERE plan_id = :t1"
    " UNION ALL SELECT o.id, o.plan_id, o.identity_index, o.review, o.eligible, o.result"
    " FROM candidates c JOIN candidates o ON o.identity_index = c.identity_index"
    " WHERE c.plan_id = :t2 AND c.review = 'admitted' AND o.plan_id <> c.plan_id AND o.review = 'admitted'";

void load_plans(Tx& tx, const Scope& scope, ActivitySnapshot& out) {
  const std::string q =
      "SELECT p.id, p.institution_id, p.authority_code, p.site_region_code, p.subject_code, p.level, p.parts, p.question_source, p.paperless,"
      " p.status, COALESCE(p.published_at, -1), COALESCE(p.results_published_on, ''), p.planned_count,"
      " p.updated_at, CASE WHEN EXISTS (SELECT 1 FROM institution_scope s WHERE s.institution_id ="
      " p.institution_id AND s.subject_code = p.subject_code AND s.level = p.level) THEN 1 ELSE 0 END"
      " FROM plans p WHERE p.status <> 'draft'" +
      scope.where("p.id", " AND ") + " ORDER BY p.id";
  std::vector<long long> id(kChunk), inst(kChunk), level(kChunk), paperless(kChunk), published(kChunk),
      planned(kChunk), updated(kChunk), in_scope(kChunk);
  std::vector<std::string> authority(kChunk), site(kChunk), subject(kChunk), parts(kChunk), source(kChunk),
      status(kChunk), results(kChunk);
  soci::statement st = (tx.sql.prepare << q, soci::into(id), soci::into(inst), soci::into(authority),
                        soci::into(site), soci::into(subject),
                        soci::into(level), soci::into(parts), soci::into(source), soci::into(paperless),
                        soci::into(status), soci::into(published), soci::into(results), soci::into(planned),
                        soci::into(updated), soci::into(in_scope));
  st.execute();
  while (st.fetch()) {
    for (std::size_t i = 0; i < id.size(); ++i) {
      SnapshotPlan p;
      p.id = id[i];
      p.institution_id = inst[i];
      p.authority_code = authority[i];
      p.site_region_code = site[i];
      p.subject_code = subject[i];
      p.level = int(level[i]);
      p.parts = parse_part_list(parts[i]);
      p.unified_bank = source[i] == "unified_bank";
      p.paperless = paperless[i] != 0;
      p.cancelled = status[i] == "cancelled";
      if (published[i] >= 0) p.published_at = published[i];
      if (p.cancelled) p.cancelled_at = updated[i];
      p.results_published_on = Date::parse(results[i]);
      p.planned_count = int(planned[i]);
      p.in_scope = in_scope[i] != 0;
      out.plans.push_back(std::move(p));
    }
    resize_all(id, inst, level, paperless, published, planned, updated, in_scope, authority, site, subject, parts,
               source, status, results);
  }
}

// S19(1): the sessions as published are those before the first change made after publication.
void load_published_starts(Tx& tx, const Scope& scope, ActivitySnapshot& out) {
  const std::string q =
      "SELECT c.plan_id, c.before_json FROM plan_changes c JOIN plans p ON p.id = c.plan_id"
      " WHERE p.published_at IS NOT NULL AND c.created_at >= p.published_at" +
      scope.where("c.plan_id", " AND ") + " ORDER BY c.plan_id, c.created_at, c.id";
  long long plan = 0, last = -1;
  std::string before;
  soci::statement st = (tx.sql.prepare << q, soci::into(plan), soci::into(before));
  st.execute();
  std::unordered_map<std::int64_t, SnapshotPlan*> by_id;
  for (auto& p : out.plans) by_id[p.id] = &p;
  while (st.fetch()) {
    if (plan == last) continue;
    last = plan;
    auto it = by_id.find(plan);
    if (it == by_id.end()) continue;
    auto json = nlohmann::json::parse(before, nullptr, false);
    if (!json.is_object() || !json.contains("sessions") || !json["sessions"].is_array()) continue;
    for (const auto& s : json["sessions"]) {
      if (!s.is_object() || !s.contains("id") || !s.contains("starts_at") || !s["starts_at"].is_string()) continue;
      if (auto at = parse_instant(s["starts_at"].get<std::string>()))
        it->second->published_starts.emplace_back(s["id"].get<std::int64_t>(), *at);
    }
  }
}

void load_sessions(Tx& tx, const Scope& scope, ActivitySnapshot& out) {
  const std::string q = "SELECT id, plan_id, part, starts_at, ends_at, room FROM plan_sessions" + scope.where("plan_id");
  std::vector<long long> id(kChunk), plan(kChunk), starts(kChunk), ends(kChunk);
  std::vector<std::string> part(kChunk), room(kChunk);
  soci::statement st = (tx.sql.prepare << q, soci::into(id), soci::into(plan), soci::into(part), soci::into(starts),
                        soci::into(ends), soci::into(room));
  st.execute();
  while (st.fetch()) {
    for (std::size_t i = 0; i < id.size(); ++i)
      out.sessions.push_back({id[i], plan[i], parse_part(part[i]).value_or(Part::theory), starts[i], ends[i], room[i]});
    resize_all(id, plan, starts, ends, part, room);
  }
}

void load_candidates(Tx& tx, const Scope& scope, ActivitySnapshot& out) {
  const std::string q =
      scope.all ? "SELECT id, plan_id, identity_index, review, eligible, result FROM candidates" : kCandidatesOfTarget;
  std::vector<long long> id(kChunk), plan(kChunk), eligible(kChunk);
  std::vector<std::string> identity(kChunk), review(kChunk), result(kChunk);
  long long target = scope.target;
  soci::statement st = scope.all ? (tx.sql.prepare << q, soci::into(id), soci::into(plan), soci::into(identity),
                                    soci::into(review), soci::into(eligible), soci::into(result))
                                 : (tx.sql.prepare << q, soci::into(id), soci::into(plan), soci::into(identity),
                                    soci::into(review), soci::into(eligible), soci::into(result),
                                    soci::use(target, "t1"), soci::use(target, "t2"));
  st.execute();
  while (st.fetch()) {
    for (std::size_t i = 0; i < id.size(); ++i)
      out.candidates.push_back({id[i], plan[i], identity_hash(identity[i]), review[i] == "admitted", eligible[i] != 0,
                                parse_exam_result(result[i]).value_or(ExamResult::pending)});
    resize_all(id, plan, eligible, identity, review, result);
  }
  // In the order of a full run, which reads the table in id order.
  if (!std::ranges::is_sorted(out.candidates, {}, &SnapshotCandidate::id))
    std::ranges::sort(out.candidates, {}, &SnapshotCandidate::id);
}

void load_scores(Tx& tx, const Scope& scope, ActivitySnapshot& out) {
  std::string q = "SELECT candidate_id, part, score, recorded_at FROM scores";
  if (!scope.all) q += " WHERE candidate_id IN (SELECT id FROM candidates WHERE plan_id = :t)";
  std::vector<long long> candidate(kChunk), recorded(kChunk);
  std::vector<std::string> part(kChunk);
  std::vector<double> score(kChunk);
  long long target = scope.target;
  soci::statement st = scope.all ? (tx.sql.prepare << q, soci::into(candidate), soci::into(part), soci::into(score),
                                    soci::into(recorded))
                                 : (tx.sql.prepare << q, soci::into(candidate), soci::into(part), soci::into(score),
                                    soci::into(recorded), soci::use(target, "t"));
  st.execute();
  while (st.fetch()) {
    for (std::size_t i = 0; i < candidate.size(); ++i)
      out.scores.push_back({candidate[i], parse_part(part[i]).value_or(Part::theory), score[i], recorded[i]});
    resize_all(candidate, part, score, recorded);
  }
}

void load_people(Tx& tx, const Scope& scope, ActivitySnapshot& out) {
  const std::string people_of_scope =
      scope.all ? "" : " WHERE id IN (SELECT a.person_id FROM assignments a JOIN plan_sessions s ON s.id ="
                       " a.session_id WHERE s.plan_id IN " + scope.related + ")";
  {
    // M16: the person's first registration, through the identity number's index.
    const std::string q =
        "SELECT id, kind, COALESCE(employer_id, 0),"
        " (SELECT MIN(o.id) FROM people o WHERE o.identity_index = people.identity_index) FROM people" +
        people_of_scope;
    std::vector<long long> id(kChunk), employer(kChunk), first(kChunk);
    std::vector<std::string> kind(kChunk);
    soci::statement st =
        (tx.sql.prepare << q, soci::into(id), soci::into(kind), soci::into(employer), soci::into(first));
    st.execute();
    while (st.fetch()) {
      for (std::size_t i = 0; i < id.size(); ++i) {
        Person p;
        p.id = id[i];
        p.kind = parse_person_kind(kind[i]).value_or(PersonKind::examiner);
        if (employer[i] != 0) p.employer_id = employer[i];
        if (first[i] != id[i]) out.same_person[id[i]] = first[i];
        out.people.push_back(std::move(p));
      }
      resize_all(id, employer, kind, first);
    }
  }
  std::unordered_map<std::int64_t, Person*> by_id;
  for (auto& p : out.people) by_id[p.id] = &p;
  std::string q = "SELECT person_id, subject_code, level, valid_until FROM person_qualifications";
  if (!scope.all) {
    q += " WHERE person_id IN (SELECT id FROM people";
    q += people_of_scope + ")";
  }
  std::vector<long long> person(kChunk), level(kChunk);
  std::vector<std::string> subject(kChunk), until(kChunk);
  soci::statement st =
      (tx.sql.prepare << q, soci::into(person), soci::into(subject), soci::into(level), soci::into(until));
  st.execute();
  while (st.fetch()) {
    for (std::size_t i = 0; i < person.size(); ++i)
      if (auto it = by_id.find(person[i]); it != by_id.end())
        it->second->qualifications.push_back({subject[i], int(level[i]), Date::parse(until[i]).value_or(Date{})});
    resize_all(person, level, subject, until);
  }
}

void load_assignments(Tx& tx, const Scope& scope, ActivitySnapshot& out) {
  const std::string q = "SELECT a.id, a.session_id, a.person_id, a.role, a.panel FROM assignments a" +
                        (scope.all ? std::string() : " JOIN plan_sessions s ON s.id = a.session_id" + scope.where("s.plan_id"));
  std::vector<long long> id(kChunk), session(kChunk), person(kChunk);
  std::vector<std::string> role(kChunk), panel(kChunk);
  soci::statement st = (tx.sql.prepare << q, soci::into(id), soci::into(session), soci::into(person), soci::into(role),
                        soci::into(panel));
  st.execute();
  while (st.fetch()) {
    for (std::size_t i = 0; i < id.size(); ++i)
      out.assignments.push_back(
          {id[i], session[i], person[i], parse_person_kind(role[i]).value_or(PersonKind::examiner), panel[i]});
    resize_all(id, session, person, role, panel);
  }
}

void load_papers(Tx& tx, const Scope& scope, ActivitySnapshot& out) {
  const std::string q = "SELECT pa.session_id, pa.paper_id, pa.generated_at FROM papers pa" +
                        (scope.all ? std::string() : " JOIN plan_sessions s ON s.id = pa.session_id" + scope.where("s.plan_id"));
  std::vector<long long> session(kChunk), generated(kChunk);
  std::vector<std::string> paper(kChunk);
  soci::statement st = (tx.sql.prepare << q, soci::into(session), soci::into(paper), soci::into(generated));
  st.execute();
  while (st.fetch()) {
    for (std::size_t i = 0; i < session.size(); ++i) out.papers.push_back({session[i], paper[i], generated[i]});
    resize_all(session, generated, paper);
  }
}

void load_videos(Tx& tx, const Scope& scope, ActivitySnapshot& out) {
  std::string q = "SELECT v.session_id, v.room, v.starts_at, v.ends_at FROM videos v";
  if (!scope.all) q += " JOIN plan_sessions s ON s.id = v.session_id WHERE s.plan_id = " + std::to_string(scope.target);
  std::vector<long long> session(kChunk), starts(kChunk), ends(kChunk);
  std::vector<std::string> room(kChunk);
  soci::statement st = (tx.sql.prepare << q, soci::into(session), soci::into(room), soci::into(starts), soci::into(ends));
  st.execute();
  while (st.fetch()) {
    for (std::size_t i = 0; i < session.size(); ++i) out.videos.push_back({session[i], room[i], starts[i], ends[i]});
    resize_all(session, starts, ends, room);
  }
}

void load_documents(Tx& tx, const Scope& scope, ActivitySnapshot& out) {
  std::string q = "SELECT plan_id, doc_key FROM plan_documents";
  if (!scope.all) q += " WHERE plan_id = " + std::to_string(scope.target);
  std::vector<long long> plan(kChunk);
  std::vector<std::string> key(kChunk);
  soci::statement st = (tx.sql.prepare << q, soci::into(plan), soci::into(key));
  st.execute();
  while (st.fetch()) {
    for (std::size_t i = 0; i < plan.size(); ++i) out.documents.push_back({plan[i], key[i]});
    resize_all(plan, key);
  }
}

void load_certificates(Tx& tx, const Scope& scope, ActivitySnapshot& out) {
  std::string q = "SELECT plan_id, cert_no, issued_on, COALESCE(reported_on, '') FROM certificates";
  if (!scope.all) q += " WHERE plan_id = " + std::to_string(scope.target);
  std::vector<long long> plan(kChunk);
  std::vector<std::string> no(kChunk), issued(kChunk), reported(kChunk);
  soci::statement st =
      (tx.sql.prepare << q, soci::into(plan), soci::into(no), soci::into(issued), soci::into(reported));
  st.execute();
  while (st.fetch()) {
    for (std::size_t i = 0; i < plan.size(); ++i)
      out.certificates.push_back(
          {plan[i], no[i], Date::parse(issued[i]).value_or(Date{}), Date::parse(reported[i])});
    resize_all(plan, no, issued, reported);
  }
}

// S18(3): the finished plans (no admitted candidate without a result) of the province, with their
// results, for the same occupation and level as the target (or all).
void load_baseline(Tx& tx, const Scope& scope, ActivitySnapshot& out) {
  std::string q =
      "SELECT p.id, p.subject_code, p.level,"
      " SUM(CASE WHEN c.result <> 'pending' THEN 1 ELSE 0 END),"
      " SUM(CASE WHEN c.result = 'passed' THEN 1 ELSE 0 END)"
      " FROM plans p JOIN candidates c ON c.plan_id = p.id WHERE p.status = 'published'";
  if (!scope.all)
    q += " AND p.subject_code = (SELECT subject_code FROM plans WHERE id = " + std::to_string(scope.target) +
         ") AND p.level = (SELECT level FROM plans WHERE id = " + std::to_string(scope.target) + ")";
  q += " GROUP BY p.id, p.subject_code, p.level"
       " HAVING SUM(CASE WHEN c.review = 'admitted' AND c.result = 'pending' THEN 1 ELSE 0 END) = 0";
  std::vector<long long> plan(kChunk), level(kChunk), results(kChunk), passes(kChunk);
  std::vector<std::string> subject(kChunk);
  soci::statement st = (tx.sql.prepare << q, soci::into(plan), soci::into(subject), soci::into(level),
                        soci::into(results), soci::into(passes));
  st.execute();
  while (st.fetch()) {
    for (std::size_t i = 0; i < plan.size(); ++i)
      if (results[i] > 0)
        out.baseline.push_back({plan[i], subject[i], int(level[i]), int(results[i]), int(passes[i])});
    resize_all(plan, level, results, passes, subject);
  }
}

}  // namespace

ActivitySnapshot MonitoringRepo::snapshot(Date as_of, std::optional<std::int64_t> target) {
  ActivitySnapshot out;
  out.as_of = as_of;
  Scope scope;
  if (target) {
    scope.all = false;
    scope.target = *target;
    load_candidates(tx_, scope, out);
    std::set<std::int64_t> related{*target};
    for (const auto& c : out.candidates) related.insert(c.plan_id);
    long long t = *target, plan = 0;
    soci::statement st = (tx_.sql.prepare << kRelatedByPeopleAndPapers, soci::into(plan), soci::use(t, "t1"),
                          soci::use(t, "t2"));
    st.execute();
    while (st.fetch()) related.insert(plan);
    scope.related = id_list(related);
  } else {
    load_candidates(tx_, scope, out);
  }
  load_plans(tx_, scope, out);
  load_published_starts(tx_, scope, out);
  load_sessions(tx_, scope, out);
  load_scores(tx_, scope, out);
  load_people(tx_, scope, out);
  load_assignments(tx_, scope, out);
  load_papers(tx_, scope, out);
  load_videos(tx_, scope, out);
  load_documents(tx_, scope, out);
  load_certificates(tx_, scope, out);
  load_baseline(tx_, scope, out);
  if (target) {
    if (std::ranges::any_of(out.plans, [&](const SnapshotPlan& p) { return p.id == *target; }))
      out.targets.push_back(*target);
  } else {
    for (const auto& p : out.plans) out.targets.push_back(p.id);
  }
  return out;
}

}  // namespace skillreg
