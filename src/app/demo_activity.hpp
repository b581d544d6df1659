#pragma once
// The demo institution's own evaluation activity (`skillreg demo --scale N`, so `make run`):
// the `inst` login's 浙江西湖职业技能培训评价中心 gets one plan at each stage a user would want to
// see — finished with certificates, held and waiting for its scores, published and taking
// candidates, and a draft. Without it the institution's console is empty, and the stages after
// publication cannot be reached in a demo at all: a plan is published at least 7 days ahead
// (S19(1)) and scored only after its exam (S14(1)).
#include <optional>
#include <string>

#include "app/context.hpp"
#include "domain/activity/activity_policy.hpp"

namespace skillreg {

struct DemoActivity {
  int plans = 0;
  // A certificate of the finished plan, for trying the public certificate check.
  std::string cert_no, holder;
};

// Nothing when the institution is missing or already has plans.
std::optional<DemoActivity> load_demo_activity(AppContext& ctx, const ActivityPolicy& policy);

}  // namespace skillreg
