#pragma once
// Star rating 星级评定 (S13): 1–5 stars per institution per period from its mean monitoring score,
// capped by the measures of the supervision record (default: an S19 interview 约谈 caps at 3 stars,
// an S20 written notice 书面通知 at 1 star, for the policy's cap_months).
#include <string>

#include "domain/monitoring/policy.hpp"

namespace skillreg {

// Measures taken against the institution within the policy's cap_months before the period's end.
struct SupervisionRecord {
  int s19_interviews = 0;
  int s20_notices = 0;
  int standing_cap_stars = 5;   // S8, S13: the cap of the credit standing (supervision/credit_standing)
  std::string standing = "good";
};

struct StarRating {
  int stars = 1;
  int score_stars = 1;  // before the caps
  std::string explanation;     // English
  std::string explanation_zh;  // the same in Chinese
};

// 1 star below star_thresholds[0], 2 from it, … 5 from star_thresholds[3]; then the caps.
StarRating rating_of(double mean_overall, const SupervisionRecord& record, const MonitoringPolicy& policy);

}  // namespace skillreg
