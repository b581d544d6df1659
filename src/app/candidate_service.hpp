#pragma once
// Use cases of candidates and scores: registration on a plan with the identity number checked
// (GB 11643), the institution's qualification review (资格审核) re-checked by the system against
// the application conditions (S19(2)), scores per part against the pass line, publication of
// results (成绩核定公示, S19(9)) and changes after it with reasons.
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "app/context.hpp"
#include "domain/accounts/actor.hpp"
#include "domain/activity/activity_policy.hpp"
#include "domain/activity/records.hpp"
#include "store/candidate_repo.hpp"

namespace skillreg {

struct CandidateInput {
  std::string identity_no, name, education;
  int years_in_trade = 0;
  std::optional<int> prior_level;
  std::string prior_cert_date;  // YYYY-MM-DD or empty
  bool apprenticeship = false;
  std::optional<std::string> review;  // admitted | refused | pending (default)
  std::string review_note;
};

// A candidate as the lists show it: flags say what the supervisor should look at.
struct CandidateView {
  Candidate candidate;
  std::vector<std::string> flags;          // "ineligible_admitted", "overlapping_plan:<id>"
  std::map<Part, double> scores;
};

struct ScoreInput {
  std::int64_t candidate_id = 0;
  std::string part;
  double score = 0;
};

// The application-conditions verdict (eligible, and its JSON) of one plan's candidates, kept per
// distinct facts for a batch of many rows: the check depends on nothing but the plan and the facts,
// and a batch repeats the same few educations, years and levels.
//
// build() then leaves the candidate's eligibility_json empty and last_text() gives the verdict's
// text as this cache keeps it: the same few texts, each at one address for the cache's life (one
// plan), so a batch's writer looks up each verdict's id by address instead of copying, hashing and
// comparing a few hundred bytes per row (issue 4 bulk ingest).
class EligibilityCache {
 public:
  // The verdict text of the candidate build() made last.
  const std::string* last_text() const { return last_text_; }

 private:
  friend class CandidateService;
  const std::string* last_text_ = nullptr;
  std::int64_t plan_id_ = -1;
  Date first_day_{};
  // By the facts the conditions read: a batch meets hundreds of such keys but only a dozen or so
  // distinct verdicts, each text kept once in texts_ (whose nodes never move).
  std::unordered_map<std::uint64_t, std::pair<bool, const std::string*>> verdicts_;
  std::unordered_set<std::string> texts_;
};

class CandidateService {
 public:
  CandidateService(AppContext& ctx, ActivityPolicy policy = {}) : ctx_(ctx), policy_(policy) {}

  Result<CandidateView> add(const Actor& actor, std::int64_t plan_id, const CandidateInput& input);
  Result<CandidateView> review(const Actor& actor, std::int64_t plan_id, std::int64_t candidate_id,
                               const std::string& decision, const std::string& note);
  Result<Page<CandidateView>> list(const Actor& actor, std::int64_t plan_id, CandidateQuery q,
                                   bool flagged_only);
  // The full identity number, for a reason that the audit log keeps (个人信息保护).
  Result<std::string> reveal_identity(const Actor& actor, std::int64_t plan_id, std::int64_t candidate_id,
                                      const std::string& reason);

  // All items or none; after publication every change needs `reason` and keeps before and after.
  Result<std::vector<CandidateView>> record_scores(const Actor& actor, std::int64_t plan_id,
                                                   const std::vector<ScoreInput>& items, const std::string& reason);
  Result<Plan> publish_results(const Actor& actor, std::int64_t plan_id);

  // Checks one candidate's fields and builds the record (used by batches too); problems are
  // named with `prefix` ("" or "rows[12].").
  // `cache`, when given, keeps the conditions' verdicts between calls for the same plan, and the
  // candidate's verdict text is then cache->last_text() instead of its eligibility_json.
  Result<Candidate> build(const Plan& plan, const CandidateInput& input, const std::string& prefix,
                          EligibilityCache* cache = nullptr) const;

 private:
  AppContext& ctx_;
  ActivityPolicy policy_;
};

}  // namespace skillreg
