#pragma once
// Use cases of supervision planning (M27, S8, S11, S12): the inspector roster 执法检查人员名录库,
// supervision plans 监管计划, the verifiable double-random draw 双随机、一公开 (commit → draw →
// publish, docs/draw.md), annual assessments 年度考核 (S15), the supervision archive 监管档案
// and the credit standing derived from it (S8).
//
// Scope (S5): an authority works in its own region and sees those below it; the public sees
// commitments and snapshots at once, seeds and results once published.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/accounts/actor.hpp"
#include "domain/supervision/credit_standing.hpp"
#include "domain/supervision/draw.hpp"
#include "domain/supervision/records.hpp"
#include "store/archive_repo.hpp"
#include "store/paging.hpp"

namespace skillreg {

struct InspectorInput {
  std::string name, identity_no, organisation;
  std::optional<std::int64_t> user_id, employer_institution_id;
};

struct DrawView {
  Draw draw;
  std::vector<std::int64_t> inspection_ids;
  bool reveal = false;  // the seed and result may be shown to this caller
};

struct SupervisionArchive {
  std::int64_t institution_id = 0;
  CreditStanding standing;
  StandingFacts facts;
  std::vector<TimelineEntry> timeline;
};

class SupervisionService {
 public:
  SupervisionService(AppContext& ctx, SupervisionPolicy policy = {}) : ctx_(ctx), policy_(policy) {}
  const SupervisionPolicy& policy() const { return policy_; }

  Result<Inspector> add_inspector(const Actor& actor, const InspectorInput& in);
  Result<Page<Inspector>> inspectors(const Actor& actor, PageRequest page);

  Result<SupervisionPlan> create_plan(const Actor& actor, SupervisionPlan plan);
  Result<std::pair<SupervisionPlan, std::vector<std::int64_t>>> plan(const Actor& actor, std::int64_t id);
  Result<Page<SupervisionPlan>> plans(const Actor& actor, std::optional<int> year, PageRequest page);

  // M27: the commitment and snapshot are fixed and published; the seed stays secret.
  Result<DrawView> commit_draw(const Actor& actor, std::int64_t plan_id);
  // The algorithm runs; one inspection per target with its drawn inspectors.
  Result<DrawView> execute_draw(const Actor& actor, std::int64_t draw_id);
  // 一公开: the seed, the result and the completed inspections' outcomes become public.
  Result<DrawView> publish_draw(const Actor& actor, std::int64_t draw_id);
  Result<DrawView> draw(const Actor& actor, std::int64_t draw_id);
  Result<Page<DrawView>> draws(const Actor& actor, std::optional<std::int64_t> plan_id, const std::string& status,
                               PageRequest page);
  Result<DrawVerification> verify(const Actor& actor, std::int64_t draw_id);
  // The public portal.
  Result<DrawView> public_draw(std::int64_t draw_id);
  Result<Page<DrawView>> public_draws(PageRequest page);

  // S15 年度考核: one annual assessment per active institution the caller supervises directly.
  Result<std::vector<std::int64_t>> open_annual_assessments(const Actor& actor, int year);

  // M27: draws whose publication day has come are published (the daily job). The count.
  Result<int> publish_due_draws(Date as_of);

  Result<SupervisionArchive> archive(const Actor& actor, std::int64_t institution_id);
  // S8: the standing of each institution (all when `ids` is empty), for draw weights and stars.
  std::map<std::int64_t, CreditStanding> standings(Tx& tx, const std::vector<std::int64_t>& ids) const;

 private:
  Result<Draw> load_draw(Tx& tx, const Actor& actor, std::int64_t id) const;
  Result<DrawView> view_of(Tx& tx, Draw d, bool reveal) const;
  Result<DrawView> publish(Tx& tx, const Actor& actor, Draw d, Instant now);
  bool sees(const Actor& actor, const std::string& region) const;

  AppContext& ctx_;
  SupervisionPolicy policy_;
};

}  // namespace skillreg
