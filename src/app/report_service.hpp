#pragma once
// Reports 统计报表 (issue 10 §3): each HR authority's tables over its own region (S5) for a
// period — institutions (M10, S11), evaluation activity (S12), digital monitoring (S13, S14),
// inspections and complaints (S9–S17), enforcement cases (S18–S21) and star ratings (S13).
//
// Who: the HR authorities only (province, evaluation centre, city and county officers); every
// other role gets 403. The region is the caller's own by default and must lie within it: any
// other (or unknown) region is 404, as for any object outside the caller's scope.
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/accounts/actor.hpp"
#include "domain/reports/report.hpp"

namespace skillreg {

struct ReportRequest {
  std::string name;
  std::string region_code;  // "" → the caller's region
  std::string from, to;     // "" → 1 January of `to`'s year; "" → today (China Standard Time)
};

struct ReportResult {
  ReportTable table;
  std::string region_code, region_name;
  Date from, to;
};

class ReportService {
 public:
  explicit ReportService(AppContext& ctx) : ctx_(ctx) {}

  // The catalogue, for those who may run reports.
  Result<const std::vector<ReportDefinition>*> catalogue(const Actor& actor) const;
  // 400 for a malformed date or region code, 422 when `from` is after `to`, 404 for an unknown
  // report or a region outside the caller's.
  Result<ReportResult> run(const Actor& actor, const ReportRequest& request) const;

 private:
  AppContext& ctx_;
};

}  // namespace skillreg
