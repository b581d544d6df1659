// Reference data: regions, occupations, skill levels, the working-day calendar.
#include "core/date.hpp"
#include "http/json_input.hpp"
#include "http/query.hpp"
#include "http/services.hpp"
#include "store/reference_repo.hpp"

namespace skillreg::http {

namespace {

Json region_json(const Region& r) {
  return {{"code", r.code}, {"name", r.name}, {"level", to_string(r.level)},
          {"parent_code", r.parent_code.empty() ? Json(nullptr) : Json(r.parent_code)}};
}

Json occupation_json(const Occupation& o) {
  return {{"code", o.code}, {"name", o.name}, {"category", o.category}, {"in_catalog", o.in_catalog}};
}

Json calendar_entry_json(const CalendarEntry& e) {
  return {{"date", e.date.to_string()},
          {"kind", e.kind == DayKind::workday ? "workday" : "holiday"},
          {"name", e.name}};
}

}  // namespace

void add_reference_routes(RouteTable& t, Services& s) {
  t.push_back({Method::get, "/api/v1/regions", "Zhejiang regions (province, cities, counties)",
               "reference", Access::open, Exec::io, {"parent", "level"}, kDefaultBodyLimit,
               [&s](Request& req) -> Result<Response> {
                 const auto parent = query_or_empty(req, "parent");
                 const auto level = query_or_empty(req, "level");
                 if (!level.empty() && !parse_region_level(level))
                   return bad_request({{"level", "must_be_province_city_or_county"}});
                 Json items = Json::array();
                 for (const auto& r : s.ctx.regions.all())
                   if ((parent.empty() || r.parent_code == parent) &&
                       (level.empty() || to_string(r.level) == level))
                     items.push_back(region_json(r));
                 const auto n = items.size();
                 Response resp = Response::ok({{"items", std::move(items)}, {"total", n}});
                 resp.cacheable = true;
                 return resp;
               }});

  t.push_back({Method::get, "/api/v1/occupations",
               "Occupations of the 2022 classification; search by code prefix or name",
               "reference", Access::open, Exec::io, {"q", "in_catalog", "page", "page_size"},
               kDefaultBodyLimit, [&s](Request& req) -> Result<Response> {
                 auto page = page_of(req);
                 if (!page) return std::unexpected(page.error());
                 auto catalog = bool_query(req, "in_catalog");
                 if (!catalog) return std::unexpected(catalog.error());
                 const std::string q = query_or_empty(req, "q");
                 if (q.size() > 100) return invalid({{"q", "too_long"}});
                 OccupationQuery oq{q, *catalog, *page};
                 auto result = s.ctx.db.read(
                     [&](Tx& tx) -> Result<Page<Occupation>> { return ReferenceRepo(tx).occupations(oq); });
                 if (!result) return std::unexpected(result.error());
                 return Response::ok(page_json(*result, occupation_json));
               }});

  // The levels never change while the server runs: render them once.
  auto levels = [&s] {
    Json items = Json::array();
    for (const auto& l : s.ctx.levels)
      items.push_back({{"code", l.code}, {"name", l.name}, {"alias", l.alias}, {"ordinal", l.ordinal}});
    return std::make_shared<const std::string>(
        Json{{"items", items}, {"total", s.ctx.levels.size()}}.dump());
  }();
  t.push_back({Method::get, "/api/v1/levels", "Skill levels, low to high", "reference",
               Access::open, Exec::io, {}, kDefaultBodyLimit,
               [levels](Request&) -> Result<Response> {
                 Response r;
                 r.body = *levels;
                 r.cacheable = true;
                 return r;
               }});

  t.push_back({Method::get, "/api/v1/calendar",
               "Public holidays and adjusted working days (调休) by year", "reference",
               Access::open, Exec::io, {"year"}, kDefaultBodyLimit,
               [&s](Request& req) -> Result<Response> {
                 const auto year = query_or_empty(req, "year");
                 if (!year.empty() && (year.size() != 4 || year.find_first_not_of("0123456789") != std::string::npos))
                   return bad_request({{"year", "must_be_4_digit_year"}});
                 const auto calendar = s.ctx.calendar.snapshot();
                 Json items = Json::array();
                 for (const auto& e : calendar->entries())
                   if (year.empty() || std::to_string(e.date.year) == year)
                     items.push_back(calendar_entry_json(e));
                 Json years = calendar->years();
                 const auto n = items.size();
                 // `covered`: the years whose holiday notice is entered (issue 10 §1); `years` is
                 // the same list under its first name.
                 return Response::ok({{"years", years}, {"covered", years}, {"items", std::move(items)}, {"total", n}});
               }});

  t.push_back({Method::put, "/api/v1/calendar/:year",
               "Replace a year's holidays and adjusted working days (province administrators)", "reference",
               Access::session, Exec::worker, {}, 256 * 1024, [&s](Request& req) -> Result<Response> {
                 const std::string year_text = req.params["year"];
                 if (year_text.size() != 4 || year_text.find_first_not_of("0123456789") != std::string::npos)
                   return bad_request({{"year", "must_be_4_digit_year"}});
                 auto body = parse_json_object(req.body);
                 if (!body) return std::unexpected(body.error());
                 Fields f(*body);
                 std::vector<CalendarEntryInput> entries;
                 const Json* list = f.optional_array("entries");
                 if (list == nullptr && !body->contains("entries")) f.problem("entries", "required");
                 if (list != nullptr) {
                   for (std::size_t i = 0; i < list->size(); ++i) {
                     const std::string at = "entries[" + std::to_string(i) + "]";
                     const Json& e = (*list)[i];
                     if (!e.is_object()) {
                       f.problem(at, "must_be_object");
                       continue;
                     }
                     Fields ef(e);
                     CalendarEntryInput in{ef.required_string("date"), ef.required_string("kind"),
                                           ef.required_string("name")};
                     if (auto ok = ef.finish(); !ok)
                       for (const auto& d : ok.error().details) f.problem(at + "." + d.field, d.problem);
                     entries.push_back(std::move(in));
                   }
                 }
                 if (auto ok = f.finish(); !ok) return std::unexpected(ok.error());
                 auto saved = s.calendar.replace_year(*req.actor, std::stoi(year_text), entries);
                 if (!saved) return std::unexpected(saved.error());
                 Json items = Json::array();
                 for (const auto& e : saved->entries) items.push_back(calendar_entry_json(e));
                 return Response::ok({{"year", saved->year}, {"items", std::move(items)},
                                      {"covered", saved->covered}, {"revision", saved->revision}});
               }});

  t.push_back({Method::get, "/api/v1/calendar/working-days",
               "The n-th working day after a date (negative n: before)", "reference",
               Access::open, Exec::io, {"from", "n"}, kDefaultBodyLimit,
               [&s](Request& req) -> Result<Response> {
                 auto from = Date::parse(query_or_empty(req, "from"));
                 const auto n_text = query_or_empty(req, "n");
                 std::vector<FieldProblem> problems;
                 if (!from) problems.push_back({"from", "must_be_date"});
                 int n = 0;
                 try {
                   std::size_t used = 0;
                   n = std::stoi(n_text, &used);
                   if (used != n_text.size() || n < -3650 || n > 3650) throw std::out_of_range("n");
                 } catch (const std::exception&) {
                   problems.push_back({"n", "must_be_integer_within_3650"});
                 }
                 if (!problems.empty()) return bad_request(problems);
                 const auto calendar = s.ctx.calendar.snapshot();
                 const Date result = calendar->add_working_days(*from, n);
                 const bool covered = calendar->covers_range(*from, result);
                 Json body = {{"from", from->to_string()}, {"n", n}, {"date", result.to_string()},
                              {"calendar_covers", covered}};
                 if (!covered)
                   body["warning"] = "the holiday calendar does not cover every year in this range; weekends only were counted there";
                 return Response::ok(body);
               }});
}

}  // namespace skillreg::http
