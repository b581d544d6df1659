#pragma once
// The numbers the activity rules leave to policy, with the defaults the requirements name. The
// monitoring issue turns these into a versioned record; until then they come from configuration.
namespace skillreg {

struct ActivityPolicy {
  int publish_days_before = 7;        // S19(1): a plan is published at least 7 days before it starts
  int results_publicity_days = 5;     // S19(9): 成绩核定公示, working days, before certificates
  int certificate_report_days = 30;   // S19(10): certificates reported to the national database
  double pass_line = 60;              // per part
  int max_session_hours = 12;         // a session longer than this is a typing error
  int candidates_per_examiner = 15;   // S19(8): at least 1 examiner per 15 candidates in practical sessions
  int min_practical_panel = 3;        // S19(8): at least 3 examiners on each practical panel
  int min_internal_supervisors = 1;   // S19(8): at least 1 internal supervisor 内督 per plan
  int max_examiner_visits_per_year = 6;  // rotation: more plans at one institution in a year is flagged
};

}  // namespace skillreg
