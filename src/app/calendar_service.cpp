#include "app/calendar_service.hpp"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "app/audit_trail.hpp"
#include "core/utf8.hpp"
#include "store/calendar_repo.hpp"

namespace skillreg {

namespace {

std::string csv_field(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

nlohmann::json entries_json(const std::vector<CalendarEntry>& entries) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : entries)
    out.push_back({{"date", e.date.to_string()}, {"kind", e.kind == DayKind::workday ? "workday" : "holiday"},
                   {"name", e.name}});
  return out;
}

}  // namespace

Result<std::vector<CalendarEntry>> check_calendar_entries(int year, const std::vector<CalendarEntryInput>& entries) {
  std::vector<FieldProblem> problems;
  // The same rules as the shipped file: the entries become a CSV and go through from_csv, whose
  // "line N" (the header is line 1) is entries[N-2]. Names with line breaks cannot be CSV lines.
  std::string csv = "date,kind,name\n";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& e = entries[i];
    const std::string field = "entries[" + std::to_string(i) + "]";
    std::string name = e.name;
    const bool too_long = utf8_length(name) > 50;
    if (name.find_first_of("\r\n") != std::string::npos || too_long) {
      problems.push_back({field, too_long ? "too_long" : "missing_name"});
      name = "x";
    }
    if (auto d = Date::parse(e.date); d && d->year != year) problems.push_back({field, "outside_year"});
    csv += csv_field(e.date) + "," + csv_field(e.kind) + "," + csv_field(name) + "\n";
  }
  auto parsed = Calendar::from_csv(csv);
  if (!parsed) {
    for (const auto& d : parsed.error().details) {
      if (d.field.starts_with("line ")) {
        const int line = std::atoi(d.field.c_str() + 5);
        problems.push_back({"entries[" + std::to_string(line - 2) + "]", d.problem});
      } else {
        problems.push_back(d);
      }
    }
  }
  if (!problems.empty()) {
    std::ranges::stable_sort(problems, {}, [](const FieldProblem& p) {
      return p.field.size() > 8 ? std::atoi(p.field.c_str() + 8) : -1;
    });
    return invalid(std::move(problems));
  }
  return parsed->entries();
}

Result<CalendarYear> CalendarService::replace_year(const Actor& actor, int year,
                                                   const std::vector<CalendarEntryInput>& entries) {
  if (actor.role != Role::province_admin) return forbidden();
  if (year < 1900 || year > 2200) return invalid({{"year", "out_of_range"}});
  if (entries.size() > 366) return invalid({{"entries", "too_many"}});
  auto checked = check_calendar_entries(year, entries);
  if (!checked) return std::unexpected(checked.error());
  const Instant now = ctx_.clock.now();
  auto saved = ctx_.db.write([&](Tx& tx) -> Result<CalendarYear> {
    CalendarRepo repo(tx);
    const auto before = repo.year(year);
    repo.replace_year(year, *checked);
    CalendarYear out{year, *checked, {}, repo.bump_revision(now)};
    record_change(tx, actor, now, {"calendar.replace_year", "calendar", std::to_string(year), actor.region_code,
                                   std::nullopt, {{"entries", entries_json(before)}},
                                   {{"entries", entries_json(*checked)}, {"revision", out.revision}}});
    return out;
  });
  if (!saved) return saved;
  // After commit: this node's requests compute with the new calendar from now on.
  reload_calendar(ctx_);
  saved->covered = ctx_.calendar.years();
  return saved;
}

}  // namespace skillreg
