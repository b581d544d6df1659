#include "app/supervision_service.hpp"

#include <algorithm>
#include <set>

#include "app/audit_trail.hpp"
#include "core/crypto.hpp"
#include "core/utf8.hpp"
#include "core/validators.hpp"
#include "domain/registry/institution_kind.hpp"
#include "store/inspection_repo.hpp"
#include "store/registry_repo.hpp"
#include "store/supervision_repo.hpp"
#include "store/user_repo.hpp"

namespace skillreg {

namespace {

constexpr Instant kYear = 365 * 86400;

bool plain_text_ok(const std::string& s, std::size_t max_chars, bool multiline) {
  if (utf8_length(s) > max_chars) return false;
  return std::ranges::none_of(s, [multiline](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) || u == 0x7F;
  });
}

void text_field(std::vector<FieldProblem>& problems, const char* name, const std::string& value, bool required,
                std::size_t max_chars, bool multiline) {
  if (required && value.empty()) problems.push_back({name, "required"});
  else if (utf8_length(value) > max_chars) problems.push_back({name, "too_long"});
  else if (!plain_text_ok(value, max_chars, multiline)) problems.push_back({name, "control_characters"});
}

nlohmann::json plan_snapshot(const SupervisionPlan& p) {
  return {{"year", p.year},
          {"title", p.title},
          {"region_code", p.region_code},
          {"pool", {{"kinds", p.pool_kinds}, {"region_codes", p.pool_regions}}},
          {"sampling_share", p.sampling_share},
          {"key_supervision", p.key_supervision},
          {"weights", {{"watch", p.watch_weight}, {"key", p.key_weight}}},
          {"inspectors_per_target", p.inspectors_per_target},
          {"inspection_kind", to_string(p.inspection_kind)},
          {"inspection_mode", to_string(p.inspection_mode)},
          {"checklist", p.checklist}};
}

}  // namespace

bool SupervisionService::sees(const Actor& actor, const std::string& region) const {
  return is_authority(actor.role) && ctx_.regions.contains(actor.region_code, region);
}

// ---- roster -------------------------------------------------------------------------------

Result<Inspector> SupervisionService::add_inspector(const Actor& actor, const InspectorInput& in) {
  if (!is_authority(actor.role)) return forbidden();
  std::vector<FieldProblem> problems;
  text_field(problems, "name", in.name, true, 50, false);
  text_field(problems, "organisation", in.organisation, false, 100, false);
  Inspector i;
  i.region_code = actor.region_code;
  i.name = in.name;
  i.organisation = in.organisation;
  i.user_id = in.user_id;
  i.employer_institution_id = in.employer_institution_id;
  i.created_at = ctx_.clock.now();
  if (!in.identity_no.empty()) {
    i.identity_no = normalize_identity_number(in.identity_no);
    if (auto ok = check_identity_number(i.identity_no); !ok)
      for (const auto& d : ok.error().details) problems.push_back({"identity_no", d.problem});
  }
  return ctx_.db.write([&](Tx& tx) -> Result<Inspector> {
    if (i.user_id) {
      auto u = UserRepo(tx).by_id(*i.user_id);
      if (!u || u->role != Role::inspector || !ctx_.regions.contains(actor.region_code, u->region_code))
        problems.push_back({"user_id", "not_an_inspector_of_your_region"});
    }
    if (i.employer_institution_id && !RegistryRepo(tx).institution(*i.employer_institution_id))
      problems.push_back({"employer_institution_id", "unknown_institution"});
    if (!problems.empty()) return invalid(problems);
    i.id = SupervisionRepo(tx).insert_inspector(i);
    record_change(tx, actor, i.created_at,
                  {"inspector.add", "inspector", std::to_string(i.id), i.region_code, std::nullopt, nullptr,
                   {{"name", i.name},
                    {"organisation", i.organisation},
                    {"identity_no", mask_identity_number(i.identity_no)}}});
    return i;
  });
}

Result<Page<Inspector>> SupervisionService::inspectors(const Actor& actor, PageRequest page) {
  if (!is_authority(actor.role)) return forbidden();
  return ctx_.db.read([&](Tx& tx) -> Result<Page<Inspector>> {
    return SupervisionRepo(tx).inspectors({ctx_.regions.subtree(actor.region_code), page});
  });
}

// ---- plans --------------------------------------------------------------------------------

Result<SupervisionPlan> SupervisionService::create_plan(const Actor& actor, SupervisionPlan p) {
  if (!is_authority(actor.role)) return forbidden();
  std::vector<FieldProblem> problems;
  const Date today = local_date(ctx_.clock.now());
  if (p.year < today.year - 1 || p.year > today.year + 1) problems.push_back({"year", "must_be_this_or_next_year"});
  text_field(problems, "title", p.title, true, 100, false);
  text_field(problems, "content", p.content, true, 4000, true);
  text_field(problems, "focus", p.focus, false, 4000, true);
  text_field(problems, "frequency", p.frequency, false, 100, false);
  for (std::size_t k = 0; k < p.pool_kinds.size(); ++k)
    if (!parse_institution_kind(p.pool_kinds[k]))
      problems.push_back({"pool.kinds[" + std::to_string(k) + "]", "unknown_kind"});
  // S5: the pool lies within the planning authority's own region.
  for (std::size_t k = 0; k < p.pool_regions.size(); ++k)
    if (!ctx_.regions.find(p.pool_regions[k]) || !ctx_.regions.contains(actor.region_code, p.pool_regions[k]))
      problems.push_back({"pool.region_codes[" + std::to_string(k) + "]", "outside_your_region"});
  if (p.sampling_share < 1 || p.sampling_share > 100) problems.push_back({"sampling_share", "must_be_1_to_100"});
  if (p.key_supervision != "weight" && p.key_supervision != "always")
    problems.push_back({"key_supervision", "must_be_weight_or_always"});
  if (p.watch_weight < 1 || p.watch_weight > 10) problems.push_back({"weights.watch", "must_be_1_to_10"});
  if (p.key_weight < 1 || p.key_weight > 10) problems.push_back({"weights.key", "must_be_1_to_10"});
  // M27: at least two inspectors per target (policy).
  if (p.inspectors_per_target < policy_.min_inspectors_per_target || p.inspectors_per_target > 10)
    problems.push_back({"inspectors_per_target", "must_be_at_least_" + std::to_string(policy_.min_inspectors_per_target)});
  if (p.inspection_kind != InspectionKind::daily && p.inspection_kind != InspectionKind::special &&
      p.inspection_kind != InspectionKind::annual_assessment)
    problems.push_back({"inspection_kind", "not_for_a_draw"});
  if (p.checklist.empty())
    for (const auto& item : s9_checklist()) p.checklist.push_back(item.code);
  std::set<std::string> seen;
  for (std::size_t k = 0; k < p.checklist.size(); ++k)
    if (!checklist_item(p.checklist[k]) || !seen.insert(p.checklist[k]).second)
      problems.push_back({"checklist[" + std::to_string(k) + "]", "unknown_or_duplicate_item"});
  if (!problems.empty()) return invalid(problems);
  p.region_code = actor.region_code;
  p.created_by = actor.user_id;
  p.created_at = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<SupervisionPlan> {
    p.id = SupervisionRepo(tx).insert_plan(p);
    record_change(tx, actor, p.created_at,
                  {"supervision_plan.create", "supervision_plan", std::to_string(p.id), p.region_code, std::nullopt,
                   nullptr, plan_snapshot(p)});
    return p;
  });
}

Result<std::pair<SupervisionPlan, std::vector<std::int64_t>>> SupervisionService::plan(const Actor& actor,
                                                                                       std::int64_t id) {
  return ctx_.db.read([&](Tx& tx) -> Result<std::pair<SupervisionPlan, std::vector<std::int64_t>>> {
    SupervisionRepo repo(tx);
    auto p = repo.plan(id);
    if (!p || !sees(actor, p->region_code)) return not_found("supervision plan");
    return std::pair{*p, repo.draws_of_plan(id)};
  });
}

Result<Page<SupervisionPlan>> SupervisionService::plans(const Actor& actor, std::optional<int> year, PageRequest page) {
  if (!is_authority(actor.role)) return forbidden();
  return ctx_.db.read([&](Tx& tx) -> Result<Page<SupervisionPlan>> {
    return SupervisionRepo(tx).plans({ctx_.regions.subtree(actor.region_code), page}, year);
  });
}

// ---- draws --------------------------------------------------------------------------------

Result<Draw> SupervisionService::load_draw(Tx& tx, const Actor& actor, std::int64_t id) const {
  auto d = SupervisionRepo(tx).draw(id);
  if (!d || !sees(actor, d->region_code)) return not_found("draw");
  return *d;
}

Result<DrawView> SupervisionService::view_of(Tx& tx, Draw d, bool reveal) const {
  auto inspections = InspectionRepo(tx).of_draw(d.id);
  DrawView v{std::move(d), std::move(inspections), reveal};
  // M27: the seed stays secret until publication; the result is shown to whom `reveal` allows.
  if (v.draw.status != "published") v.draw.seed.clear();
  if (!reveal) v.draw.result_json.reset();
  return v;
}

Result<DrawView> SupervisionService::commit_draw(const Actor& actor, std::int64_t plan_id) {
  if (!is_authority(actor.role)) return forbidden();
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<DrawView> {
    SupervisionRepo repo(tx);
    auto plan = repo.plan(plan_id);
    if (!plan || !sees(actor, plan->region_code)) return not_found("supervision plan");
    // S5: the plan's own authority draws; those above it see it.
    if (plan->region_code != actor.region_code) return forbidden();
    // The pool: institutions that may evaluate, supervised within the plan's pool.
    std::vector<std::string> regions;
    for (const auto& r : plan->pool_regions.empty() ? std::vector<std::string>{plan->region_code} : plan->pool_regions)
      for (const auto& c : ctx_.regions.subtree(r)) regions.push_back(c);
    InstitutionQuery q;
    q.authorities = regions;
    q.status = InstitutionStatus::active;
    q.page = {1, 200};
    std::vector<Institution> institutions;
    for (RegistryRepo registry(tx);;) {
      auto page = registry.institutions(q);
      for (auto& i : page.items)
        if (i.status == InstitutionStatus::active &&
            (plan->pool_kinds.empty() ||
             std::ranges::find(plan->pool_kinds, std::string(to_string(i.kind))) != plan->pool_kinds.end()))
          institutions.push_back(std::move(i));
      if (static_cast<std::int64_t>(q.page.page) * q.page.page_size >= page.total) break;
      ++q.page.page;
    }
    if (institutions.empty()) return invalid({{"plan_id", "pool_is_empty"}});
    std::vector<std::int64_t> ids;
    for (const auto& i : institutions) ids.push_back(i.id);
    const auto standing = standings(tx, ids);
    DrawSnapshot snap;
    snap.params = {plan->sampling_share, plan->inspectors_per_target};
    for (const auto& i : institutions) {
      const Standing s = standing.at(i.id).level;
      // S8, S12: key supervision is drawn with a higher weight, or always, as the plan says.
      const bool always = s == Standing::key && plan->key_supervision == "always";
      snap.pool.push_back({i.id, i.code, i.name, std::string(to_string(s)),
                           draw_weight(s, plan->watch_weight, plan->key_weight), always});
    }
    std::ranges::sort(snap.pool, {}, &PoolEntry::code);
    const auto last = repo.last_inspectors(ids);
    for (const auto& r : repo.roster(plan->region_code)) {
      RosterEntry e{r.id, r.name, r.organisation, repo.tied_codes(r, now - kYear), {}};
      for (const auto& [code, inspector] : last)
        if (inspector == r.id) e.last.push_back(code);
      std::ranges::sort(e.last);
      snap.roster.push_back(std::move(e));
    }
    if (static_cast<int>(snap.roster.size()) < plan->inspectors_per_target)
      return invalid({{"roster", "fewer_inspectors_than_needed_per_target"}});
    Draw d;
    d.plan_id = plan->id;
    d.region_code = plan->region_code;
    d.seed = crypto::random_hex(32);
    d.commitment = draw_commitment(d.seed);
    d.snapshot_json = canonical_text(to_json(snap));
    d.snapshot_sha256 = crypto::sha256_hex(d.snapshot_json);
    d.committed_at = now;
    d.created_by = actor.user_id;
    d.id = repo.insert_draw(d);
    // The audit chain holds the commitment and snapshot hash, so neither can change unseen.
    record_change(tx, actor, now,
                  {"draw.commit", "draw", std::to_string(d.id), d.region_code, std::nullopt, nullptr,
                   {{"plan_id", d.plan_id},
                    {"commitment", d.commitment},
                    {"snapshot_sha256", d.snapshot_sha256},
                    {"pool", snap.pool.size()},
                    {"roster", snap.roster.size()}}});
    return view_of(tx, d, false);
  });
}

Result<DrawView> SupervisionService::execute_draw(const Actor& actor, std::int64_t draw_id) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<DrawView> {
    auto d = load_draw(tx, actor, draw_id);
    if (!d) return std::unexpected(d.error());
    if (d->region_code != actor.region_code) return forbidden();
    if (d->status != "committed") return conflict("抽取已执行", "The draw has already been made");
    SupervisionRepo repo(tx);
    auto plan = repo.plan(d->plan_id);
    auto snap = snapshot_from_json(nlohmann::json::parse(d->snapshot_json, nullptr, false));
    if (!plan || !snap || crypto::sha256_hex(d->snapshot_json) != d->snapshot_sha256)
      return fail(ErrorKind::internal, "抽取快照校验失败", "The draw's snapshot failed its check");
    const auto result = run_draw(d->seed, *snap);
    const std::string result_json = canonical_text(to_json(result));
    repo.set_drawn(d->id, result_json, now);
    const Date scheduled = ctx_.calendar.add_working_days(local_date(now), 10);
    InspectionRepo inspections(tx);
    for (const auto& t : result) {
      auto inst = RegistryRepo(tx).institution(t.institution_id);
      if (!inst) continue;
      Inspection i;
      i.institution_id = t.institution_id;
      i.authority_code = inst->authority_code;
      i.kind = plan->inspection_kind;
      i.mode = plan->inspection_mode;
      i.draw_id = d->id;
      i.supervision_plan_id = plan->id;
      i.scheduled_on = scheduled;
      i.created_by = actor.user_id;
      i.created_at = now;
      for (auto id : t.inspector_ids) i.inspectors.push_back({id, "", std::nullopt});
      for (const auto& code : plan->checklist) i.items.push_back({code, std::nullopt, ""});
      i.id = inspections.insert(i);
      record_change(tx, actor, now,
                    {"inspection.create", "inspection", std::to_string(i.id), i.authority_code, i.institution_id,
                     nullptr,
                     {{"draw_id", d->id}, {"kind", to_string(i.kind)}, {"mode", to_string(i.mode)},
                      {"inspectors", t.inspector_ids}}});
    }
    record_change(tx, actor, now,
                  {"draw.execute", "draw", std::to_string(d->id), d->region_code, std::nullopt, nullptr,
                   {{"targets", result.size()}, {"result_sha256", crypto::sha256_hex(result_json)}}});
    auto fresh = repo.draw(d->id);
    return view_of(tx, *fresh, true);
  });
}

Result<DrawView> SupervisionService::publish(Tx& tx, const Actor& actor, Draw d, Instant now) {
  if (d.status != "drawn") return conflict("只能公开已抽取的结果", "Only a made draw can be published");
  InspectionRepo inspections(tx);
  for (auto id : inspections.of_draw(d.id)) {
    auto i = inspections.find(id);
    if (i && i->status != InspectionStatus::completed && i->status != InspectionStatus::cancelled)
      return conflict("抽查尚未全部完成", "Not every inspection of the draw is completed");
  }
  SupervisionRepo(tx).set_published(d.id, now);
  inspections.publish_of_draw(d.id, now);
  // M27 一公开: the seed is revealed with the results, so anyone can re-run the draw.
  record_change(tx, actor, now,
                {"draw.publish", "draw", std::to_string(d.id), d.region_code, std::nullopt, nullptr,
                 {{"seed", d.seed}}});
  auto fresh = SupervisionRepo(tx).draw(d.id);
  return view_of(tx, *fresh, true);
}

Result<DrawView> SupervisionService::publish_draw(const Actor& actor, std::int64_t draw_id) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<DrawView> {
    auto d = load_draw(tx, actor, draw_id);
    if (!d) return std::unexpected(d.error());
    if (d->region_code != actor.region_code) return forbidden();
    return publish(tx, actor, *d, now);
  });
}

Result<int> SupervisionService::publish_due_draws(Date as_of) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<int> {
    int n = 0;
    for (auto id : SupervisionRepo(tx).draws_due(as_of)) {
      auto d = SupervisionRepo(tx).draw(id);
      if (d && publish(tx, system_actor(), *d, now)) ++n;
    }
    return n;
  });
}

Result<DrawView> SupervisionService::draw(const Actor& actor, std::int64_t draw_id) {
  return ctx_.db.read([&](Tx& tx) -> Result<DrawView> {
    auto d = load_draw(tx, actor, draw_id);
    if (!d) return std::unexpected(d.error());
    // Officials see the result once drawn; the seed only once published.
    return view_of(tx, *d, true);
  });
}

Result<Page<DrawView>> SupervisionService::draws(const Actor& actor, std::optional<std::int64_t> plan_id,
                                                 const std::string& status, PageRequest page) {
  if (!is_authority(actor.role)) return forbidden();
  return ctx_.db.read([&](Tx& tx) -> Result<Page<DrawView>> {
    auto list = SupervisionRepo(tx).draws({ctx_.regions.subtree(actor.region_code), page}, plan_id, status);
    Page<DrawView> out{{}, list.total, list.page, list.page_size};
    for (auto& d : list.items) {
      auto v = view_of(tx, d, true);
      if (v) out.items.push_back(std::move(*v));
    }
    return out;
  });
}

Result<DrawVerification> SupervisionService::verify(const Actor& actor, std::int64_t draw_id) {
  return ctx_.db.read([&](Tx& tx) -> Result<DrawVerification> {
    auto d = load_draw(tx, actor, draw_id);
    if (!d) return std::unexpected(d.error());
    if (!d->result_json) return conflict("尚未抽取", "The draw has not been made yet");
    return verify_draw(d->seed, d->commitment, d->snapshot_json, d->snapshot_sha256, *d->result_json);
  });
}

Result<DrawView> SupervisionService::public_draw(std::int64_t draw_id) {
  return ctx_.db.read([&](Tx& tx) -> Result<DrawView> {
    auto d = SupervisionRepo(tx).draw(draw_id);
    if (!d) return not_found("draw");
    return view_of(tx, *d, d->status == "published");
  });
}

Result<Page<DrawView>> SupervisionService::public_draws(PageRequest page) {
  return ctx_.db.read([&](Tx& tx) -> Result<Page<DrawView>> {
    auto list = SupervisionRepo(tx).all_draws(page);
    Page<DrawView> out{{}, list.total, list.page, list.page_size};
    for (auto& d : list.items) {
      auto v = view_of(tx, d, d.status == "published");
      if (v) out.items.push_back(std::move(*v));
    }
    return out;
  });
}

// ---- annual assessment (S15) ---------------------------------------------------------------

Result<std::vector<std::int64_t>> SupervisionService::open_annual_assessments(const Actor& actor, int year) {
  if (!is_authority(actor.role)) return forbidden();
  const Instant now = ctx_.clock.now();
  const Date today = local_date(now);
  if (year < today.year - 1 || year > today.year) return invalid({{"year", "must_be_this_or_last_year"}});
  return ctx_.db.write([&](Tx& tx) -> Result<std::vector<std::int64_t>> {
    InspectionRepo repo(tx);
    std::vector<std::int64_t> opened;
    const std::string from = Date{year, 1, 1}.to_string(), to = Date{year + 1, 12, 31}.to_string();
    for (auto id : repo.active_institutions_of(actor.region_code)) {
      // One annual assessment per institution and year.
      if (repo.has_inspection(id, InspectionKind::annual_assessment, from, to)) continue;
      Inspection i;
      i.institution_id = id;
      i.authority_code = actor.region_code;
      i.kind = InspectionKind::annual_assessment;
      i.mode = InspectionMode::self_evaluation_review;
      i.scheduled_on = ctx_.calendar.add_working_days(today, 20);
      i.created_by = actor.user_id;
      i.created_at = now;
      for (const auto& item : s9_checklist()) i.items.push_back({item.code, std::nullopt, ""});
      i.id = repo.insert(i);
      opened.push_back(i.id);
      record_change(tx, actor, now,
                    {"inspection.create", "inspection", std::to_string(i.id), i.authority_code, id, nullptr,
                     {{"kind", "annual_assessment"}, {"year", year}}});
    }
    return opened;
  });
}

// ---- archive and standing (S8, S11) --------------------------------------------------------

std::map<std::int64_t, CreditStanding> SupervisionService::standings(Tx& tx, const std::vector<std::int64_t>& ids) const {
  const Instant now = ctx_.clock.now();
  std::map<std::int64_t, CreditStanding> out;
  for (const auto& [id, facts] : ArchiveRepo(tx).facts(ids, now, local_date(now)))
    out[id] = credit_standing(facts, policy_);
  for (auto id : ids) out.try_emplace(id);
  return out;
}

Result<SupervisionArchive> SupervisionService::archive(const Actor& actor, std::int64_t institution_id) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.read([&](Tx& tx) -> Result<SupervisionArchive> {
    auto inst = RegistryRepo(tx).institution(institution_id);
    const bool own = is_institution_role(actor.role) && actor.institution_id == institution_id;
    if (!inst || (!own && !sees(actor, inst->authority_code))) return not_found("institution");
    ArchiveRepo repo(tx);
    SupervisionArchive v;
    v.institution_id = institution_id;
    v.facts = repo.facts({institution_id}, now, local_date(now))[institution_id];
    v.standing = credit_standing(v.facts, policy_);
    v.timeline = repo.timeline(institution_id);
    // 暗访: a covert visit not yet completed is not in the institution's own view.
    if (own) {
      InspectionRepo inspections(tx);
      std::erase_if(v.timeline, [&](const TimelineEntry& e) {
        if (e.type != "inspection") return false;
        auto i = inspections.find(e.ref_id);
        return i && !visible_to_institution(i->mode, i->status);
      });
    }
    return v;
  });
}

}  // namespace skillreg
