// Detectors of a plan's outcome: result authenticity (S18, S19(3)) and traceability
// (S19(9)–(11)).
#include <algorithm>
#include <fmt/format.h>

#include "domain/activity/execution_rules.hpp"
#include "domain/monitoring/findings.hpp"
#include "domain/monitoring/statistics.hpp"

namespace skillreg::monitoring {
namespace {

// S18(3) 评分标准不统一: a pass rate far from plans of the same occupation and level. The robust
// z of statistics.hpp: the province baseline is itself full of small plans and a few bad ones, so
// the median and MAD describe it better than the mean and standard deviation.
void find_pass_rate(const PlanFacts& f, const MonitoringPolicy& p, Findings& out) {
  constexpr std::string_view kKey = "pass_rate_outlier";
  if (f.result_count == 0) return;
  if (f.result_count < p.pass_rate_min_candidates) {
    out.note(std::string(kKey), {fmt::format("{} results, fewer than {}: not judged", f.result_count,
                                             p.pass_rate_min_candidates),
                                 fmt::format("仅{}名考生有结果，少于{}名，不作判断", f.result_count,
                                             p.pass_rate_min_candidates)});
    return;
  }
  const int baseline = int(f.baseline_pass_rates.size());
  if (baseline < p.pass_rate_min_baseline) {
    out.note(std::string(kKey), {fmt::format("baseline of {}, fewer than {}: not judged",
                                             plural(baseline, "plan", "plans"), p.pass_rate_min_baseline),
                                 fmt::format("全省基准仅{}个计划，少于{}个，不作判断", baseline, p.pass_rate_min_baseline)});
    return;
  }
  const double rate = double(f.pass_count) / f.result_count;
  const double median = *median_of(f.baseline_pass_rates);
  const double mad = *mad_of(f.baseline_pass_rates);
  const auto z = robust_z(rate, median, mad);
  if (!z) {
    out.note(std::string(kKey), {fmt::format("baseline pass rates mostly equal to the median {} (MAD 0): "
                                             "not judged", percent(median)),
                                 fmt::format("基准通过率大多等于中位数{}（MAD为0），不作判断", percent(median))});
    return;
  }
  if (std::abs(*z) > p.pass_rate_z_threshold)
    out.add(std::string(kKey), 1, {fmt::format("plan:{}", f.plan_id)},
            {fmt::format("pass rate {} vs province median {} over {} (robust z {:.1f}, threshold {})",
                         percent(rate), percent(median), plural(baseline, "plan", "plans"), *z,
                         number(p.pass_rate_z_threshold)),
             fmt::format("通过率{}，全省{}个计划的中位数{}（稳健z值{:.1f}，阈值{}）", percent(rate), baseline,
                         percent(median), *z, number(p.pass_rate_z_threshold))});
}

// S18(3): many scores just over the pass line and few just under or above it is the trace of
// scores lifted to pass. Judged per part, since parts have their own scales of difficulty.
void find_bunching(const PlanFacts& f, const MonitoringPolicy& p, Findings& out) {
  constexpr std::string_view kKey = "bunched_scores";
  if (f.score_vectors.empty()) return;
  std::size_t parts = 0;
  for (const auto& v : f.score_vectors) parts = std::max(parts, v.scores.size());
  std::vector<std::string> records, text, text_zh;
  int bunched_parts = 0;
  for (std::size_t part = 0; part < parts; ++part) {
    std::vector<double> scores;
    std::vector<std::int64_t> ids_in_band;
    for (const auto& v : f.score_vectors) {
      if (part >= v.scores.size()) continue;
      const double x = v.scores[part];
      scores.push_back(x);
      if (x >= f.pass_line && x < f.pass_line + p.bunching_band) ids_in_band.push_back(v.candidate_id);
    }
    if (int(scores.size()) < p.bunching_min_scores) {
      out.note(std::string(kKey), {fmt::format("part {}: {} scores, fewer than {}: not judged", part + 1,
                                               scores.size(), p.bunching_min_scores),
                                   fmt::format("第{}科仅{}个成绩，少于{}个，不作判断", part + 1, scores.size(),
                                               p.bunching_min_scores)});
      continue;
    }
    const BandShares s = band_shares(scores, f.pass_line, p.bunching_band);
    if (s.in_band < p.bunching_min_share || s.in_band < p.bunching_ratio * s.expected()) continue;
    ++bunched_parts;
    for (const auto& r : typed_ids("candidate", ids_in_band)) records.push_back(r);
    text.push_back(fmt::format("part {}: {} of {} scores in [{}, {}) vs {} in each neighbouring band",
                               part + 1, percent(s.in_band), s.scores, number(f.pass_line),
                               number(f.pass_line + p.bunching_band), percent(s.expected())));
    text_zh.push_back(fmt::format("第{}科：{}个成绩中{}落在[{}, {})，相邻分数段各为{}", part + 1, s.scores,
                                  percent(s.in_band), number(f.pass_line), number(f.pass_line + p.bunching_band),
                                  percent(s.expected())));
  }
  if (bunched_parts > 0)
    out.add(std::string(kKey), bunched_parts, std::move(records), {join(text), join(text_zh, "；")});
}

// S18(2) 舞弊: several candidates with the same score in every part. A vector of one part, of
// zeros (absent) or of full marks is too common to mean anything.
void find_identical_vectors(const PlanFacts& f, const MonitoringPolicy& p, Findings& out) {
  std::vector<std::vector<double>> vectors;
  std::vector<std::int64_t> ids;
  for (const auto& v : f.score_vectors) {
    const bool trivial = int(v.scores.size()) < p.identical_min_parts ||
                         std::ranges::all_of(v.scores, [](double x) { return x == 0; }) ||
                         std::ranges::all_of(v.scores, [](double x) { return x == 100; });
    if (trivial) continue;
    vectors.push_back(v.scores);
    ids.push_back(v.candidate_id);
  }
  const auto groups = identical_groups(vectors, std::size_t(p.identical_min_group));
  if (groups.empty()) return;
  std::vector<std::string> records, text, text_zh;
  for (const auto& g : groups) {
    std::vector<std::string> scores;
    for (double x : vectors[g.front()]) scores.push_back(number(x));
    text.push_back(fmt::format("{} candidates share the scores {}", g.size(), join(scores, "/")));
    text_zh.push_back(fmt::format("{}名考生各科成绩均为{}", g.size(), join(scores, "/")));
    for (std::size_t i : g) records.push_back(fmt::format("candidate:{}", ids[i]));
  }
  out.add("identical_score_vectors", int(groups.size()), std::move(records), {join(text), join(text_zh, "；")});
}

// S14(1) 评价结果真实性, S18(2) 舞弊: a score recorded before any session of its part began is not
// the result of that exam.
void find_scores_before_exam(const PlanFacts& f, Findings& out) {
  if (f.scored_before_exam.empty()) return;
  const int n = int(f.scored_before_exam.size());
  out.add("score_before_exam", n, typed_ids("candidate", f.scored_before_exam),
          {fmt::format("{} with a part score recorded before any session of that part began",
                       plural(n, "candidate", "candidates")),
           fmt::format("{}名考生有科目成绩录入于该科目任何场次开考之前", n)});
}

}  // namespace

void find_result_authenticity(const PlanFacts& f, const MonitoringPolicy& p, Findings& out) {
  find_scores_before_exam(f, out);
  find_pass_rate(f, p, out);
  find_bunching(f, p, out);
  find_identical_vectors(f, p, out);
  // S19(3) 未执行国家职业技能标准或评价规范: the standards fix how long a part takes.
  std::vector<std::string> records, text, text_zh;
  for (const auto& s : f.sessions)
    if (s.held && s.duration_minutes < p.min_session_minutes) {
      records.push_back(fmt::format("session:{}", s.session_id));
      text.push_back(fmt::format("session {} lasted {} min", s.session_id, s.duration_minutes));
      text_zh.push_back(fmt::format("场次{}历时{}分钟", s.session_id, s.duration_minutes));
    }
  if (!records.empty())
    out.add("short_session", int(records.size()), records,
            {join(text) + fmt::format("; minimum {} min", p.min_session_minutes),
             join(text_zh, "；") + fmt::format("；规定至少{}分钟", p.min_session_minutes)});
}

void find_traceability(const PlanFacts& f, const MonitoringPolicy& p, Findings& out) {
  // M18, S19(11) 全过程档案资料: the recordings are part of the record of the exam.
  std::vector<std::string> records, text, text_zh;
  for (const auto& s : f.sessions)
    if (s.held && s.video_coverage + 1e-9 < p.video_coverage_min) {
      records.push_back(fmt::format("session:{}", s.session_id));
      text.push_back(fmt::format("session {}: {} covered", s.session_id, percent(s.video_coverage)));
      text_zh.push_back(fmt::format("场次{}：视频覆盖{}", s.session_id, percent(s.video_coverage)));
    }
  if (!records.empty())
    out.add("video_coverage", int(records.size()), records,
            {join(text) + fmt::format("; minimum {}", percent(p.video_coverage_min)),
             join(text_zh, "；") + fmt::format("；规定至少{}", percent(p.video_coverage_min))});
  std::vector<std::string> missing, missing_zh;
  for (const auto& key : f.archive_required)
    if (std::ranges::find(f.archive_present, key) == f.archive_present.end()) {
      missing.push_back(key);
      const auto* kind = ArchiveCatalogue::required().find(key);
      missing_zh.push_back(kind ? kind->text_zh : key);
    }
  if (!missing.empty())
    out.add("archive_incomplete", int(missing.size()), {fmt::format("plan:{}", f.plan_id)},
            {fmt::format("{} of {} required documents missing: {}", missing.size(), f.archive_required.size(),
                         join(missing, ", ")),
             fmt::format("应归档的{}份资料缺少{}份：{}", f.archive_required.size(), missing.size(),
                         join(missing_zh, "、"))});
  // S19(9) 成绩核定公示.
  if (f.results_published_after_days && *f.results_published_after_days > p.results_due_days)
    out.add("results_unpublished", 1, {fmt::format("plan:{}", f.plan_id)},
            {fmt::format("results published {} days after the exam; due within {}",
                         *f.results_published_after_days, p.results_due_days),
             fmt::format("考试后第{}天才公示成绩，应在{}天内公示", *f.results_published_after_days,
                         p.results_due_days)});
  else if (!f.results_published_after_days && f.days_since_exam && *f.days_since_exam > p.results_due_days)
    out.add("results_unpublished", 1, {fmt::format("plan:{}", f.plan_id)},
            {fmt::format("results not published {} days after the exam; due within {}", *f.days_since_exam,
                         p.results_due_days),
             fmt::format("考试已过{}天仍未公示成绩，应在{}天内公示", *f.days_since_exam, p.results_due_days)});
  // S19(10) 未及时上报证书数据: unreported certificates count once they are overdue.
  std::vector<std::string> late;
  int worst = 0;
  for (const auto& c : f.certificates)
    if (c.days > p.certificate_report_days) {
      late.push_back("certificate:" + c.cert_no);
      worst = std::max(worst, c.days);
    }
  if (!late.empty()) {
    const int n = int(late.size());
    out.add("certificate_report_late", n, std::move(late),
            {fmt::format("{} of {} reported after {} days or not yet (up to {} days)",
                         n, plural(int(f.certificates.size()), "certificate", "certificates"),
                         p.certificate_report_days, worst),
             fmt::format("{}张证书中{}张超过{}天才上报或尚未上报（最长{}天）", f.certificates.size(), n,
                         p.certificate_report_days, worst)});
  }
}

}  // namespace skillreg::monitoring
