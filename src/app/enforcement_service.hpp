#pragma once
// Use cases of enforcement 监管处理 (S18–S24): cases against an institution naming catalogue
// items, the measure the system proposes (escalation, S20(1), S21(1)), due process — proposal,
// service, statement and defence, decision, review (S23, S24) — and the effects a decision has
// and a review reverses: certificates voided (S18), an interview (S19), suspension until the
// rectification is verified (S20), cancellation with the credit code barred and the open plans
// closed (S21). The daily job opens the cases the law makes due (S20(3), S20(4), S20(6), S21(6),
// S21(7)).
//
// Scope (S5 谁备案（遴选）、谁监管、谁负责): the office the institution is registered with opens
// the case and takes every step of it, in its own name (S23, S24: the office that decides is the
// one that notifies and hears); the offices above it read its cases. The institution sees its
// cases from the proposal on and makes its statement and review request.
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/accounts/actor.hpp"
#include "domain/enforcement/escalation.hpp"
#include "domain/enforcement/records.hpp"
#include "store/case_repo.hpp"
#include "store/paging.hpp"

namespace skillreg {

struct CaseInput {
  std::int64_t institution_id = 0;
  std::vector<std::string> items;
  bool serious = false;
  std::string facts;
  std::vector<EvidenceLink> evidence;
  std::string origin = "manual";
  std::optional<std::int64_t> origin_id;
};

struct ProposalInput {
  std::string reasons, basis;
};

struct ServiceInput {
  std::string method;  // written | announcement
  std::string served_on;
};

struct DecisionInput {
  std::string outcome;  // upheld | changed | dropped
  std::string reasons;
  std::optional<std::string> measure;      // changed: the measure decided instead
  std::vector<std::string> certificates;   // S18: the certificates declared void
  std::vector<std::int64_t> candidates;    // S18: the candidates whose results are declared void
  std::optional<std::string> rectification_due;  // S20
  std::optional<std::string> interview_on;       // S19
  std::string interview_place;
};

struct CaseReviewInput {
  std::string outcome;  // upheld | changed | overturned
  std::string reasons;
  std::optional<std::string> measure;  // changed: the lighter measure in force instead
};

struct CaseFilter {
  std::string status;
  std::optional<std::int64_t> institution_id;
  PageRequest page;
};

class EnforcementService {
 public:
  EnforcementService(AppContext& ctx, DueProcessPolicy policy = {}) : ctx_(ctx), policy_(policy) {}

  Result<CaseRecord> open(const Actor& actor, const CaseInput& in);
  Result<CaseRecord> propose(const Actor& actor, std::int64_t id, const ProposalInput& in);
  Result<CaseRecord> serve(const Actor& actor, std::int64_t id, const ServiceInput& in);
  Result<CaseRecord> state(const Actor& actor, std::int64_t id, const std::string& text);
  Result<CaseRecord> decide(const Actor& actor, std::int64_t id, const DecisionInput& in);
  Result<CaseRecord> request_review(const Actor& actor, std::int64_t id, const std::string& text);
  Result<CaseRecord> decide_review(const Actor& actor, std::int64_t id, const CaseReviewInput& in);
  // decided or reviewed → closed, with the interview record or a note; draft or proposed → dropped.
  Result<CaseRecord> close(const Actor& actor, std::int64_t id, const std::string& record);
  // S20: a passed inspection after the decision verifies the rectification and lifts the suspension.
  Result<CaseRecord> verify_rectification(const Actor& actor, std::int64_t id, std::int64_t inspection_id);

  Result<CaseRecord> get(const Actor& actor, std::int64_t id);
  // The PDF of one of the case's documents (domain/enforcement/case_documents.hpp).
  Result<std::string> document(const Actor& actor, std::int64_t id, std::string_view kind);
  Result<Page<CaseRecord>> list(const Actor& actor, const CaseFilter& f);
  Result<Page<CaseRecord>> public_sanctions(std::optional<std::int64_t> institution_id, PageRequest page);

  // The daily job: draft cases for the items due on `as_of`, once per institution and item a year.
  Result<int> open_due_cases(Date as_of);

 private:
  Result<CaseRecord> load(Tx& tx, const Actor& actor, std::int64_t id) const;
  Result<CaseRecord> load_for_authority(Tx& tx, const Actor& actor, std::int64_t id) const;
  Result<CaseRecord> save_step(Tx& tx, const Actor& actor, Instant now, const CaseRecord& c, const char* action,
                               const nlohmann::json& before) const;
  Status apply_effects(Tx& tx, CaseRecord& c, Instant now);
  void reverse_effects(Tx& tx, CaseRecord& c, Instant now);
  void settle_suspension(Tx& tx, CaseRecord& c);
  bool supervises(const Actor& actor, const std::string& authority_code) const;
  bool carries(const Actor& actor, const std::string& authority_code) const;
  std::string case_number_prefix(const std::string& authority_code) const;

  AppContext& ctx_;
  DueProcessPolicy policy_;
};

}  // namespace skillreg
