#pragma once
// JSON shapes of the evaluation activity's records.
#include "domain/activity/records.hpp"
#include "http/types.hpp"
#include "store/plan_repo.hpp"

namespace skillreg::http {

Json plan_json(const Plan& p);
Json plan_change_json(const PlanChange& c);

}  // namespace skillreg::http
