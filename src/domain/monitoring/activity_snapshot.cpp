#include "domain/monitoring/activity_snapshot.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <span>
#include <unordered_map>

#include "domain/activity/assignment_rules.hpp"
#include "domain/activity/execution_rules.hpp"

namespace skillreg {

std::uint64_t identity_hash(std::string_view identity_index) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : identity_index) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

namespace {

template <class T, class Key>
std::unordered_map<std::int64_t, std::vector<const T*>> group_by(const std::vector<T>& rows, Key key) {
  std::unordered_map<std::int64_t, std::vector<const T*>> out;
  out.reserve(rows.size() / 4 + 1);
  for (const auto& r : rows) out[key(r)].push_back(&r);
  return out;
}

template <class Map>
const typename Map::mapped_type& at_or_empty(const Map& m, const typename Map::key_type& key) {
  static const typename Map::mapped_type empty;
  auto it = m.find(key);
  return it == m.end() ? empty : it->second;
}

bool overlap(const SnapshotSession& a, const SnapshotSession& b) {
  return a.starts_at < b.ends_at && b.starts_at < a.ends_at;
}

// The indexes every plan's facts are read through, built once per snapshot.
struct Index {
  std::unordered_map<std::int64_t, const SnapshotPlan*> plan;
  std::unordered_map<std::int64_t, const SnapshotSession*> session;
  std::unordered_map<std::int64_t, const Person*> person;
  // The person a registration is (M16): its own id unless the person has an earlier one.
  const std::unordered_map<std::int64_t, std::int64_t>* same_person = nullptr;
  std::int64_t person_key(std::int64_t registration) const {
    auto it = same_person->find(registration);
    return it == same_person->end() ? registration : it->second;
  }
  std::unordered_map<std::int64_t, std::vector<const SnapshotSession*>> sessions_of_plan;
  std::unordered_map<std::int64_t, std::vector<const SnapshotCandidate*>> candidates_of_plan;
  // Scores by candidate and admitted candidates by identity: sorted vectors searched by range
  // (a million small vectors in hash maps cost more to build than all the scoring).
  std::vector<const SnapshotScore*> scores_by_candidate;
  std::unordered_map<std::int64_t, std::vector<const SnapshotAssignment*>> assignments_of_session;
  // Every person's bookings in live (not cancelled) plans, sorted by start, and the number of
  // plans each examiner examined per (institution, year): built once, so double booking and
  // rotation are looked up instead of walking every assignment of the person for every plan.
  struct Booking {
    Instant starts_at = 0, ends_at = 0;
    std::int64_t session_id = 0;
  };
  std::unordered_map<std::int64_t, std::vector<Booking>> bookings_of_person;
  Instant longest_session = 0;
  std::map<std::tuple<std::int64_t, std::int64_t, int>, int> examiner_plans;  // (person, institution, year)
  std::unordered_map<std::int64_t, const SnapshotPaper*> paper_of_session;
  std::unordered_map<std::int64_t, std::vector<const SnapshotVideo*>> videos_of_session;
  std::unordered_map<std::int64_t, std::vector<const SnapshotDocument*>> documents_of_plan;
  std::unordered_map<std::int64_t, std::vector<const SnapshotCertificate*>> certificates_of_plan;
  std::vector<std::pair<std::uint64_t, const SnapshotCandidate*>> admitted_by_identity;
  std::unordered_map<std::string, std::vector<const SnapshotPaper*>> papers_by_id;
  std::unordered_map<std::string, std::vector<const BaselinePlan*>> baseline_of_subject;

  explicit Index(const ActivitySnapshot& s) {
    plan.reserve(s.plans.size());
    for (const auto& p : s.plans) plan[p.id] = &p;
    session.reserve(s.sessions.size());
    for (const auto& x : s.sessions) session[x.id] = &x;
    person.reserve(s.people.size());
    for (const auto& p : s.people) person[p.id] = &p;
    same_person = &s.same_person;
    sessions_of_plan = group_by(s.sessions, [](const auto& x) { return x.plan_id; });
    candidates_of_plan = group_by(s.candidates, [](const auto& x) { return x.plan_id; });
    scores_by_candidate.reserve(s.scores.size());
    for (const auto& x : s.scores) scores_by_candidate.push_back(&x);
    auto by_candidate = [](const SnapshotScore* a, const SnapshotScore* b) { return a->candidate_id < b->candidate_id; };
    if (!std::ranges::is_sorted(scores_by_candidate, by_candidate))
      std::ranges::stable_sort(scores_by_candidate, by_candidate);
    assignments_of_session = group_by(s.assignments, [](const auto& x) { return x.session_id; });
    std::vector<std::tuple<std::int64_t, std::int64_t, int, std::int64_t>> examined;  // person, inst, year, plan
    for (const auto& a : s.assignments) {
      auto ses = session.find(a.session_id);
      if (ses == session.end()) continue;
      auto pl = plan.find(ses->second->plan_id);
      if (pl == plan.end() || pl->second->cancelled) continue;
      bookings_of_person[person_key(a.person_id)].push_back({ses->second->starts_at, ses->second->ends_at, a.session_id});
      longest_session = std::max(longest_session, ses->second->ends_at - ses->second->starts_at);
      if (a.role == PersonKind::examiner)
        examined.emplace_back(person_key(a.person_id), pl->second->institution_id, local_date(ses->second->starts_at).year,
                              pl->first);
    }
    for (auto& [person, list] : bookings_of_person)
      std::ranges::sort(list, [](const Booking& x, const Booking& y) {
        return std::pair(x.starts_at, x.session_id) < std::pair(y.starts_at, y.session_id);
      });
    std::ranges::sort(examined);
    examined.erase(std::unique(examined.begin(), examined.end()), examined.end());
    for (const auto& [person, inst, year, plan_id] : examined) ++examiner_plans[{person, inst, year}];
    for (const auto& p : s.papers) paper_of_session[p.session_id] = &p;
    videos_of_session = group_by(s.videos, [](const auto& x) { return x.session_id; });
    documents_of_plan = group_by(s.documents, [](const auto& x) { return x.plan_id; });
    certificates_of_plan = group_by(s.certificates, [](const auto& x) { return x.plan_id; });
    for (const auto& c : s.candidates)
      if (c.admitted) admitted_by_identity.emplace_back(c.identity, &c);
    std::ranges::sort(admitted_by_identity, [](const auto& a, const auto& b) {
      return std::pair(a.first, a.second->id) < std::pair(b.first, b.second->id);
    });
    for (const auto& p : s.papers) papers_by_id[p.paper_id].push_back(&p);
    for (const auto& b : s.baseline) baseline_of_subject[subject_key(b.subject_code, b.level)].push_back(&b);
  }

  static std::string subject_key(const std::string& subject, int level) {
    return subject + "/" + std::to_string(level);
  }

  std::span<const SnapshotScore* const> scores_of(std::int64_t candidate_id) const {
    auto [lo, hi] = std::ranges::equal_range(scores_by_candidate, candidate_id, {}, &SnapshotScore::candidate_id);
    return {lo, hi};
  }
  std::span<const std::pair<std::uint64_t, const SnapshotCandidate*>> admitted_with(std::uint64_t identity) const {
    auto lo = std::ranges::lower_bound(admitted_by_identity, identity, {}, &std::pair<std::uint64_t, const SnapshotCandidate*>::first);
    auto hi = std::ranges::upper_bound(admitted_by_identity, identity, {}, &std::pair<std::uint64_t, const SnapshotCandidate*>::first);
    return {lo, hi};
  }

  bool live(std::int64_t plan_id) const {
    auto it = plan.find(plan_id);
    return it != plan.end() && !it->second->cancelled;
  }
  std::int64_t plan_of_session(std::int64_t session_id) const {
    auto it = session.find(session_id);
    return it == session.end() ? 0 : it->second->plan_id;
  }
  std::optional<Instant> first_start(std::int64_t plan_id) const {
    std::optional<Instant> first;
    for (const auto* s : at_or_empty(sessions_of_plan, plan_id))
      if (!first || s->starts_at < *first) first = s->starts_at;
    return first;
  }
  bool sessions_overlap(std::int64_t a, std::int64_t b) const {
    for (const auto* x : at_or_empty(sessions_of_plan, a))
      for (const auto* y : at_or_empty(sessions_of_plan, b))
        if (overlap(*x, *y)) return true;
    return false;
  }
};

void plan_validity(const SnapshotPlan& p, const Index& ix, PlanFacts& f) {
  const auto first = ix.first_start(p.id);
  if (first && p.published_at)
    f.publication_lead_days = local_date(*p.published_at).days_until(local_date(*first));
  if (first && p.cancelled && p.cancelled_at)
    f.cancelled_days_before = local_date(*p.cancelled_at).days_until(local_date(*first));
  f.planned_count = p.planned_count;
  f.out_of_scope = !p.in_scope;
}

// S19(2): admitted without a route of the application conditions, or the same identity admitted
// to this plan twice or to another plan with a session at the same time.
void qualification(const SnapshotPlan& p, const Index& ix, PlanFacts& f) {
  for (const auto* c : at_or_empty(ix.candidates_of_plan, p.id)) {
    if (!c->admitted) continue;
    ++f.admitted_count;
    if (!c->eligible) f.ineligible_admitted.push_back(c->id);
    for (const auto& [identity, other] : ix.admitted_with(c->identity)) {
      if (other == c) continue;
      if (other->plan_id == p.id || (ix.live(other->plan_id) && ix.sessions_overlap(p.id, other->plan_id))) {
        f.duplicate_identity.push_back(c->id);
        break;
      }
    }
  }
}

// S18(4): a session whose paper another plan's session used first (generated earlier, or at the
// same time with a smaller session id).
bool paper_reused(const SnapshotPaper& paper, std::int64_t plan_id, const Index& ix) {
  for (const auto* other : at_or_empty(ix.papers_by_id, paper.paper_id)) {
    if (other == &paper || ix.plan_of_session(other->session_id) == plan_id) continue;
    if (std::pair(other->generated_at, other->session_id) < std::pair(paper.generated_at, paper.session_id))
      return true;
  }
  return false;
}

// S19(8): another booking of the person, in a live plan, overlapping the session. Bookings are
// sorted by start; only those starting after `s` starts minus the longest session can overlap.
bool double_booked(const SnapshotAssignment& a, const SnapshotSession& s, const Index& ix) {
  auto it = ix.bookings_of_person.find(ix.person_key(a.person_id));
  if (it == ix.bookings_of_person.end()) return false;
  const auto& list = it->second;
  auto from = std::ranges::lower_bound(list, s.starts_at - ix.longest_session, {}, &Index::Booking::starts_at);
  for (auto b = from; b != list.end() && b->starts_at < s.ends_at; ++b)
    if (b->session_id != a.session_id && b->starts_at < s.ends_at && s.starts_at < b->ends_at) return true;
  return false;
}

// Plans of the institution in `year` in which the person examined (rotation, S19(8)).
int plans_in_year(std::int64_t person_id, std::int64_t institution_id, int year, const Index& ix) {
  auto it = ix.examiner_plans.find({ix.person_key(person_id), institution_id, year});
  return it == ix.examiner_plans.end() ? 0 : it->second;
}

void sessions_and_people(const SnapshotPlan& p, const ActivitySnapshot& snap, const Index& ix, PlanFacts& f) {
  const Instant as_of_end = start_of_local_day(snap.as_of.add_days(1));
  std::set<std::int64_t> examiners, internal_supervisors;
  auto sessions = at_or_empty(ix.sessions_of_plan, p.id);
  std::ranges::sort(sessions, [](auto* a, auto* b) { return std::pair(a->starts_at, a->id) < std::pair(b->starts_at, b->id); });
  for (const auto* s : sessions) {
    SessionFacts sf;
    sf.session_id = s->id;
    sf.part = s->part;
    sf.duration_minutes = int((s->ends_at - s->starts_at) / 60);
    sf.held = !p.cancelled && s->ends_at <= as_of_end;
    for (const auto& [id, start] : p.published_starts)
      if (id == s->id && start != s->starts_at) sf.moved = true;
    std::vector<std::pair<Instant, Instant>> recordings;
    for (const auto* v : at_or_empty(ix.videos_of_session, s->id))
      if (v->room == s->room) recordings.emplace_back(v->starts_at, v->ends_at);
    sf.video_coverage = coverage(s->starts_at, s->ends_at, std::move(recordings));
    if (auto paper = ix.paper_of_session.find(s->id); paper != ix.paper_of_session.end()) {
      sf.paper_lead_hours = double(s->starts_at - paper->second->generated_at) / 3600.0;
      if (paper_reused(*paper->second, p.id, ix)) f.reused_paper_sessions.push_back(s->id);
    }
    std::vector<std::pair<std::string, int>> panels;
    const Date day = local_date(s->starts_at);
    for (const auto* a : at_or_empty(ix.assignments_of_session, s->id)) {
      auto person = ix.person.find(a->person_id);
      switch (a->role) {
        case PersonKind::examiner: {
          ++sf.examiners;
          examiners.insert(a->person_id);
          auto panel = std::ranges::find(panels, a->panel, &std::pair<std::string, int>::first);
          if (panel == panels.end()) panels.emplace_back(a->panel, 1);
          else ++panel->second;
          // M16: qualified for the subject, on the day, at the plan's level or higher.
          if (person == ix.person.end() ||
              !qualified_for(*person->second, p.subject_code, p.level, day, p.level != 0))
            f.unqualified_assignments.push_back(a->id);
          break;
        }
        case PersonKind::internal_supervisor: internal_supervisors.insert(a->person_id); break;
        case PersonKind::external_supervisor: ++sf.external_supervisors; break;
      }
      // S19(8) 回避: examiners and external supervisors are not employed by the institution.
      if (a->role != PersonKind::internal_supervisor && person != ix.person.end() &&
          person->second->employer_id == p.institution_id)
        f.own_employer_assignments.push_back(a->id);
      if (double_booked(*a, *s, ix)) f.double_booked_assignments.push_back(a->id);
    }
    if (s->part == Part::practical)
      for (const auto& [label, n] : panels) sf.panel_sizes.push_back(n);
    f.sessions.push_back(std::move(sf));
  }
  f.internal_supervisors = int(internal_supervisors.size());
  if (!sessions.empty()) {
    const int year = local_date(sessions.front()->starts_at).year;
    for (std::int64_t person : examiners)
      f.examiner_loads.push_back({person, plans_in_year(person, p.institution_id, year, ix)});
  }
}

void results(const SnapshotPlan& p, const Index& ix, PlanFacts& f) {
  for (const auto* c : at_or_empty(ix.candidates_of_plan, p.id)) {
    if (c->result == ExamResult::pending) continue;
    ++f.result_count;
    if (c->result == ExamResult::passed) ++f.pass_count;
  }
  if (auto it = ix.baseline_of_subject.find(Index::subject_key(p.subject_code, p.level));
      it != ix.baseline_of_subject.end())
    for (const auto* b : it->second)
      if (b->plan_id != p.id && b->results > 0) f.baseline_pass_rates.push_back(double(b->passes) / b->results);
  // S14(1): a part is scored once one of its sessions has begun; the earliest start of each part.
  std::map<Part, Instant> part_begins;
  for (const auto* s : at_or_empty(ix.sessions_of_plan, p.id)) {
    auto [it, fresh] = part_begins.emplace(s->part, s->starts_at);
    if (!fresh) it->second = std::min(it->second, s->starts_at);
  }
  for (const auto* c : at_or_empty(ix.candidates_of_plan, p.id)) {
    const auto scores = ix.scores_of(c->id);
    if (std::ranges::any_of(scores, [&](const SnapshotScore* s) {
          auto begins = part_begins.find(s->part);
          return begins == part_begins.end() || s->recorded_at < begins->second;
        }))
      f.scored_before_exam.push_back(c->id);
    if (!c->admitted) continue;
    ScoreVector v{c->id, {}};
    for (Part part : p.parts) {
      auto it = std::ranges::find(scores, part, &SnapshotScore::part);
      if (it == scores.end()) break;
      v.scores.push_back((*it)->score);
    }
    if (!p.parts.empty() && v.scores.size() == p.parts.size()) f.score_vectors.push_back(std::move(v));
  }
}

void traceability(const SnapshotPlan& p, const ActivitySnapshot& snap, const Index& ix,
                  const FactsSettings& settings, PlanFacts& f) {
  const auto& sessions = at_or_empty(ix.sessions_of_plan, p.id);
  const bool all_held = !p.cancelled && !sessions.empty() &&
                        std::ranges::all_of(f.sessions, &SessionFacts::held);
  if (all_held) {
    Instant last = 0;
    for (const auto* s : sessions) last = std::max(last, s->starts_at);
    const Date exam_day = local_date(last);
    f.days_since_exam = exam_day.days_until(snap.as_of);
    if (p.results_published_on) f.results_published_after_days = exam_day.days_until(*p.results_published_on);
    f.archive_required = settings.archive_required;
  }
  for (const auto* d : at_or_empty(ix.documents_of_plan, p.id)) f.archive_present.push_back(d->key);
  for (const auto* c : at_or_empty(ix.certificates_of_plan, p.id))
    f.certificates.push_back({c->cert_no, c->issued_on.days_until(c->reported_on.value_or(snap.as_of)),
                              c->reported_on.has_value()});
}

}  // namespace

std::vector<PlanFacts> build_plan_facts(const ActivitySnapshot& snapshot, const FactsSettings& settings) {
  const Index ix(snapshot);
  std::vector<PlanFacts> out;
  out.reserve(snapshot.targets.size());
  for (std::int64_t id : snapshot.targets) {
    PlanFacts f;
    f.plan_id = id;
    f.pass_line = settings.pass_line;
    f.external_supervisor_required = settings.external_supervisor_required;
    auto it = ix.plan.find(id);
    if (it == ix.plan.end()) {
      out.push_back(std::move(f));
      continue;
    }
    const SnapshotPlan& p = *it->second;
    f.unified_bank = p.unified_bank;
    f.paperless = p.paperless;
    plan_validity(p, ix, f);
    qualification(p, ix, f);
    sessions_and_people(p, snapshot, ix, f);
    results(p, ix, f);
    traceability(p, snapshot, ix, settings, f);
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace skillreg
