#include "app/report_service.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

#include "domain/enforcement/catalogue.hpp"
#include "domain/monitoring/indicators.hpp"
#include "store/paging.hpp"
#include "store/report_repo.hpp"

namespace skillreg {

namespace {

ReportCell cell(std::optional<double> v) { return v ? ReportCell(*v) : ReportCell(); }

std::vector<ReportRow> institution_rows(const AppContext& ctx, ReportRepo& repo, const ReportPeriod& p) {
  std::vector<ReportRow> rows;
  for (const auto& x : repo.institutions(p)) {
    const Region* r = ctx.regions.find(x.region_code);
    rows.push_back({x.region_code, r ? r->name : x.region_code, x.kind, label_zh("institution_kind", x.kind),
                    x.status, label_zh("institution_status", x.status), x.institutions, x.approved_in_period});
  }
  return rows;
}

std::vector<ReportRow> activity_rows(ReportRepo& repo, const ReportPeriod& p) {
  std::vector<ReportRow> rows;
  for (const auto& x : repo.activity(p))
    rows.push_back({x.subject_code, x.subject_name, x.level, x.plans, x.planned, x.candidates, x.admitted, x.passed,
                    x.failed, cell(percent_of(x.passed, x.passed + x.failed)), x.certificates});
  return rows;
}

// S14: every plan in one band of its overall score; each indicator with the plans it deducted in.
std::vector<ReportRow> monitoring_rows(ReportRepo& repo, const ReportPeriod& p) {
  const auto plans = repo.scored_plans(p);
  const auto& bands = score_bands();
  std::vector<std::array<std::int64_t, 3>> band_counts(bands.size(), {0, 0, 0});
  std::map<std::string, std::array<std::int64_t, 3>> by_indicator;
  for (const auto& s : plans) {
    auto& b = band_counts[band_of(s.overall)];
    b[0] += 1;
    b[1] += s.candidates;
    b[2] += s.critical ? 1 : 0;
    for (const auto& key : s.indicators) {
      auto& i = by_indicator[key];
      i[0] += 1;
      i[1] += s.candidates;
      i[2] += std::ranges::find(s.critical_indicators, key) != s.critical_indicators.end() ? 1 : 0;
    }
  }
  std::vector<ReportRow> rows;
  for (std::size_t i = 0; i < bands.size(); ++i)
    rows.push_back({std::string("band"), std::string("综合得分分布"), bands[i].key, bands[i].zh, std::string("S14(1)"),
                    band_counts[i][0], band_counts[i][1], band_counts[i][2]});
  for (const auto& ind : IndicatorTable::standard().indicators()) {
    const auto it = by_indicator.find(ind.key);
    const std::array<std::int64_t, 3> n = it == by_indicator.end() ? std::array<std::int64_t, 3>{0, 0, 0} : it->second;
    rows.push_back({std::string("indicator"), std::string("异常指标"), ind.key, ind.text_zh, ind.article, n[0], n[1],
                    n[2]});
  }
  return rows;
}

std::vector<ReportRow> supervision_rows(ReportRepo& repo, const ReportPeriod& p) {
  std::vector<ReportRow> rows;
  for (const auto& x : repo.inspections(p))
    rows.push_back({std::string("inspection"), std::string("监督检查"), x.item, label_zh("inspection_kind", x.item),
                    x.result, label_zh("inspection_result", x.result), x.count, std::int64_t{0}});
  for (const auto& x : repo.complaints(p))
    rows.push_back({std::string("complaint"), std::string("投诉举报"), std::string("complaint"),
                    std::string("投诉举报"), x.item, label_zh("complaint_status", x.item), std::int64_t{0}, x.count});
  return rows;
}

// S18–S21: a case counts once under every catalogue item it applies; the totals count it once.
ReportTable sanction_table(const ReportDefinition& d, ReportRepo& repo, const ReportPeriod& p) {
  const auto& catalogue = ViolationCatalogue::standard();
  auto order = [&](const std::string& code) {
    for (std::size_t i = 0; i < catalogue.items().size(); ++i)
      if (catalogue.items()[i].code == code) return i;
    return catalogue.items().size();
  };
  std::map<std::tuple<std::size_t, std::string, std::string>, std::pair<std::int64_t, std::int64_t>> counts;
  std::int64_t cases = 0, decided = 0;
  for (const auto& c : repo.cases(p)) {
    ++cases;
    decided += c.decided ? 1 : 0;
    for (const auto& item : c.items) {
      auto& n = counts[{order(item), item, c.measure}];
      n.first += 1;
      n.second += c.decided ? 1 : 0;
    }
  }
  ReportTable t{&d, {}, {}};
  for (const auto& [key, n] : counts) {
    const auto& [index, code, measure] = key;
    const ViolationItem* v = catalogue.find(code);
    t.rows.push_back({v ? v->article : code.substr(0, code.find('(')), code, v ? v->text_zh : code, measure,
                      label_zh("measure", measure), n.first, n.second});
  }
  t.totals = {{"cases", cases}, {"decided", decided}};
  return t;
}

ReportTable rating_table(const ReportDefinition& d, ReportRepo& repo, const ReportPeriod& p) {
  std::array<std::int64_t, 6> by_stars{};
  for (const auto& [stars, n] : repo.ratings(p))
    if (stars >= 1 && stars <= 5) by_stars[std::size_t(stars)] += n;
  std::int64_t total = 0;
  for (auto n : by_stars) total += n;
  static const char* names[] = {"", "一星", "二星", "三星", "四星", "五星"};
  ReportTable t{&d, {}, {}};
  for (std::int64_t s = 5; s >= 1; --s)
    t.rows.push_back({s, std::string(names[s]), by_stars[std::size_t(s)], cell(percent_of(by_stars[std::size_t(s)], total))});
  t.totals = {{"institutions", total}, {"share", cell(total > 0 ? std::optional<double>(100.0) : std::nullopt)}};
  return t;
}

ReportTable build(const AppContext& ctx, const ReportDefinition& d, ReportRepo& repo, const ReportPeriod& p) {
  if (d.name == "sanctions") return sanction_table(d, repo, p);
  if (d.name == "ratings") return rating_table(d, repo, p);
  ReportTable t{&d, {}, {}};
  if (d.name == "institutions") t.rows = institution_rows(ctx, repo, p);
  else if (d.name == "activity") t.rows = activity_rows(repo, p);
  else if (d.name == "monitoring") t.rows = monitoring_rows(repo, p);
  else if (d.name == "supervision") t.rows = supervision_rows(repo, p);
  t.totals = summed_totals(d, t.rows);
  if (d.name == "activity") {
    const auto passed = std::get<std::int64_t>(t.totals["passed"]), failed = std::get<std::int64_t>(t.totals["failed"]);
    t.totals["pass_rate"] = cell(percent_of(passed, passed + failed));
  }
  return t;
}

bool is_region_code(const std::string& s) {
  return s.size() == 6 && std::ranges::all_of(s, [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Result<const std::vector<ReportDefinition>*> ReportService::catalogue(const Actor& actor) const {
  if (!is_authority(actor.role)) return forbidden();
  return &report_catalogue();
}

Result<ReportResult> ReportService::run(const Actor& actor, const ReportRequest& request) const {
  // S5: reports are the HR authorities' own supervision tool.
  if (!is_authority(actor.role)) return forbidden();
  const ReportDefinition* d = find_report(request.name);
  if (d == nullptr) return not_found("report");
  std::vector<FieldProblem> problems;
  const Date today = local_date(ctx_.clock.now());
  const auto to = request.to.empty() ? std::optional<Date>(today) : Date::parse(request.to);
  if (!to) problems.push_back({"to", "must_be_date"});
  const auto from = request.from.empty() ? std::optional<Date>(Date{to ? to->year : today.year, 1, 1})
                                         : Date::parse(request.from);
  if (!from) problems.push_back({"from", "must_be_date"});
  const std::string region = request.region_code.empty() ? actor.region_code : request.region_code;
  if (!is_region_code(region)) problems.push_back({"region_code", "must_be_region_code"});
  if (!problems.empty()) return bad_request(problems);
  if (*from > *to) return invalid({{"to", "before_from"}});
  // S5: the caller's own region and those below it; others are not revealed.
  const Region* r = ctx_.regions.find(region);
  if (r == nullptr || !ctx_.regions.contains(actor.region_code, region)) return not_found("region");

  ReportPeriod period{delimited_set(ctx_.regions.subtree(region)), from->to_string(), to->to_string(),
                      start_of_local_day(*from), start_of_local_day(to->add_days(1))};
  auto table = ctx_.db.read([&](Tx& tx) -> Result<ReportTable> {
    ReportRepo repo(tx);
    return build(ctx_, *d, repo, period);
  });
  if (!table) return std::unexpected(table.error());
  return ReportResult{std::move(*table), r->code, r->name, *from, *to};
}

}  // namespace skillreg
