#pragma once
// Use cases of evaluation plans (评价计划): an active institution drafts a plan inside its scope
// at a confirmed exam site (S20(2), M12), publishes it in time (S19(1)), and changes or cancels
// it with a reason that is kept. Authorities above the institution, and the authority of the
// exam site's area, read its plans.
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/accounts/actor.hpp"
#include "domain/activity/activity_policy.hpp"
#include "domain/activity/records.hpp"
#include "domain/registry/records.hpp"
#include "store/plan_repo.hpp"

namespace skillreg {

struct PlanInput {
  std::string subject_code;
  int level = 0;
  std::vector<std::string> parts;
  std::int64_t exam_site_id = 0;
  int planned_count = 0;
  std::string question_source;
  bool paperless = false;
  int fee = 0;
  struct SessionInput {
    std::int64_t id = 0;  // an existing session when changing a plan
    std::string part, starts_at, ends_at, room;
  };
  std::vector<SessionInput> sessions;
};

struct PlanFilter {
  std::optional<std::string> status;
  std::string subject_code;
  int level = 0;
  std::optional<std::int64_t> institution_id;
  std::string from, to;
  PageRequest page;
};

class PlanService {
 public:
  PlanService(AppContext& ctx, ActivityPolicy policy = {}) : ctx_(ctx), policy_(policy) {}

  Result<Plan> create(const Actor& actor, const PlanInput& input);
  Result<Plan> change(const Actor& actor, std::int64_t id, const PlanInput& input, const std::string& reason);
  Result<Plan> publish(const Actor& actor, std::int64_t id);
  Result<Plan> cancel(const Actor& actor, std::int64_t id, const std::string& reason);
  Result<Plan> plan(const Actor& actor, std::int64_t id);
  Result<Page<Plan>> plans(const Actor& actor, const PlanFilter& filter);
  Result<std::vector<PlanChange>> changes(const Actor& actor, std::int64_t id);

  const ActivityPolicy& policy() const { return policy_; }

 private:
  // Builds the plan from the input and checks it against the institution's scope and sites.
  Result<Plan> build(Tx& tx, const Institution& inst, const PlanInput& input, Plan base);

  AppContext& ctx_;
  ActivityPolicy policy_;
};

}  // namespace skillreg
