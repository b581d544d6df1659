#pragma once
// Use cases of complaints and reports 投诉举报 (M28, S17): the public form (anonymous allowed)
// with a tracking number, routing to the authority that supervises the institution and to the
// authority where the activity took place, a reply deadline in working days, and the handling
// steps up to a reply; a complaint can open a special inspection (S15) in one step.
#include <optional>
#include <string>

#include "app/context.hpp"
#include "app/inspection_service.hpp"
#include "domain/accounts/actor.hpp"
#include "domain/supervision/complaint_rules.hpp"
#include "domain/supervision/records.hpp"
#include "domain/supervision/supervision_policy.hpp"
#include "store/complaint_repo.hpp"

namespace skillreg {

struct ComplaintFilter {
  std::string status;
  std::optional<std::int64_t> institution_id;
  PageRequest page;
};

class ComplaintService {
 public:
  ComplaintService(AppContext& ctx, InspectionService& inspections, SupervisionPolicy policy = {})
      : ctx_(ctx), inspections_(inspections), policy_(policy) {}

  // 429 when the sender's address has sent the policy's number within the hour.
  Result<Complaint> submit(const ComplaintInput& in, const std::string& client_ip);
  Result<Complaint> track(const std::string& tracking_no);

  Result<Page<Complaint>> list(const Actor& actor, const ComplaintFilter& f);
  Result<Complaint> get(const Actor& actor, std::int64_t id);
  Result<Complaint> accept(const Actor& actor, std::int64_t id);
  Result<Complaint> reject(const Actor& actor, std::int64_t id, const std::string& reason);
  // S15, S17: a special inspection of the institution, linked to the complaint.
  Result<std::pair<Complaint, Inspection>> open_inspection(const Actor& actor, std::int64_t id, InspectionInput in);
  Result<Complaint> reply(const Actor& actor, std::int64_t id, bool substantiated, const std::string& reply);

  bool overdue(const Complaint& c) const;

 private:
  Result<Complaint> load(Tx& tx, const Actor& actor, std::int64_t id) const;
  Result<Complaint> move(const Actor& actor, std::int64_t id, ComplaintStatus to, const std::string& reason);

  AppContext& ctx_;
  InspectionService& inspections_;
  SupervisionPolicy policy_;
};

}  // namespace skillreg
