#pragma once
// The numbers of supervision that are policy, not law, with their defaults.
namespace skillreg {

struct SupervisionPolicy {
  int min_inspectors_per_target = 2;     // M27 双随机: at least two inspectors per target
  int publish_working_days = 20;         // M27 一公开: results public within 20 working days of completion
  int complaint_reply_working_days = 15; // S17: reply due 15 working days after receipt
  int complaints_per_hour = 5;           // per sender address, against flooding
  double key_score_below = 60;           // S8, S14: 12-month monitoring score for key supervision
  double watch_score_below = 75;
  int key_star_cap = 2;                  // S13: key supervision caps the star rating
  int watch_star_cap = 4;
};

}  // namespace skillreg
