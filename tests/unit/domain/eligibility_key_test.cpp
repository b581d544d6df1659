// What a batch's verdict cache (EligibilityCache in app/candidate_service.cpp) relies on: the
// national application conditions read the prior certificate's date only as "after the first
// exam day" or "so many whole years before it". Two dates that agree on that give the same
// verdict for every level and every other fact; if a rule ever reads the date more finely, this
// fails and the cache key must change with it.
#include <gtest/gtest.h>

#include <optional>

#include "domain/activity/application_conditions.hpp"

namespace skillreg {
namespace {

bool same(const EligibilityResult& a, const EligibilityResult& b) {
  if (a.eligible != b.eligible || a.met_route != b.met_route || a.checks.size() != b.checks.size()) return false;
  for (std::size_t i = 0; i < a.checks.size(); ++i)
    if (a.checks[i].route != b.checks[i].route || a.checks[i].met != b.checks[i].met ||
        a.checks[i].unmet != b.checks[i].unmet)
      return false;
  return true;
}

// -1: after `as_of`; otherwise whole years before it.
int date_key(Date d, Date as_of) { return d > as_of ? -1 : whole_years_between(d, as_of); }

TEST(EligibilityKey, TheVerdictDependsOnThePriorDateOnlyThroughItsWholeYears) {
  const Date as_of{2026, 12, 8};
  const auto& table = ConditionTable::national();
  int compared = 0;
  for (int level = 1; level <= 5; ++level)
    for (int edu = 0; edu <= int(Education::doctor); ++edu)
      for (int years : {0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 40})
        for (int prior = 1; prior <= 5; ++prior)
          for (bool apprenticeship : {false, true}) {
            // Dates a few days apart across each year boundary, and some after as_of.
            std::optional<EligibilityResult> last;
            std::optional<int> last_key;
            for (Date d = as_of.add_days(40); d > Date{2004, 1, 1}; d = d.add_days(-53)) {
              const CandidateFacts f{as_of, Education(edu), years, prior, d, apprenticeship};
              auto r = check_application_conditions(table, level, f);
              const int key = date_key(d, as_of);
              if (last_key && *last_key == key) {
                EXPECT_TRUE(same(*last, r)) << "level " << level << " date " << d.to_string();
                ++compared;
              }
              last = std::move(r);
              last_key = key;
            }
          }
  EXPECT_GT(compared, 1000);
}

}  // namespace
}  // namespace skillreg
