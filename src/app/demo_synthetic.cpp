#include "app/demo_synthetic.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "app/plan_service.hpp"
#include "core/crypto.hpp"
#include "core/validators.hpp"
#include "domain/activity/application_conditions.hpp"
#include "domain/activity/plan_rules.hpp"
#include "domain/registry/records.hpp"
#include "store/activity_bulk.hpp"
#include "store/plan_repo.hpp"
#include "store/reference_repo.hpp"
#include "store/registry_repo.hpp"
#include "store/synthetic_repo.hpp"

namespace skillreg {

namespace {

// The shares of injected irregularities, documented in docs/synthetic-province.md.
constexpr int kIneligiblePerMille = 20;        // admitted candidates who meet no route (S19(2))
constexpr int kDoubleBookedPercent = 2;        // plans sharing an examiner with an overlapping plan
constexpr int kReusedPaperPercent = 2;         // plans reusing another plan's paper
constexpr int kBunchedPercent = 2;             // plans whose practical scores bunch at 60–62
constexpr int kMissingVideoPercent = 3;        // plans with a session not recorded
constexpr int kLateReportPerMille = 30;        // certificates reported after the deadline or never
constexpr int kOutOfScopePercent = 5;          // institutions that try a plan outside their scope
constexpr int kLatePublicationPercent = 3;     // plans published less than 7 days ahead (S19(1))

// SplitMix64: small, fast, and the same sequence on every platform (unlike std distributions).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return n <= 0 ? 0 : int(next() % std::uint64_t(n)); }
  int between(int lo, int hi) { return lo + below(hi - lo + 1); }
  bool percent(int p) { return below(100) < p; }
  bool per_mille(int p) { return below(1000) < p; }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[std::size_t(below(int(v.size())))]; }

 private:
  std::uint64_t s_;
};

const std::vector<std::string>& surnames() {
  static const std::vector<std::string> v{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                          "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "郑"};
  return v;
}
const std::vector<std::string>& given_names() {
  static const std::vector<std::string> v{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
                                          "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "建国",
                                          "晓东", "海燕", "志强", "丽华", "文", "斌", "婷", "宇", "浩然", "欣怡"};
  return v;
}

std::string person_name(Rng& rng) { return rng.pick(surnames()) + rng.pick(given_names()); }

std::string identity_for(Rng& rng, const std::string& region, Date birth) {
  char first17[18];
  std::snprintf(first17, sizeof first17, "%s%04d%02d%02d%03d", region.c_str(), birth.year, birth.month, birth.day,
                rng.between(1, 999));
  return std::string(first17) + identity_check_char(first17);
}

std::string hex64(Rng& rng) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 64; ++i) out += digits[rng.below(16)];
  return out;
}

Instant at_local(Date d, int hour, int minute) { return start_of_local_day(d) + hour * 3600 + minute * 60; }

struct Synth {
  AppContext& ctx;
  const ActivityPolicy& policy;
  Rng rng;
  SyntheticSummary summary;
  std::vector<std::string> catalogue, non_catalogue;
  std::map<std::tuple<std::int64_t, int, int>, int> serials;  // (institution, year, level) → next
  struct UsedPaper {
    std::string paper_id;
    Instant starts_at = 0;
    std::int64_t plan_id = 0;
  };
  std::vector<UsedPaper> used_papers;
  // Sessions already staffed, for injecting double bookings: (plan id, date, an examiner).
  struct Staffed {
    std::int64_t plan_id;
    Date day;
    std::int64_t examiner;
  };
  std::vector<Staffed> staffed;
  Date today;

  Synth(AppContext& c, const ActivityPolicy& p, std::uint64_t seed)
      : ctx(c), policy(p), rng(seed), today(local_date(c.clock.now())) {}

  void inject(SyntheticRepo& repo, const std::string& kind, const std::string& type, const std::string& id,
              std::int64_t plan, const std::string& detail) {
    repo.truth(kind, type, id, plan, detail);
    ++summary.injected[kind];
  }

  // Facts that meet a route of `level`, or (when `eligible` is false) none.
  CandidateFacts facts_for(int level, Date exam_day, bool eligible) {
    CandidateFacts f;
    f.as_of = exam_day;
    const std::vector<Education> educations{Education::junior_high, Education::high_school,
                                            Education::technical_school, Education::college, Education::bachelor};
    f.education = educations[std::size_t(rng.below(int(educations.size())))];
    if (!eligible) {
      f.years_in_trade = level == 5 ? 0 : 1;
      if (f.education == Education::technical_school) f.education = Education::high_school;
      return f;
    }
    switch (level) {
      case 5: f.years_in_trade = rng.between(1, 10); break;
      case 4: f.years_in_trade = rng.between(6, 15); break;
      default: {
        const int years_since = 5 + rng.below(4);
        f.prior_level = level + 1;
        f.prior_cert_date = exam_day.add_years(-years_since).add_days(-rng.below(200));
        f.years_in_trade = years_since + rng.between(1, 6);
      }
    }
    return f;
  }
};

std::vector<const Region*> regions_at(const AppContext& ctx, RegionLevel level, const std::string& under = "") {
  std::vector<const Region*> out;
  for (const auto& r : ctx.regions.all())
    if (r.level == level && (under.empty() || ctx.regions.contains(under, r.code))) out.push_back(&r);
  return out;
}

// One institution with its site, people and a year of plans, in one transaction.
Status build_institution(Synth& s, int index, int plans_per_institution, std::int64_t created_by) {
  static const std::vector<InstitutionKind> kinds{
      InstitutionKind::social_organisation, InstitutionKind::employer, InstitutionKind::social_organisation,
      InstitutionKind::employer, InstitutionKind::appraisal, InstitutionKind::social_organisation,
      InstitutionKind::employer, InstitutionKind::branch};
  const auto cities = regions_at(s.ctx, RegionLevel::city);
  const Region* city = cities[std::size_t(index) % cities.size()];
  const auto counties = regions_at(s.ctx, RegionLevel::county, city->code);
  const Region* county = counties[std::size_t(s.rng.below(int(counties.size())))];
  const InstitutionKind kind = kinds[std::size_t(index) % kinds.size()];
  const Instant now = s.ctx.clock.now();

  return s.ctx.db.write([&](Tx& tx) -> Status {
    RegistryRepo registry(tx);
    SyntheticRepo repo(tx);
    Institution inst;
    const auto& rules = rules_of(kind);
    inst.code = make_institution_code(rules.code_letter, kind == InstitutionKind::branch ? "1201" : "0000",
                                      registry.next_code_sequence());
    inst.kind = kind;
    static const std::vector<std::string> trades{"职业技能培训学校", "技能人才评价中心", "智能制造有限公司",
                                                 "职业技能鉴定所", "现代服务业评价中心", "建设集团有限公司"};
    inst.name = county->name + s.rng.pick(trades) + "（" + std::to_string(index + 1) + "）";
    inst.credit_code = [&] {
      char org[16];
      std::snprintf(org, sizeof org, "MA%07d", 1000000 + index % 8000000);
      const std::string first17 = "91" + county->code + org;
      return first17 + credit_code_check_char(first17);
    }();
    inst.address = county->name + "评价路" + std::to_string(s.rng.between(1, 300)) + "号";
    inst.region_code = county->code;
    inst.authority_code = may_receive(kind, RegionLevel::county) ? county->code
                          : may_receive(kind, RegionLevel::city) ? city->code
                                                                 : "330000";
    inst.contact = person_name(s.rng);
    inst.phone = inst.public_phone = "0571-8" + std::to_string(1000000 + s.rng.below(8999999));
    inst.fees = "五级 260 元/人，四级 300 元/人，三级 360 元/人";
    inst.status = InstitutionStatus::active;
    inst.approved_on = s.today.add_days(-s.rng.between(200, 1000));
    inst.valid_until = inst.approved_on.add_years(3);
    if (inst.valid_until <= s.today) inst.valid_until = s.today.add_days(s.rng.between(30, 400));
    const auto& subjects = kind == InstitutionKind::appraisal ? s.catalogue : s.non_catalogue;
    const int n_subjects = s.rng.between(1, 3);
    std::set<std::string> chosen;
    while (int(chosen.size()) < n_subjects) chosen.insert(s.rng.pick(subjects));
    for (const auto& code : chosen) {
      const int top = s.rng.between(2, 4);
      std::vector<int> levels;
      for (int l = 5; l >= top; --l) levels.push_back(l);
      inst.scope.push_back({code, levels});
    }
    inst.created_at = now;
    inst.id = registry.insert_institution(inst);
    ++s.summary.institutions;

    ExamSite site{0, inst.id, inst.name + "考点", inst.address, county->code, ExamSiteStatus::confirmed, "", now};
    site.id = registry.insert_exam_site(site);

    // People: examiners employed elsewhere (or independent) qualified for each subject, and one
    // internal supervisor of the institution (M16).
    std::map<std::string, std::vector<std::int64_t>> examiners;
    for (const auto& item : inst.scope) {
      for (int k = 0; k < 6; ++k) {
        const Date birth{s.rng.between(1965, 1990), s.rng.between(1, 12), s.rng.between(1, 28)};
        const auto id = repo.insert_person("examiner", identity_for(s.rng, county->code, birth), person_name(s.rng),
                                           std::nullopt, city->code, now);
        repo.insert_qualification(id, item.subject_code, 2, s.today.add_years(2).to_string());
        examiners[item.subject_code].push_back(id);
        ++s.summary.people;
      }
    }
    const Date sup_birth{s.rng.between(1970, 1990), s.rng.between(1, 12), s.rng.between(1, 28)};
    const auto supervisor = repo.insert_person("internal_supervisor", identity_for(s.rng, county->code, sup_birth),
                                               person_name(s.rng), inst.id, county->code, now);
    ++s.summary.people;

    PlanRepo plans(tx);
    CandidateWriter candidates(tx);
    ScoreWriter scores(tx);
    CertificateWriter certificates(tx);
    // One plan a day per institution: its internal supervisor and examiners are in every plan, so
    // two plans on one day would double-book them without anyone having injected it.
    std::set<Date> days_used;
    for (int k = 0; k < plans_per_institution; ++k) {
      const auto& item = s.rng.pick(inst.scope);
      const int level = item.levels[std::size_t(s.rng.below(int(item.levels.size())))];
      // Most plans lie in the past year; about one in twelve is still to come.
      const bool upcoming = s.rng.below(12) == 0;
      Date day = upcoming ? s.today.add_days(s.rng.between(8, 60)) : s.today.add_days(-s.rng.between(15, 360));
      while (day.weekday() > 5 || days_used.contains(day)) day = day.add_days(1);
      days_used.insert(day);
      Plan p;
      p.institution_id = inst.id;
      p.authority_code = inst.authority_code;
      p.site_region_code = county->code;
      p.subject_code = item.subject_code;
      p.level = level;
      p.parts = {Part::theory, Part::practical};
      p.exam_site_id = site.id;
      p.planned_count = s.rng.between(20, 40);
      p.question_source = QuestionSource::unified_bank;
      p.paperless = s.rng.percent(70);
      p.fee = 200 + 40 * (5 - level);
      p.status = PlanStatus::published;
      const std::string room = std::to_string(s.rng.between(1, 9)) + "0" + std::to_string(s.rng.between(1, 9));
      p.sessions = {{0, 0, Part::theory, at_local(day, 9, 0), at_local(day, 11, 0), "理论" + room},
                    {0, 0, Part::practical, at_local(day, 13, 30), at_local(day, 16, 30), "实操" + room}};
      const bool late_publication = s.rng.percent(kLatePublicationPercent);
      p.published_at = at_local(day.add_days(late_publication ? -s.rng.between(1, 5) : -s.rng.between(10, 30)), 10, 0);
      p.created_by = created_by;
      p.created_at = *p.published_at - 86400;
      p.updated_at = *p.published_at;
      const Date results_on = day.add_days(s.rng.between(3, 10));
      const bool finished = results_on < s.today;
      if (finished) {
        p.results_published_on = results_on;
        p.results_publicity_ends =
            certificates_issuable_from(results_on, s.policy.results_publicity_days, *s.ctx.calendar.snapshot());
      }
      p.id = plans.insert(p);
      p = *plans.find(p.id);
      ++s.summary.plans;
      if (late_publication)
        s.inject(repo, "late_publication", "plan", std::to_string(p.id), p.id, "S19(1)");

      // Staffing: two examiners in theory, three in practical, the internal supervisor in both.
      const auto& pool = examiners.at(p.subject_code);
      for (const auto& session : p.sessions) {
        const int need = session.part == Part::practical ? 3 : 2;
        for (int e = 0; e < need; ++e) repo.assign(session.id, pool[std::size_t(e + (session.part == Part::practical ? 2 : 0)) % pool.size()], "examiner", now);
        repo.assign(session.id, supervisor, "internal_supervisor", now);
      }
      s.staffed.push_back({p.id, day, pool.front()});
      if (!upcoming && s.rng.percent(kDoubleBookedPercent) && s.staffed.size() > 1) {
        // An examiner of another plan on another day is also put into this plan's theory session,
        // and the other plan's day is this one: the two sessions overlap.
        const auto& other = s.staffed[std::size_t(s.rng.below(int(s.staffed.size()) - 1))];
        // Only an examiner not already in this plan's theory session (the first two of the pool).
        const bool already_here = other.examiner == pool[0] || other.examiner == pool[1 % pool.size()];
        auto other_plan = other.plan_id != p.id && !already_here ? plans.find(other.plan_id) : std::nullopt;
        // Another institution's plan, on a day this institution has no other plan.
        if (other_plan && (other_plan->institution_id == p.institution_id ||
                           (local_date(*other_plan->first_session_at()) != day &&
                            days_used.contains(local_date(*other_plan->first_session_at())))))
          other_plan.reset();
        if (other_plan) {
          if (other_plan && other_plan->first_session_at() == p.sessions.front().starts_at) {
            repo.assign(p.sessions.front().id, other.examiner, "examiner", now);
            s.inject(repo, "double_booked_examiner", "person", std::to_string(other.examiner), p.id,
                     "also in plan " + std::to_string(other.plan_id));
          } else if (other_plan) {
            // Move this plan's theory session onto the other plan's, then book the examiner.
            Plan moved = p;
            const auto shift = *other_plan->first_session_at() - p.sessions.front().starts_at;
            for (auto& ses : moved.sessions) {
              ses.starts_at += shift;
              ses.ends_at += shift;
            }
            moved.published_at = *moved.published_at + shift;
            plans.update(moved);
            p = *plans.find(p.id);
            days_used.erase(day);
            day = local_date(p.sessions.front().starts_at);
            days_used.insert(day);
            repo.assign(p.sessions.front().id, other.examiner, "examiner", now);
            s.inject(repo, "double_booked_examiner", "person", std::to_string(other.examiner), p.id,
                     "also in plan " + std::to_string(other.plan_id));
          }
        }
      }

      // Papers from the unified bank, generated the day before; some reused across plans.
      for (const auto& session : p.sessions) {
        std::string paper = "ZJTK-" + p.subject_code + "-" + std::to_string(p.id) + "-" + std::string(to_string(session.part));
        // A reuse takes the paper of another plan's session held earlier: reuse is the later use.
        const auto* earlier = !s.used_papers.empty() && s.rng.percent(kReusedPaperPercent) ? &s.rng.pick(s.used_papers) : nullptr;
        if (earlier && earlier->plan_id != p.id && earlier->starts_at < session.starts_at) {
          paper = earlier->paper_id;
          s.inject(repo, "reused_paper", "session", std::to_string(session.id), p.id, paper);
        } else {
          s.used_papers.push_back({paper, session.starts_at, p.id});
        }
        repo.paper(session.id, paper, session.starts_at - 86400 + s.rng.below(3600), p.paperless, now);
      }
      // Videos cover each session, except where one is missing.
      const bool missing_video = !upcoming && s.rng.percent(kMissingVideoPercent);
      for (const auto& session : p.sessions) {
        if (upcoming) break;
        if (missing_video && session.part == Part::practical) {
          s.inject(repo, "missing_video", "session", std::to_string(session.id), p.id, session.room);
          continue;
        }
        repo.video(session.id, session.room, "oss://zj-skill-video/" + std::to_string(session.id) + ".mp4",
                   session.starts_at - 300, session.ends_at + 300, hex64(s.rng), now);
      }

      // Candidates, scores, certificates.
      const bool bunched = finished && s.rng.percent(kBunchedPercent);
      if (bunched) s.inject(repo, "bunched_scores", "plan", std::to_string(p.id), p.id, "practical 60–62");
      std::set<std::string> identities;
      const int count = p.planned_count - s.rng.below(4);
      const int year = p.results_publicity_ends ? p.results_publicity_ends->year : s.today.year;
      for (int c = 0; c < count; ++c) {
        const bool eligible = !s.rng.per_mille(kIneligiblePerMille);
        auto facts = s.facts_for(level, day, eligible);
        Candidate cand;
        cand.plan_id = p.id;
        const Date birth{day.year - s.rng.between(20, 50), s.rng.between(1, 12), s.rng.between(1, 28)};
        do cand.identity_no = identity_for(s.rng, county->code, birth);
        while (!identities.insert(cand.identity_no).second);
        cand.birth_date = birth;
        cand.sex = (cand.identity_no[16] - '0') % 2 ? "M" : "F";
        cand.name = person_name(s.rng);
        cand.education = std::string(to_string(facts.education));
        cand.years_in_trade = facts.years_in_trade;
        cand.prior_level = facts.prior_level;
        cand.prior_cert_date = facts.prior_cert_date;
        cand.review = ReviewDecision::admitted;
        const auto check = check_application_conditions(ConditionTable::national(), level, facts);
        cand.eligible = check.eligible;
        cand.eligibility_json = nlohmann::json{{"eligible", check.eligible},
                                               {"met_route", check.met_route ? nlohmann::json(*check.met_route) : nlohmann::json(nullptr)}}
                                    .dump();
        cand.created_at = p.created_at;
        std::map<Part, double> marks;
        if (finished) {
          marks[Part::theory] = std::min(100, 45 + s.rng.below(50) + s.rng.below(10));
          marks[Part::practical] = bunched && s.rng.percent(60) ? 60 + s.rng.below(3)
                                                                : std::min(100, 48 + s.rng.below(45) + s.rng.below(10));
          cand.result = result_of(p.parts, marks, s.policy.pass_line);
        }
        cand.id = candidates.insert(cand);
        ++s.summary.candidates;
        if (!eligible) s.inject(repo, "ineligible_candidate", "candidate", std::to_string(cand.id), p.id, "admitted");
        for (const auto& [part, mark] : marks) scores.put({cand.id, part, mark, at_local(results_on, 9, 0)});
        // Certificates after the publicity, for those who passed.
        if (cand.result == ExamResult::passed && p.results_publicity_ends && *p.results_publicity_ends < s.today) {
          auto& serial = s.serials[{inst.id, year, level}];
          auto cert = certificate_for(p, cand, make_certificate_number(inst.code, year % 100, level, ++serial),
                                      p.results_publicity_ends->add_days(s.rng.between(1, 5)), 0);
          if (cert.issued_on >= s.today) cert.issued_on = *p.results_publicity_ends;
          bool late = s.rng.per_mille(kLateReportPerMille);
          const Date reported = cert.issued_on.add_days(late ? s.rng.between(s.policy.certificate_report_days + 1, 90)
                                                             : s.rng.between(1, s.policy.certificate_report_days - 5));
          if (reported <= s.today) cert.reported_on = reported;
          // Late only once it shows: reported late, or unreported past the deadline (S19(10)).
          if (late && !cert.reported_on && cert.issued_on.days_until(s.today) <= s.policy.certificate_report_days)
            late = false;
          if (late) s.inject(repo, "late_certificate_report", "certificate", cert.cert_no, p.id,
                             cert.reported_on ? cert.reported_on->to_string() : "not reported");
          cert.created_at = start_of_local_day(cert.issued_on);
          certificates.insert(cert);
          ++s.summary.certificates;
        }
      }
    }
    for (const auto& [key, next] : s.serials)
      if (std::get<0>(key) == inst.id) repo.set_serial(inst.id, std::get<1>(key), std::get<2>(key), next + 1);
    return {};
  });
}

// S20(2): some institutions try to plan outside their scope through the real use case, which
// refuses; the attempt is the ground truth.
void attempt_out_of_scope(Synth& s, std::int64_t user_id) {
  auto ids = s.ctx.db.read([](Tx& tx) -> Result<std::vector<std::pair<std::int64_t, std::int64_t>>> {
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    long long inst = 0, site = 0;
    soci::statement st = (tx.sql.prepare << "SELECT i.id, MIN(e.id) FROM institutions i JOIN exam_sites e"
                                            " ON e.institution_id = i.id AND e.status = 'confirmed'"
                                            " WHERE i.status = 'active' GROUP BY i.id ORDER BY i.id",
                          soci::into(inst), soci::into(site));
    st.execute();
    while (st.fetch()) out.emplace_back(inst, site);
    return out;
  });
  if (!ids) return;
  PlanService plans(s.ctx, s.policy);
  for (const auto& [inst, site] : *ids) {
    if (!s.rng.percent(kOutOfScopePercent)) continue;
    Actor actor{user_id, "synthetic", Role::institution_admin, "330000", inst};
    PlanInput in;
    in.subject_code = "2-02-07-04";  // not in any level-recognition scope
    in.level = 1;
    in.parts = {"theory"};
    in.exam_site_id = site;
    in.planned_count = 20;
    in.question_source = "unified_bank";
    const Date day = s.today.add_days(20);
    in.sessions = {{0, "theory", format_instant(at_local(day, 9, 0)), format_instant(at_local(day, 11, 0)), "101"}};
    auto r = plans.create(actor, in);
    const std::string outcome = r ? "accepted" : r.error().article + " " + std::to_string(int(r.error().kind));
    (void)s.ctx.db.write([&](Tx& tx) -> Status {
      SyntheticRepo(tx).truth("out_of_scope_attempt", "institution", std::to_string(inst), 0, outcome);
      return {};
    });
    ++s.summary.injected["out_of_scope_attempt"];
  }
}

}  // namespace

Result<SyntheticSummary> load_synthetic_province(AppContext& ctx, const SyntheticOptions& options,
                                                 const ActivityPolicy& policy) {
  Synth s(ctx, policy, options.seed);
  auto prepared = ctx.db.read([&](Tx& tx) -> Result<std::int64_t> {
    if (SyntheticRepo(tx).activity_exists())
      return conflict("已有评价活动数据", "The database already holds evaluation activity");
    ReferenceRepo ref(tx);
    OccupationQuery q;
    q.page.page_size = 200;
    for (q.page.page = 1;; ++q.page.page) {
      auto page = ref.occupations(q);
      for (const auto& o : page.items) (o.in_catalog ? s.catalogue : s.non_catalogue).push_back(o.code);
      if (std::int64_t(q.page.page) * q.page.page_size >= page.total) break;
    }
    long long user = 0;
    tx.sql << "SELECT MIN(id) FROM users", soci::into(user);
    return user;
  });
  if (!prepared) return std::unexpected(prepared.error());
  if (s.catalogue.empty() || s.non_catalogue.empty()) return fail(ErrorKind::internal, "缺少职业目录", "No occupations loaded");
  const std::int64_t target = std::max<std::int64_t>(options.candidates, 100);
  const int institutions = int(std::clamp<std::int64_t>(target / 2500, 11, 400));
  const int plans_each = int(std::max<std::int64_t>(1, (target + institutions * 28) / (institutions * 28) - 0));
  for (int i = 0; i < institutions; ++i) {
    if (auto ok = build_institution(s, i, plans_each, *prepared); !ok) return std::unexpected(ok.error());
    if ((i + 1) % 20 == 0) spdlog::info("synthetic province: {}/{} institutions, {} candidates", i + 1, institutions,
                                        s.summary.candidates);
  }
  attempt_out_of_scope(s, *prepared);
  return s.summary;
}

}  // namespace skillreg
