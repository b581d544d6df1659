#include "app/activity_access.hpp"

#include "store/personnel_repo.hpp"
#include "store/plan_repo.hpp"
#include "store/registry_repo.hpp"

namespace skillreg {

namespace {

bool reads_as_authority(const AppContext& ctx, const Actor& actor, const Plan& p) {
  return is_authority(actor.role) && (ctx.regions.contains(actor.region_code, p.authority_code) ||
                                      ctx.regions.contains(actor.region_code, p.site_region_code));
}

bool is_own_staff(const Actor& actor, const Plan& p) {
  return is_institution_role(actor.role) && actor.institution_id == p.institution_id;
}

const char* status_article(InstitutionStatus s) {
  switch (s) {
    case InstitutionStatus::suspended: return "S20";
    case InstitutionStatus::revoked: return "S21";
    case InstitutionStatus::expired: return "M23";
    case InstitutionStatus::terminated: return "M24";
    case InstitutionStatus::active: return "";
  }
  return "";
}

}  // namespace

Result<Plan> load_plan_for_read(Tx& tx, const AppContext& ctx, const Actor& actor, std::int64_t plan_id) {
  auto p = PlanRepo(tx).find(plan_id);
  if (!p || (!is_own_staff(actor, *p) && !reads_as_authority(ctx, actor, *p))) return not_found("plan");
  return *p;
}

Result<Plan> load_plan_for_report(Tx& tx, const AppContext& ctx, const Actor& actor, std::int64_t plan_id) {
  auto p = load_plan_for_read(tx, ctx, actor, plan_id);
  if (!p) return p;
  if (!is_own_staff(actor, *p)) return forbidden();
  return p;
}

Result<Plan> load_plan_for_authority(Tx& tx, const AppContext& ctx, const Actor& actor, std::int64_t plan_id) {
  auto p = load_plan_for_read(tx, ctx, actor, plan_id);
  if (!p) return p;
  if (!reads_as_authority(ctx, actor, *p)) return forbidden();
  return p;
}

Result<Institution> reporting_institution(Tx& tx, const Actor& actor, std::int64_t institution_id) {
  auto i = RegistryRepo(tx).institution(institution_id);
  if (!i) return not_found("institution");
  if (!may_evaluate(i->status)) {
    auto e = conflict("机构当前状态不能开展评价活动", "The institution's status does not allow evaluation");
    e.error().article = status_article(i->status);
    e.error().details.push_back({"status", std::string(to_string(i->status))});
    return std::unexpected(e.error());
  }
  (void)actor;
  return *i;
}

bool person_in_scope(Tx& tx, const AppContext& ctx, const Actor& actor, const Person& p) {
  if (is_institution_role(actor.role)) return actor.institution_id && p.employer_id == actor.institution_id;
  if (!is_authority(actor.role)) return false;
  if (p.employer_id) {
    const auto employer_authority = PersonnelRepo(tx).employer_authority(p.id);
    return employer_authority && ctx.regions.contains(actor.region_code, *employer_authority);
  }
  return ctx.regions.contains(actor.region_code, p.region_code);
}

}  // namespace skillreg
