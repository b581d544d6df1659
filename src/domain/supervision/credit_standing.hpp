#pragma once
// Credit standing 信用状况 of an institution (S8): from its supervision archive, one of good,
// watch (关注) or key supervision (重点监管, S8: 对有不良信用记录的评价机构实施重点监管). It sets
// the institution's weight in the double-random draw (S12) and caps its star rating (S13).
// The rule is a table (credit_standing.cpp), each row with its article; the gravest row that
// holds decides, and every row that holds is given as a reason.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/supervision/supervision_policy.hpp"

namespace skillreg {

enum class Standing { good, watch, key };
std::string_view to_string(Standing s);
std::optional<Standing> parse_standing(std::string_view s);

// Counted by the archive over the windows named.
struct StandingFacts {
  int failed_inspections_24m = 0;        // outcome fail, completed within 24 months
  int issues_inspections_12m = 0;        // outcome issues_found, within 12 months
  int overdue_rectifications = 0;        // open past their due date
  int substantiated_complaints_12m = 0;  // replied as substantiated, within 12 months
  int sampling_issues_12m = 0;           // key-sampling outcomes with issues, within 12 months
  int sanctions_24m = 0;                 // S20/S21 decisions (enforcement), within 24 months
  std::optional<double> monitoring_12m;  // the rolling 12-month monitoring score, when scored
};

struct StandingReason {
  std::string rule, article;
  Standing level = Standing::good;
};

struct CreditStanding {
  Standing level = Standing::good;
  std::vector<StandingReason> reasons;
};

CreditStanding credit_standing(const StandingFacts& f, const SupervisionPolicy& policy);

// S12: the draw weight a standing gets under a plan's weights.
int draw_weight(Standing s, int watch_weight, int key_weight);
// S13: the most stars a standing allows.
int star_cap(Standing s, const SupervisionPolicy& policy);

}  // namespace skillreg
