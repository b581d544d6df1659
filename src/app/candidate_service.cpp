#include "app/candidate_service.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "app/activity_access.hpp"
#include "app/audit_trail.hpp"
#include "core/utf8.hpp"
#include "core/validators.hpp"
#include "domain/activity/application_conditions.hpp"
#include "domain/activity/plan_rules.hpp"
#include "store/certificate_repo.hpp"
#include "store/plan_repo.hpp"

namespace skillreg {

namespace {

nlohmann::json eligibility_json(const EligibilityResult& r) {
  nlohmann::json checks = nlohmann::json::array();
  for (const auto& c : r.checks) checks.push_back({{"route", c.route}, {"met", c.met}, {"unmet", c.unmet}});
  return {{"eligible", r.eligible}, {"met_route", r.met_route ? nlohmann::json(*r.met_route) : nlohmann::json(nullptr)},
          {"checks", checks}};
}

std::vector<std::string> flags_of(const Candidate& c, const std::vector<OverlapFinding>& overlaps) {
  std::vector<std::string> flags;
  // S19(2) 资格审核不严: admitted although no route of the application conditions is met.
  if (c.review == ReviewDecision::admitted && !c.eligible) flags.push_back("ineligible_admitted");
  for (const auto& o : overlaps)
    if (o.candidate_id == c.id) flags.push_back("overlapping_plan:" + std::to_string(o.other_plan_id));
  return flags;
}

Status writable(const Plan& p) {
  if (p.status == PlanStatus::cancelled) return conflict("计划已取消", "The plan is cancelled");
  return {};
}

}  // namespace

Result<Candidate> CandidateService::build(const Plan& plan, const CandidateInput& in, const std::string& prefix,
                                          EligibilityCache* cache) const {
  std::vector<FieldProblem> problems;
  auto field = [&](const char* name) { return prefix + name; };
  Candidate c;
  c.plan_id = plan.id;
  c.identity_no = normalize_identity_number(in.identity_no);
  auto id = check_identity_number(c.identity_no);
  if (!id) {
    for (const auto& d : id.error().details) problems.push_back({field("identity_no"), d.problem});
  } else {
    c.birth_date = id->birth_date;
    c.sex = std::string(1, id->sex);
  }
  c.name = in.name;
  if (in.name.empty()) problems.push_back({field("name"), "required"});
  else if (!is_valid_utf8(in.name) || utf8_length(in.name) > 50) problems.push_back({field("name"), "too_long"});
  auto education = parse_education(in.education);
  if (!education) problems.push_back({field("education"), "unknown_education"});
  else c.education = in.education;
  if (in.years_in_trade < 0 || in.years_in_trade > 60) problems.push_back({field("years_in_trade"), "must_be_0_to_60"});
  c.years_in_trade = in.years_in_trade;
  if (in.prior_level && (*in.prior_level < 1 || *in.prior_level > 5)) problems.push_back({field("prior_level"), "must_be_1_to_5"});
  c.prior_level = in.prior_level;
  if (!in.prior_cert_date.empty()) {
    c.prior_cert_date = Date::parse(in.prior_cert_date);
    if (!c.prior_cert_date) problems.push_back({field("prior_cert_date"), "must_be_date"});
    // S19(2) 资格审核: a certificate held is one already issued, to the person, in their lifetime.
    else if (*c.prior_cert_date > local_date(ctx_.clock.now())) problems.push_back({field("prior_cert_date"), "in_the_future"});
    else if (id && *c.prior_cert_date < c.birth_date) problems.push_back({field("prior_cert_date"), "before_birth"});
  }
  if (c.prior_cert_date && !c.prior_level) problems.push_back({field("prior_level"), "required_with_prior_cert_date"});
  c.apprenticeship = in.apprenticeship;
  if (in.review) {
    auto d = parse_review_decision(*in.review);
    if (!d) problems.push_back({field("review"), "unknown_decision"});
    else c.review = *d;
  }
  c.review_note = in.review_note;
  if (in.review_note.size() > 2000) problems.push_back({field("review_note"), "too_long"});
  if (!problems.empty()) return invalid(problems);

  // S19(2): the system's own check of the application conditions, as of the first exam day.
  if (cache != nullptr && cache->plan_id_ != plan.id) {
    // Texts handed out by address must stay where they are: one plan per cache.
    if (cache->plan_id_ != -1) throw std::logic_error("EligibilityCache: a second plan");
    cache->plan_id_ = plan.id;
    cache->first_day_ = local_date(plan.first_session_at().value_or(0));
    cache->verdicts_.clear();
    cache->texts_.clear();
  }
  const Date first_day = cache != nullptr ? cache->first_day_ : local_date(plan.first_session_at().value_or(0));
  if (plan.level >= 1 && plan.level <= 5) {
    CandidateFacts facts{first_day, *education, c.years_in_trade, c.prior_level, c.prior_cert_date, c.apprenticeship};
    auto verdict = [&] {
      const auto result = check_application_conditions(ConditionTable::national(), plan.level, facts);
      return std::pair{result.eligible, eligibility_json(result).dump()};
    };
    if (cache != nullptr) {
      // The conditions read the prior certificate's date only as: none, after the first exam
      // day, or so many whole years before it, counted up to the years in the trade (at most
      // 60); tests/unit/eligibility_key_test.cpp holds the rules to that. The values were
      // range-checked above.
      std::uint64_t since = 0;
      if (c.prior_cert_date)
        since = *c.prior_cert_date > first_day ? 1 : 2 + std::uint64_t(std::min(whole_years_between(*c.prior_cert_date, first_day), 100));
      const std::uint64_t key = std::uint64_t(*education) | std::uint64_t(c.years_in_trade) << 8 |
                                std::uint64_t(c.prior_level.value_or(0)) << 16 | std::uint64_t(c.apprenticeship) << 20 |
                                since << 21;
      auto [it, fresh] = cache->verdicts_.try_emplace(key);
      if (fresh) {
        auto [eligible, text] = verdict();
        it->second = {eligible, &*cache->texts_.insert(std::move(text)).first};
      }
      c.eligible = it->second.first;
      cache->last_text_ = it->second.second;
    } else {
      std::tie(c.eligible, c.eligibility_json) = verdict();
    }
  } else {
    // A special-ability specification sets its own conditions; nothing national to re-check.
    static const std::string kNothingToCheck = R"({"eligible":true,"met_route":null,"checks":[]})";
    c.eligible = true;
    if (cache != nullptr) cache->last_text_ = &kNothingToCheck;
    else c.eligibility_json = kNothingToCheck;
  }
  return c;
}

Result<CandidateView> CandidateService::add(const Actor& actor, std::int64_t plan_id, const CandidateInput& input) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<CandidateView> {
    auto plan = load_plan_for_report(tx, ctx_, actor, plan_id);
    if (!plan) return std::unexpected(plan.error());
    if (auto ok = writable(*plan); !ok) return std::unexpected(ok.error());
    // S19(2): registration closes when the exam begins.
    if (auto ok = check_admission_open(*plan, now); !ok) return std::unexpected(ok.error());
    // S20 暂停评价活动: a suspended (revoked, expired, terminated) institution admits no one.
    if (auto inst = reporting_institution(tx, actor, plan->institution_id); !inst) return std::unexpected(inst.error());
    auto c = build(*plan, input, "");
    if (!c) return std::unexpected(c.error());
    CandidateRepo repo(tx);
    if (repo.exists_in_plan(plan_id, c->identity_no))
      return std::unexpected(conflict("该考生已在本计划中登记", "This person is already registered on the plan").error());
    c->created_at = now;
    c->id = repo.insert(*c);
    record_change(tx, actor, now, {"candidate.register", "candidate", std::to_string(c->id), plan->authority_code,
                                   plan->institution_id, nullptr,
                                   {{"plan_id", plan_id}, {"identity_no", mask_identity_number(c->identity_no)},
                                    {"review", to_string(c->review)}, {"eligible", c->eligible}}});
    return CandidateView{*c, flags_of(*c, repo.overlaps(plan_id, {c->id})), {}};
  });
}

Result<CandidateView> CandidateService::review(const Actor& actor, std::int64_t plan_id, std::int64_t candidate_id,
                                               const std::string& decision, const std::string& note) {
  auto d = parse_review_decision(decision);
  if (!d || *d == ReviewDecision::pending) return invalid({{"decision", "must_be_admitted_or_refused"}});
  if (note.size() > 2000) return invalid({{"note", "too_long"}});
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<CandidateView> {
    auto plan = load_plan_for_report(tx, ctx_, actor, plan_id);
    if (!plan) return std::unexpected(plan.error());
    if (auto ok = writable(*plan); !ok) return std::unexpected(ok.error());
    CandidateRepo repo(tx);
    auto c = repo.find(candidate_id);
    if (!c || c->plan_id != plan_id) return not_found("candidate");
    if (plan->results_published_on)
      return std::unexpected(conflict("成绩已公示，不能再变更资格审核", "Results are published; the review cannot change").error());
    // S19(2): no one is admitted once the exam has begun; an admission may still be withdrawn.
    if (*d == ReviewDecision::admitted && c->review != ReviewDecision::admitted)
      if (auto ok = check_admission_open(*plan, now); !ok) return std::unexpected(ok.error());
    const auto before = to_string(c->review);
    c->review = *d;
    c->review_note = note;
    repo.set_review(candidate_id, *d, note);
    record_change(tx, actor, now, {"candidate.review", "candidate", std::to_string(candidate_id), plan->authority_code,
                                   plan->institution_id, {{"review", before}},
                                   {{"review", decision}, {"note", note}, {"eligible", c->eligible}}});
    return CandidateView{*c, flags_of(*c, repo.overlaps(plan_id, {candidate_id})), repo.scores_of(candidate_id)};
  });
}

Result<Page<CandidateView>> CandidateService::list(const Actor& actor, std::int64_t plan_id, CandidateQuery q,
                                                   bool flagged_only) {
  return ctx_.db.read([&](Tx& tx) -> Result<Page<CandidateView>> {
    auto plan = load_plan_for_read(tx, ctx_, actor, plan_id);
    if (!plan) return std::unexpected(plan.error());
    CandidateRepo repo(tx);
    q.plan_id = plan_id;
    Page<CandidateView> out{{}, 0, q.page.page, q.page.page_size};
    if (flagged_only) {
      // The flagged are the admitted who are ineligible or also admitted to an overlapping plan:
      // their ids, then the rows of this page's.
      const auto overlaps = repo.overlaps(plan_id);
      auto flagged = repo.admitted_ineligible_ids(plan_id);
      for (const auto& o : overlaps) flagged.push_back(o.candidate_id);
      std::ranges::sort(flagged);
      flagged.erase(std::unique(flagged.begin(), flagged.end()), flagged.end());
      out.total = std::int64_t(flagged.size());
      const auto from = std::min<std::size_t>(flagged.size(), std::size_t(q.page.offset()));
      const auto to = std::min<std::size_t>(flagged.size(), from + std::size_t(q.page.page_size));
      for (const auto& c : repo.find_many({flagged.begin() + std::ptrdiff_t(from), flagged.begin() + std::ptrdiff_t(to)}))
        out.items.push_back({c, flags_of(c, overlaps), {}});
    } else {
      // Flags and scores of this page's candidates only: a plan may hold a million.
      auto page = repo.list(q);
      out.total = page.total;
      std::vector<std::int64_t> ids;
      for (const auto& c : page.items) ids.push_back(c.id);
      const auto overlaps = repo.overlaps(plan_id, ids);
      for (auto& c : page.items) out.items.push_back({c, flags_of(c, overlaps), {}});
    }
    std::vector<std::int64_t> shown;
    for (const auto& v : out.items) shown.push_back(v.candidate.id);
    const auto scores = repo.scores_of(shown);
    for (auto& v : out.items)
      if (auto it = scores.find(v.candidate.id); it != scores.end()) v.scores = it->second;
    return out;
  });
}

Result<std::string> CandidateService::reveal_identity(const Actor& actor, std::int64_t plan_id,
                                                      std::int64_t candidate_id, const std::string& reason) {
  if (reason.size() < 4 || reason.size() > 500) return invalid({{"reason", reason.empty() ? "required" : "length"}});
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<std::string> {
    auto plan = load_plan_for_read(tx, ctx_, actor, plan_id);
    if (!plan) return std::unexpected(plan.error());
    auto c = CandidateRepo(tx).find(candidate_id);
    if (!c || c->plan_id != plan_id) return not_found("candidate");
    // 个人信息保护: a full identity number is shown only for a reason the audit log keeps.
    record_change(tx, actor, now, {"candidate.identity_view", "candidate", std::to_string(candidate_id),
                                   plan->authority_code, plan->institution_id, nullptr, {{"reason", reason}}});
    return c->identity_no;
  });
}

Result<std::vector<CandidateView>> CandidateService::record_scores(const Actor& actor, std::int64_t plan_id,
                                                                   const std::vector<ScoreInput>& items,
                                                                   const std::string& reason) {
  if (items.empty()) return invalid({{"items", "required"}});
  if (items.size() > 10000) return invalid({{"items", "at_most_10000"}});
  if (reason.size() > 2000) return invalid({{"reason", "too_long"}});
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<std::vector<CandidateView>> {
    auto plan = load_plan_for_report(tx, ctx_, actor, plan_id);
    if (!plan) return std::unexpected(plan.error());
    if (plan->status != PlanStatus::published)
      return std::unexpected(conflict("只有已公布的计划可以登记成绩", "Scores are recorded only for a published plan").error());
    CandidateRepo repo(tx);
    const bool after_publication = plan->results_published_on.has_value();
    // S19(9): after the results are published, a change needs a reason and is kept.
    if (after_publication && reason.empty()) {
      auto e = invalid({{"reason", "required_after_publication"}});
      e.error().article = "S19(9)";
      return e;
    }
    CertificateRepo certificates(tx);
    std::vector<FieldProblem> problems;
    std::vector<std::pair<Candidate, Part>> checked;
    std::set<std::pair<std::int64_t, Part>> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto& it = items[i];
      const std::string f = "items[" + std::to_string(i) + "].";
      auto c = repo.find(it.candidate_id);
      auto part = parse_part(it.part);
      if (!c || c->plan_id != plan_id) problems.push_back({f + "candidate_id", "not_a_candidate_of_the_plan"});
      else if (c->review != ReviewDecision::admitted) problems.push_back({f + "candidate_id", "not_admitted"});
      else if (c->result == ExamResult::voided) problems.push_back({f + "candidate_id", "result_voided"});  // S18
      // S18: a certified result is changed only by declaring the certificate void (a case).
      else if (after_publication && certificates.candidate_has_certificate(c->id))
        problems.push_back({f + "candidate_id", "already_certified"});
      if (!part || std::ranges::find(plan->parts, *part) == plan->parts.end()) problems.push_back({f + "part", "not_a_part_of_the_plan"});
      else if (!part_has_begun(*plan, *part, now)) problems.push_back({f + "part", "not_yet_examined"});  // S14(1)
      if (!valid_score(it.score)) problems.push_back({f + "score", "must_be_0_to_100_one_decimal"});
      if (c && part && !seen.insert({c->id, *part}).second) problems.push_back({f + "part", "duplicate"});
      if (c && part) checked.emplace_back(*c, *part);
    }
    if (!problems.empty()) return invalid(problems);
    std::vector<CandidateView> out;
    bool result_changed = false;
    for (std::size_t i = 0; i < items.size(); ++i) {
      auto& [c, part] = checked[i];
      const ExamResult result_before = c.result;
      const auto before = repo.scores_of(c.id);
      repo.put_score({c.id, part, items[i].score, now});
      if (after_publication) {
        const auto old = before.contains(part) ? before.at(part) : -1.0;
        repo.insert_score_change(c.id, part, old, items[i].score, reason, actor.user_id, now);
        record_change(tx, actor, now, {"score.change", "candidate", std::to_string(c.id), plan->authority_code,
                                       plan->institution_id, {{"part", to_string(part)}, {"score", old}},
                                       {{"part", to_string(part)}, {"score", items[i].score}, {"reason", reason}}});
      }
      auto scores = repo.scores_of(c.id);
      c.result = result_of(plan->parts, scores, policy_.pass_line);
      result_changed = result_changed || c.result != result_before;
      repo.set_result(c.id, c.result);
      out.push_back({c, {}, scores});
    }
    // S19(9) 成绩核定公示: a result changed after publication stands in public for the whole
    // period before certificates, counted again from today.
    if (after_publication && result_changed) {
      const Date again =
          certificates_issuable_from(local_date(now), policy_.results_publicity_days, *ctx_.calendar.snapshot());
      if (!plan->results_publicity_ends || *plan->results_publicity_ends < again) {
        const auto ends_before = plan->results_publicity_ends;
        plan->results_publicity_ends = again;
        plan->updated_at = now;
        PlanRepo(tx).update(*plan);
        record_change(tx, actor, now, {"plan.results_publicity_extended", "plan", std::to_string(plan_id),
                                       plan->authority_code, plan->institution_id,
                                       {{"publicity_ends", ends_before ? ends_before->to_string() : ""}},
                                       {{"publicity_ends", again.to_string()}, {"reason", reason}}});
      }
    }
    if (!after_publication)
      record_change(tx, actor, now, {"score.record", "plan", std::to_string(plan_id), plan->authority_code,
                                     plan->institution_id, nullptr, {{"items", items.size()}}});
    return out;
  });
}

Result<Plan> CandidateService::publish_results(const Actor& actor, std::int64_t plan_id) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<Plan> {
    auto plan = load_plan_for_report(tx, ctx_, actor, plan_id);
    if (!plan) return plan;
    if (plan->status != PlanStatus::published)
      return std::unexpected(conflict("只有已公布的计划可以公示成绩", "Only a published plan's results can be published").error());
    if (plan->results_published_on)
      return std::unexpected(conflict("成绩已公示", "The results are already published").error());
    Instant last_end = 0;
    for (const auto& s : plan->sessions) last_end = std::max(last_end, s.ends_at);
    if (now < last_end)
      return std::unexpected(conflict("考试尚未结束", "The plan's last session has not ended").error());
    // Counted, not read: a plan may hold a million candidates.
    const auto results = CandidateRepo(tx).admitted_results(plan_id);
    if (results.admitted == 0 || results.pending > 0) {
      auto e = conflict("尚有考生没有全部成绩", "Some admitted candidates have no score for every part");
      e.error().details.push_back({"pending_candidates", std::to_string(results.pending)});
      return std::unexpected(e.error());
    }
    // S19(9) 成绩核定公示: the publicity runs the policy's working days before certificates.
    const Date today = local_date(now);
    plan->results_published_on = today;
    plan->results_publicity_ends =
        certificates_issuable_from(today, policy_.results_publicity_days, *ctx_.calendar.snapshot());
    plan->updated_at = now;
    PlanRepo(tx).update(*plan);
    record_change(tx, actor, now, {"plan.results_publish", "plan", std::to_string(plan_id), plan->authority_code,
                                   plan->institution_id, nullptr,
                                   {{"results_published_on", today.to_string()},
                                    {"publicity_ends", plan->results_publicity_ends->to_string()},
                                    {"admitted", results.admitted}, {"passed", results.passed}}});
    return plan;
  });
}

}  // namespace skillreg
