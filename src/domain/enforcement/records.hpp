#pragma once
// An enforcement case 案件 as a value: the institution, the catalogue items, facts and evidence,
// the proposal, service, statements, decision, review and the effects applied.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/date.hpp"
#include "domain/enforcement/catalogue.hpp"
#include "domain/enforcement/due_process.hpp"

namespace skillreg {

struct EvidenceLink {
  std::string type;  // inspection | complaint | sampling | plan | certificate | document
  std::int64_t id = 0;  // the record's number: inspection, complaint, sampling, plan
  std::string note;
  std::string ref;  // certificate: its number; document: its own reference (文书编号), optional
};

// S18: a candidate whose result (评价成绩) a decision declares void, named for the documents.
struct CaseCandidate {
  std::int64_t id = 0, plan_id = 0;
  std::string name;
};

struct CaseStatement {
  std::int64_t id = 0;
  std::string kind;  // statement | review_request
  std::string text;
  std::int64_t submitted_by = 0;
  Instant submitted_at = 0;
};

struct CaseRecord {
  std::int64_t id = 0;
  std::string case_no;
  std::int64_t institution_id = 0;
  std::string institution_code, institution_name, credit_code;
  std::string authority_code;
  CaseStatus status = CaseStatus::draft;
  std::string origin = "manual";
  std::optional<std::int64_t> origin_id;
  std::vector<std::string> items;
  bool serious = false;
  std::string facts;
  std::vector<EvidenceLink> evidence;
  MeasureClass measure = MeasureClass::interview;  // in force: as proposed, then decided, then reviewed
  bool voids_results = false;
  std::vector<std::string> escalation;  // articles that escalated the proposal
  std::string reasons, basis;
  std::optional<Date> proposed_on, served_on, statement_due;
  // S23: the measure the prior notice announced (拟作出的处理决定), kept as it was.
  std::optional<MeasureClass> proposed_measure;
  std::string service_method;
  std::optional<DecisionOutcome> decision;
  std::string decision_reasons;
  std::optional<Date> decided_on, review_due, rectification_due, rectification_verified_on, interview_on;
  // S24: the measure the decision imposed, before any review changed it.
  std::optional<MeasureClass> decided_measure;
  std::string interview_place;
  std::vector<std::string> certificates;  // S18: the certificates declared void
  std::vector<CaseCandidate> candidates;  // S18: the candidates whose results are declared void
  std::optional<ReviewOutcome> review_outcome;
  std::string review_reasons;
  std::optional<Date> reviewed_on;
  nlohmann::json effects = nlohmann::json::object();  // what was applied, so it can be reversed
  std::string record;                                 // the interview record, or a closing note
  std::optional<std::int64_t> created_by;
  Instant created_at = 0, updated_at = 0;
  std::vector<CaseStatement> statements;
};

// A measure is in force once decided and until a review overturns it.
inline bool in_force(const CaseRecord& c) {
  const bool decided = c.status == CaseStatus::decided || c.status == CaseStatus::review_requested ||
                       c.status == CaseStatus::reviewed || c.status == CaseStatus::closed;
  return decided && c.decision != DecisionOutcome::dropped && c.review_outcome != ReviewOutcome::overturned;
}

}  // namespace skillreg
