#include "core/calendar.hpp"

#include <algorithm>
#include <set>

#include "core/csv.hpp"

namespace skillreg {

namespace {

bool is_weekend(Date d) {
  return d.weekday() >= 6;
}

std::string line_field(std::size_t line) {
  return "line " + std::to_string(line);
}

}  // namespace

Result<Calendar> Calendar::from_csv(std::string_view text) {
  auto records = read_csv_records(text, {"date", "kind", "name"});
  if (!records) return std::unexpected(std::move(records.error()));

  std::vector<CalendarEntry> entries;
  std::vector<FieldProblem> problems;
  std::set<Date> seen;
  for (auto& rec : *records) {
    const auto date = Date::parse(rec.values["date"]);
    const std::string& kind = rec.values["kind"];
    std::string& name = rec.values["name"];
    const std::size_t problems_before = problems.size();
    if (!date) problems.push_back({line_field(rec.line), "invalid_date"});
    if (kind != "holiday" && kind != "workday")
      problems.push_back({line_field(rec.line), "invalid_kind"});
    if (name.empty()) problems.push_back({line_field(rec.line), "missing_name"});
    if (problems.size() != problems_before) continue;

    const DayKind k = kind == "holiday" ? DayKind::holiday : DayKind::workday;
    if (k == DayKind::workday && !is_weekend(*date))
      problems.push_back({line_field(rec.line), "workday_not_weekend"});
    if (!seen.insert(*date).second) problems.push_back({line_field(rec.line), "duplicate_date"});
    entries.push_back({*date, k, std::move(name)});
  }
  if (!problems.empty()) return invalid(std::move(problems));
  return from_entries(std::move(entries));
}

Calendar Calendar::from_entries(std::vector<CalendarEntry> entries) {
  // Stable sort keeps vector order among equal dates; keeping the last of each run makes the
  // later entry win.
  std::ranges::stable_sort(entries, {}, &CalendarEntry::date);
  Calendar cal;
  for (auto& e : entries) {
    if (!cal.entries_.empty() && cal.entries_.back().date == e.date)
      cal.entries_.back() = std::move(e);
    else
      cal.entries_.push_back(std::move(e));
  }
  for (const auto& e : cal.entries_)
    if (cal.years_.empty() || cal.years_.back() != e.date.year) cal.years_.push_back(e.date.year);
  return cal;
}

const CalendarEntry* Calendar::find(Date d) const {
  const auto it = std::ranges::lower_bound(entries_, d, {}, &CalendarEntry::date);
  return it != entries_.end() && it->date == d ? &*it : nullptr;
}

bool Calendar::is_working_day(Date d) const {
  if (const auto* e = find(d)) return e->kind == DayKind::workday;
  return !is_weekend(d);
}

Date Calendar::add_working_days(Date from, int n) const {
  const int step = n > 0 ? 1 : -1;
  long long remaining = n > 0 ? n : -static_cast<long long>(n);  // -INT_MIN overflows an int
  Date d = from;
  while (remaining > 0) {
    d = d.add_days(step);
    if (is_working_day(d)) --remaining;
  }
  return d;
}

int Calendar::working_days_between(Date from, Date to) const {
  int count = 0;
  for (Date d = from.add_days(1); d <= to; d = d.add_days(1))
    if (is_working_day(d)) ++count;
  return count;
}

Date Calendar::next_working_day_on_or_after(Date d) const {
  while (!is_working_day(d)) d = d.add_days(1);
  return d;
}

bool Calendar::covers(int year) const {
  return std::ranges::binary_search(years_, year);
}

bool Calendar::covers_range(Date from, Date to) const {
  for (int y = std::min(from.year, to.year); y <= std::max(from.year, to.year); ++y)
    if (!covers(y)) return false;
  return true;
}

std::vector<int> Calendar::years() const {
  return years_;
}

std::optional<CalendarEntry> Calendar::entry(Date d) const {
  if (const auto* e = find(d)) return *e;
  return std::nullopt;
}

std::optional<std::string> Calendar::holiday_name(Date d) const {
  const auto* e = find(d);
  if (e == nullptr || e->kind != DayKind::holiday) return std::nullopt;
  return e->name;
}

}  // namespace skillreg
