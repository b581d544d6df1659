#pragma once
// The named queries behind the reports 统计报表 (issue 10 §3). Every query takes the caller's
// regions as one delimited set (the region and all below it) and the period, and applies the
// same scope as the list the caller could read of the same objects: institutions and cases by
// their supervising authority (S5), plans, plan scores and ratings also by where the exam site or
// the institution is (M12), complaints also by where the activity was.
#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace skillreg {

struct ReportPeriod {
  std::string regions;  // delimited_set of the region codes
  std::string from, to;  // YYYY-MM-DD, both inclusive
  Instant from_at = 0, to_at = 0;  // [from_at, to_at): the first instants of `from` and of the day after `to`
};

class ReportRepo {
 public:
  explicit ReportRepo(Tx& tx) : tx_(tx) {}

  struct InstitutionCount {
    std::string region_code, kind, status;
    std::int64_t institutions = 0, approved_in_period = 0;
  };
  // Institutions approved up to `to`, by location, kind and current status.
  std::vector<InstitutionCount> institutions(const ReportPeriod& p);

  struct ActivityCount {
    std::string subject_code, subject_name;
    std::int64_t level = 0, plans = 0, planned = 0, candidates = 0, admitted = 0, passed = 0, failed = 0,
                 certificates = 0;
  };
  // Published plans whose first session falls in the period, by occupation and level.
  std::vector<ActivityCount> activity(const ReportPeriod& p);

  struct ScoredPlan {
    double overall = 0;
    std::int64_t candidates = 0;
    bool critical = false;
    std::vector<std::string> indicators;           // with a deduction, each once
    std::vector<std::string> critical_indicators;  // of those, the critical ones
  };
  // The current scores of plans whose exam day falls in the period.
  std::vector<ScoredPlan> scored_plans(const ReportPeriod& p);

  struct Tally {
    std::string item, result;
    std::int64_t count = 0;
  };
  // Inspections scheduled in the period by kind and outcome (the status while not completed).
  std::vector<Tally> inspections(const ReportPeriod& p);
  // Complaints received in the period by status (`item`).
  std::vector<Tally> complaints(const ReportPeriod& p);

  struct CaseFacts {
    std::vector<std::string> items;  // catalogue codes
    std::string measure;             // the class in force
    bool decided = false;            // a decision in force (not dropped, not overturned on review)
  };
  // Cases proposed in the period (drafts and dropped ones are not cases yet, or no longer).
  std::vector<CaseFacts> cases(const ReportPeriod& p);

  // Institutions by the stars of their latest rating whose period ends in the period.
  std::vector<std::pair<std::int64_t, std::int64_t>> ratings(const ReportPeriod& p);

 private:
  Tx& tx_;
};

}  // namespace skillreg
