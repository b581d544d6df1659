#include "domain/monitoring/rating.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace skillreg {

namespace {

// The credit standings of supervision/credit_standing in the words of the console.
std::string standing_zh(const std::string& standing) {
  if (standing == "good") return "良好";
  if (standing == "watch") return "关注";
  if (standing == "key") return "重点监管";
  return standing;
}

}  // namespace

StarRating rating_of(double mean_overall, const SupervisionRecord& record, const MonitoringPolicy& policy) {
  StarRating r;
  for (double threshold : policy.star_thresholds)
    if (mean_overall >= threshold) ++r.score_stars;
  r.stars = r.score_stars;
  r.explanation = fmt::format("mean score {:.1f} gives {} stars", mean_overall, r.score_stars);
  r.explanation_zh = fmt::format("平均分{:.1f}，评为{}星", mean_overall, r.score_stars);
  // S13 with S20: a written notice is the graver measure, so its cap is applied last.
  if (record.s19_interviews > 0 && r.stars > policy.interview_cap_stars) {
    r.stars = policy.interview_cap_stars;
    r.explanation += fmt::format("; S19 interview within {} months caps at {}", policy.cap_months,
                                 policy.interview_cap_stars);
    r.explanation_zh += fmt::format("；{}个月内被约谈（第十九条），最高{}星", policy.cap_months, policy.interview_cap_stars);
  }
  if (record.s20_notices > 0 && r.stars > policy.notice_cap_stars) {
    r.stars = policy.notice_cap_stars;
    r.explanation += fmt::format("; S20 notice within {} months caps at {}", policy.cap_months,
                                 policy.notice_cap_stars);
    r.explanation_zh += fmt::format("；{}个月内被书面通知（第二十条），最高{}星", policy.cap_months, policy.notice_cap_stars);
  }
  if (r.stars > record.standing_cap_stars) {
    r.stars = record.standing_cap_stars;
    r.explanation += fmt::format("; credit standing {} caps at {}", record.standing, record.standing_cap_stars);
    r.explanation_zh += fmt::format("；信用状况{}，最高{}星", standing_zh(record.standing), record.standing_cap_stars);
  }
  r.stars = std::clamp(r.stars, 1, 5);
  return r;
}

}  // namespace skillreg
