// Reports 统计报表 (issue 10 §3): the catalogue, and one report over the caller's region for a
// period as JSON, CSV or XLSX (API.md: /reports/{name}?format=xlsx|csv|json).
#include "http/handler_helpers.hpp"
#include "http/query.hpp"
#include "http/report_formats.hpp"
#include "http/services.hpp"

namespace skillreg::http {

namespace {

Json catalogue_json(const std::vector<ReportDefinition>& catalogue, Lang lang) {
  Json items = Json::array();
  for (const auto& d : catalogue) {
    Json columns = Json::array();
    for (const auto& c : d.columns)
      columns.push_back({{"key", c.key}, {"title", lang == Lang::en ? c.en : c.zh}, {"zh", c.zh}, {"en", c.en},
                         {"type", std::string(to_string(c.type))}});
    items.push_back({{"name", d.name},
                     {"title", lang == Lang::en ? d.title_en : d.title_zh},
                     {"title_zh", d.title_zh},
                     {"title_en", d.title_en},
                     {"articles", d.articles},
                     {"formats", {"json", "csv", "xlsx"}},
                     {"columns", columns}});
  }
  return {{"items", items}};
}

Response file_response(std::string body, const std::string& content_type, std::string disposition) {
  Response r;
  r.body = std::move(body);
  r.content_type = content_type;
  r.headers.emplace_back("Content-Disposition", std::move(disposition));
  return r;
}

}  // namespace

void add_report_routes(RouteTable& t, Services& s) {
  auto& reports = s.reports;
  t.push_back({Method::get, "/api/v1/reports", "The reports an authority may run, with their columns", "reports",
               Access::session, Exec::io, {}, kDefaultBodyLimit, [&reports](Request& req) -> Result<Response> {
                 return ok_or(reports.catalogue(*req.actor),
                              [&](const auto* c) { return catalogue_json(*c, req.lang); });
               }});
  t.push_back({Method::get, "/api/v1/reports/:name",
               "One report over the caller's region (or a region within it) for a period, as json, csv or xlsx: "
               "institutions, activity, monitoring, supervision, sanctions, ratings",
               "reports", Access::session, Exec::worker, {"format", "from", "to", "region_code"}, kDefaultBodyLimit,
               [&reports](Request& req) -> Result<Response> {
                 const std::string format = query_or_empty(req, "format").empty() ? "json" : query_or_empty(req, "format");
                 if (format != "json" && format != "csv" && format != "xlsx")
                   return bad_request({{"format", "unknown_value"}});
                 ReportRequest in{req.params.at("name"), query_or_empty(req, "region_code"),
                                  query_or_empty(req, "from"), query_or_empty(req, "to")};
                 auto r = reports.run(*req.actor, in);
                 if (!r) return std::unexpected(r.error());
                 if (format == "csv")
                   return file_response(report_csv(*r), "text/csv; charset=utf-8", report_disposition(*r, "csv"));
                 if (format == "xlsx")
                   return file_response(report_xlsx(*r),
                                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                        report_disposition(*r, "xlsx"));
                 return Response::ok(report_json(*r, req.lang));
               }});
}

}  // namespace skillreg::http
