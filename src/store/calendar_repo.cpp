#include "store/calendar_repo.hpp"

namespace skillreg {

namespace {

constexpr const char* kYear = "SELECT day, kind, name FROM calendar_days WHERE day >= :a AND day <= :b ORDER BY day";
constexpr const char* kDeleteYear = "DELETE FROM calendar_days WHERE day >= :a AND day <= :b";
constexpr const char* kInsert = "INSERT INTO calendar_days (day, kind, name) VALUES (:d, :k, :n)";
constexpr const char* kBump = "UPDATE calendar_revision SET revision = revision + 1, updated_at = :t WHERE id = 1";
constexpr const char* kRevision = "SELECT revision FROM calendar_revision WHERE id = 1";

std::string first_day(int year) { return std::to_string(year) + "-01-01"; }
std::string last_day(int year) { return std::to_string(year) + "-12-31"; }

}  // namespace

std::vector<CalendarEntry> CalendarRepo::year(int year) {
  const std::string a = first_day(year), b = last_day(year);
  std::string day, kind, name;
  soci::statement st = (tx_.sql.prepare << kYear, soci::use(a, "a"), soci::use(b, "b"), soci::into(day),
                        soci::into(kind), soci::into(name));
  st.execute();
  std::vector<CalendarEntry> out;
  while (st.fetch())
    if (auto d = Date::parse(day)) out.push_back({*d, kind == "workday" ? DayKind::workday : DayKind::holiday, name});
  return out;
}

void CalendarRepo::replace_year(int year, const std::vector<CalendarEntry>& entries) {
  const std::string a = first_day(year), b = last_day(year);
  tx_.sql << kDeleteYear, soci::use(a, "a"), soci::use(b, "b");
  for (const auto& e : entries) {
    const std::string day = e.date.to_string(), kind = e.kind == DayKind::workday ? "workday" : "holiday";
    tx_.sql << kInsert, soci::use(day, "d"), soci::use(kind, "k"), soci::use(e.name, "n");
  }
}

std::int64_t CalendarRepo::bump_revision(Instant at) {
  tx_.sql << kBump, soci::use(at, "t");
  return revision();
}

std::int64_t CalendarRepo::revision() {
  long long r = 0;
  tx_.sql << kRevision, soci::into(r);
  return r;
}

}  // namespace skillreg
