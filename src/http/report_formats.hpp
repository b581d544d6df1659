#pragma once
// One report in the three formats of GET /reports/{name} (issue 10 §3), all from the same table,
// so the numbers agree: JSON (rows as objects keyed by column, ready for an ECharts dataset),
// CSV (UTF-8 with a BOM so Excel reads the Chinese, RFC 4180, formula-guarded text, a 合计 row)
// and XLSX (title row naming the region and period, Chinese header, a 合计 row).
#include <string>

#include "app/report_service.hpp"
#include "http/types.hpp"

namespace skillreg::http {

// {"report","title","title_zh","title_en","articles","region_code","region_name","from","to",
//  "columns":[{"key","title","zh","en","type"}],"rows":[{key: value}],"totals":{key: value}}
Json report_json(const ReportResult& r, Lang lang);
std::string report_csv(const ReportResult& r);
std::string report_xlsx(const ReportResult& r);

// "杭州市 评价机构统计 2026-01-01至2026-11-29": the title row of the XLSX and the file name.
std::string report_caption(const ReportResult& r);
// attachment; filename="institutions-330100-2026-01-01-2026-11-29.csv"; filename*=UTF-8''…
std::string report_disposition(const ReportResult& r, const std::string& extension);

}  // namespace skillreg::http
