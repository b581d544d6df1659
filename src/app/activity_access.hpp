#pragma once
// Who may see and who may report an evaluation plan's records (S5 谁备案(遴选)、谁监管; M12
// 属地化管理). Every activity use case loads its plan through one of these two functions first,
// so a caller outside the plan's scope gets 404 whatever it asks for.
#include "app/context.hpp"
#include "domain/accounts/actor.hpp"
#include "domain/activity/personnel.hpp"
#include "domain/activity/records.hpp"
#include "domain/registry/records.hpp"

namespace skillreg {

// The plan, for reading: the institution's own staff, the authority that supervises the
// institution and those above it, and the authority of the exam site's area.
Result<Plan> load_plan_for_read(Tx& tx, const AppContext& ctx, const Actor& actor, std::int64_t plan_id);

// The plan, for the institution's own reporting (institution_admin or institution_staff of the
// plan's institution). Others who may read it get 403; others 404.
Result<Plan> load_plan_for_report(Tx& tx, const AppContext& ctx, const Actor& actor, std::int64_t plan_id);

// The plan, for its supervisors' decisions (the authorities that may read it).
Result<Plan> load_plan_for_authority(Tx& tx, const AppContext& ctx, const Actor& actor, std::int64_t plan_id);

// The institution the caller reports for, which must be able to evaluate now: suspended
// (S20), revoked (S21), expired (M23) and terminated (M24) institutions cannot. 409 naming the
// article of the status.
Result<Institution> reporting_institution(Tx& tx, const Actor& actor, std::int64_t institution_id);

// A registered examiner or supervisor (M16): seen by the institution that employs them, the
// authorities that supervise that institution, and, for one without an employer, the
// authorities of their region.
bool person_in_scope(Tx& tx, const AppContext& ctx, const Actor& actor, const Person& p);

}  // namespace skillreg
