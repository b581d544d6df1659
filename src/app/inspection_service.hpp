#pragma once
// Use cases of inspections 监督检查 (S10, S13, S15, S16): created by a draw, by an authority
// (special, sampling follow-up, annual or periodic), or from a complaint; worked by the
// inspectors assigned (or the authority itself): checklist findings over S9's five areas,
// evidence files whose hash is recorded and never altered, a report and an outcome, and
// rectification requirements verified later.
//
// Scope: the authority that supervises the institution and those above it; an inspector only
// the inspections assigned to them (404 otherwise); the institution its own, a covert visit
// 暗访 only once completed.
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/accounts/actor.hpp"
#include "domain/supervision/records.hpp"
#include "domain/supervision/supervision_policy.hpp"
#include "store/inspection_repo.hpp"
#include "store/paging.hpp"

namespace skillreg {

struct InspectionInput {
  std::int64_t institution_id = 0;
  InspectionKind kind = InspectionKind::special;
  InspectionMode mode = InspectionMode::onsite_overt;
  std::string scheduled_on;
  std::vector<std::int64_t> inspector_ids;
  std::string third_party;
  std::optional<std::int64_t> complaint_id, evaluation_plan_id, peer_institution_id, renewal_id;
  std::vector<std::string> checklist;  // empty: every item
};

struct InspectionFilter {
  std::string status, kind;
  std::optional<std::int64_t> institution_id, draw_id;
  PageRequest page;
};

struct CompletionInput {
  std::string outcome, report;
  std::vector<RectificationInput> rectifications;
};

class InspectionService {
 public:
  InspectionService(AppContext& ctx, SupervisionPolicy policy = {}) : ctx_(ctx), policy_(policy) {}

  Result<Inspection> create(const Actor& actor, const InspectionInput& in);
  // Inside the caller's transaction (complaints, renewals); the actor must be an authority of it.
  Result<Inspection> create_in(Tx& tx, const Actor& actor, const InspectionInput& in);
  Result<Page<Inspection>> list(const Actor& actor, const InspectionFilter& f);
  Result<Inspection> get(const Actor& actor, std::int64_t id);
  Result<Page<Inspection>> public_results(const std::string& institution_code, PageRequest page);

  Result<Inspection> start(const Actor& actor, std::int64_t id);
  Result<Inspection> record_findings(const Actor& actor, std::int64_t id, const std::vector<ItemFinding>& items);
  Result<EvidenceMeta> add_evidence(const Actor& actor, std::int64_t id, const std::string& file_name,
                                    const std::string& bytes);
  Result<std::pair<EvidenceMeta, std::string>> evidence(const Actor& actor, std::int64_t id, std::int64_t evidence_id);
  Result<Inspection> submit_self_evaluation(const Actor& actor, std::int64_t id, const std::string& text);
  Result<Inspection> complete(const Actor& actor, std::int64_t id, const CompletionInput& in);
  // S11 整改: the officer accepts a rectification (seen on site or on the institution's report),
  // or, on a report, finds it not done (`accepted` false, with a note); the institution then
  // reports again.
  Result<Inspection> verify_rectification(const Actor& actor, std::int64_t id, std::int64_t rectification_id,
                                          const std::string& note, bool accepted = true);
  // S11 整改: the institution's account of what it did about an order, for the officer to verify.
  Result<Inspection> report_rectification(const Actor& actor, std::int64_t id, std::int64_t rectification_id,
                                          const std::string& report);
  // `refused` records that the institution refused the inspection, which the daily job counts towards
  // an S20(3) proposal.
  Result<Inspection> cancel(const Actor& actor, std::int64_t id, const std::string& reason, bool refused = false);

 private:
  Result<Inspection> load_for_read(Tx& tx, const Actor& actor, std::int64_t id) const;
  // The assigned inspectors, or the supervising authority. Others who may read: 403.
  Result<Inspection> load_for_work(Tx& tx, const Actor& actor, std::int64_t id) const;
  bool supervises(const Actor& actor, const std::string& authority_code) const;

  AppContext& ctx_;
  SupervisionPolicy policy_;
};

}  // namespace skillreg
