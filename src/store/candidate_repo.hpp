#pragma once
// Persistence of candidates with their qualification review (资格审核), their scores and the
// history of scores changed after publication (S19(9)).
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/activity/records.hpp"
#include "store/database.hpp"
#include "store/paging.hpp"

namespace skillreg {

struct CandidateQuery {
  std::int64_t plan_id = 0;
  std::optional<ReviewDecision> review;
  std::optional<ExamResult> result;
  std::optional<bool> eligible;
  std::string q;  // name substring
  PageRequest page;
};

// One candidate of a plan as a batch for that plan needs it: who (by the identity number's blind
// index), the review decision, the result, and whether a certificate was issued.
struct PlanCandidateKey {
  std::int64_t id = 0;
  std::string identity_index;
  std::string review, result;
  bool certified = false;
};

// Another admitted place of the same person whose sessions overlap this plan's (S19(2)).
struct OverlapFinding {
  std::int64_t candidate_id = 0;
  std::int64_t other_plan_id = 0;
};

class CandidateRepo {
 public:
  explicit CandidateRepo(Tx& tx) : tx_(tx) {}

  std::int64_t insert(const Candidate& c, std::optional<std::int64_t> batch_id = std::nullopt);
  std::optional<Candidate> find(std::int64_t id);
  bool exists_in_plan(std::int64_t plan_id, const std::string& identity_no);
  Page<Candidate> list(const CandidateQuery& q);
  std::vector<Candidate> admitted(std::int64_t plan_id);
  void set_review(std::int64_t id, ReviewDecision d, const std::string& note);
  void set_result(std::int64_t id, ExamResult r);  // never over a voided result (S18)
  // S18: the result declared void by a decision, and given back by a review that overturns it.
  void void_result(std::int64_t id);
  void restore_result(std::int64_t id, ExamResult prior);
  std::int64_t count(std::int64_t plan_id, std::optional<ReviewDecision> review);
  // The plan's admitted candidates, and how many of them have no result yet or passed.
  struct AdmittedResults {
    std::int64_t admitted = 0, pending = 0, passed = 0;
  };
  AdmittedResults admitted_results(std::int64_t plan_id);
  // Every candidate of the plan, one at a time (a plan may hold a million).
  void each_on_plan(std::int64_t plan_id, const std::function<void(const PlanCandidateKey&)>& visit);

  // S19(2): the plan's admitted candidates also admitted to an overlapping plan; with `only`,
  // just those of these candidates (a page, one candidate), so a plan of a million candidates is
  // not searched whole to show twenty of them.
  std::vector<OverlapFinding> overlaps(std::int64_t plan_id);
  std::vector<OverlapFinding> overlaps(std::int64_t plan_id, const std::vector<std::int64_t>& only);
  // The ids of the plan's admitted candidates that no route of the application conditions admits.
  std::vector<std::int64_t> admitted_ineligible_ids(std::int64_t plan_id);
  // These candidates (a page of them), in id order.
  std::vector<Candidate> find_many(const std::vector<std::int64_t>& ids);

  std::map<Part, double> scores_of(std::int64_t candidate_id);
  std::map<std::int64_t, std::map<Part, double>> scores_of_plan(std::int64_t plan_id);
  std::map<std::int64_t, std::map<Part, double>> scores_of(const std::vector<std::int64_t>& candidates);
  void put_score(const Score& s);
  void insert_score_change(std::int64_t candidate_id, Part part, double before, double after,
                           const std::string& reason, std::int64_t by, Instant at);

 private:
  Tx& tx_;
};

}  // namespace skillreg
