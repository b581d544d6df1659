#pragma once
// The reported records digital monitoring 数字化监测 (S14(1)) reads, as plain rows, and the step
// that turns them into the facts of each plan (plan_facts.hpp). The store fills a snapshot with a
// few set queries (store/monitoring_repo), either for the whole province (a full recompute) or
// for one plan and the records of other plans that bear on it (the same identities, examiners,
// papers, and the province baseline of its occupation and level): the facts then come out the same
// either way, because this one function computes them.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "domain/activity/personnel.hpp"
#include "domain/activity/records.hpp"
#include "domain/monitoring/plan_facts.hpp"

namespace skillreg {

struct SnapshotPlan {
  std::int64_t id = 0, institution_id = 0;
  std::string authority_code, site_region_code;
  std::string subject_code;
  int level = 0;
  std::vector<Part> parts;
  bool unified_bank = true, paperless = false, cancelled = false;
  std::optional<Instant> published_at, cancelled_at;
  std::optional<Date> results_published_on;
  int planned_count = 0;
  bool in_scope = true;  // the institution's scope holds the subject and level
  // Session id → its start as published, for sessions moved after publication (S19(1)).
  std::vector<std::pair<std::int64_t, Instant>> published_starts;
};

struct SnapshotSession {
  std::int64_t id = 0, plan_id = 0;
  Part part = Part::theory;
  Instant starts_at = 0, ends_at = 0;
  std::string room;
};

// A candidate admitted by the qualification review, or another one of a target plan.
struct SnapshotCandidate {
  std::int64_t id = 0, plan_id = 0;
  std::uint64_t identity = 0;  // a 64-bit hash of the identity's blind index: it is only compared
  bool admitted = false, eligible = true;
  ExamResult result = ExamResult::pending;
};

struct SnapshotScore {
  std::int64_t candidate_id = 0;
  Part part = Part::theory;
  double score = 0;
  Instant recorded_at = 0;  // when it was last recorded
};

struct SnapshotAssignment {
  std::int64_t id = 0, session_id = 0, person_id = 0;
  PersonKind role = PersonKind::examiner;
  std::string panel;
};

struct SnapshotPaper {
  std::int64_t session_id = 0;
  std::string paper_id;
  Instant generated_at = 0;
};

struct SnapshotVideo {
  std::int64_t session_id = 0;
  std::string room;
  Instant starts_at = 0, ends_at = 0;
};

struct SnapshotDocument {
  std::int64_t plan_id = 0;
  std::string key;
};

struct SnapshotCertificate {
  std::int64_t plan_id = 0;
  std::string cert_no;
  Date issued_on{};
  std::optional<Date> reported_on;
};

// A finished plan of the province baseline: its results, for the pass-rate comparison (S18(3)).
struct BaselinePlan {
  std::int64_t plan_id = 0;
  std::string subject_code;
  int level = 0;
  int results = 0, passes = 0;
};

struct ActivitySnapshot {
  Date as_of{};                       // the extraction day (China Standard Time)
  std::vector<std::int64_t> targets;  // the plans to score
  // Every row below belongs to a target plan, or to another plan sharing an identity, a person or
  // a paper with one (those plans' sessions are here too, for overlap and rotation).
  std::vector<SnapshotPlan> plans;
  std::vector<SnapshotSession> sessions;
  std::vector<SnapshotCandidate> candidates;
  std::vector<SnapshotScore> scores;  // of target plans' candidates
  std::vector<Person> people;  // id, kind, employer and qualifications of every assigned person
  // M16: a registration of a person who has another, to the person's first registration id, so
  // double booking and rotation (S19(8)) see one person across employers and kinds.
  std::unordered_map<std::int64_t, std::int64_t> same_person;
  std::vector<SnapshotAssignment> assignments;
  std::vector<SnapshotPaper> papers;
  std::vector<SnapshotVideo> videos;  // of target plans
  std::vector<SnapshotDocument> documents;
  std::vector<SnapshotCertificate> certificates;
  std::vector<BaselinePlan> baseline;  // finished plans of the targets' occupations and levels
};

// What the facts need besides the records: the pass line per part and the archive documents
// required of a plan once its last session is over (data/archive_documents.csv).
struct FactsSettings {
  double pass_line = 60;
  std::vector<std::string> archive_required;
  bool external_supervisor_required = false;  // S16: the authority requires one in every session
};

// The facts of every target plan, in the order of `targets`.
std::vector<PlanFacts> build_plan_facts(const ActivitySnapshot& snapshot, const FactsSettings& settings);

// The 64-bit hash identities are compared by (FNV-1a of the blind index; stable across runs).
std::uint64_t identity_hash(std::string_view identity_index);

}  // namespace skillreg
