#include "store/reference_repo.hpp"

namespace skillreg {

namespace {

constexpr const char* kCountRegions = "SELECT COUNT(*) FROM regions";
constexpr const char* kInsertRegion =
    "INSERT INTO regions (code, name, level, parent_code) VALUES (:code, :name, :level, :parent)";
constexpr const char* kInsertOccupation =
    "INSERT INTO occupations (code, name, category, in_catalog) VALUES (:c, :n, :cat, :in)";
constexpr const char* kInsertLevel =
    "INSERT INTO skill_levels (code, name, alias, ordinal) VALUES (:c, :n, :a, :o)";
constexpr const char* kInsertCalendarDay =
    "INSERT INTO calendar_days (day, kind, name) VALUES (:d, :k, :n)";
constexpr const char* kSelectRegions =
    "SELECT code, name, level, COALESCE(parent_code, '') FROM regions ORDER BY code";
// :q matches a code prefix or a name substring; :cat is -1 for "either".
constexpr const char* kOccupationFilter =
    " FROM occupations WHERE (code LIKE :qp ESCAPE '\\' OR name LIKE :qc ESCAPE '\\')"
    " AND (:cat1 = -1 OR in_catalog = :cat2)";
constexpr const char* kSelectOccupation =
    "SELECT code, name, category, in_catalog FROM occupations WHERE code = :code";
constexpr const char* kSelectLevels =
    "SELECT code, name, alias, ordinal FROM skill_levels ORDER BY ordinal";
constexpr const char* kSelectCalendar = "SELECT day, kind, name FROM calendar_days ORDER BY day";

}  // namespace

bool ReferenceRepo::is_loaded() {
  long long n = 0;
  tx_.sql << kCountRegions, soci::into(n);
  return n > 0;
}

void ReferenceRepo::insert_region(const Region& r) {
  const std::string level(to_string(r.level));
  soci::indicator parent_ind = r.parent_code.empty() ? soci::i_null : soci::i_ok;
  tx_.sql << kInsertRegion, soci::use(r.code), soci::use(r.name), soci::use(level),
      soci::use(r.parent_code, parent_ind);
}

void ReferenceRepo::insert_occupation(const Occupation& o) {
  const int in = o.in_catalog ? 1 : 0;
  tx_.sql << kInsertOccupation, soci::use(o.code), soci::use(o.name), soci::use(o.category),
      soci::use(in);
}

void ReferenceRepo::insert_level(const SkillLevel& l) {
  tx_.sql << kInsertLevel, soci::use(l.code), soci::use(l.name), soci::use(l.alias),
      soci::use(l.ordinal);
}

void ReferenceRepo::insert_calendar_entry(const CalendarEntry& e) {
  const std::string day = e.date.to_string();
  const std::string kind = e.kind == DayKind::workday ? "workday" : "holiday";
  tx_.sql << kInsertCalendarDay, soci::use(day), soci::use(kind), soci::use(e.name);
}

std::vector<Region> ReferenceRepo::regions() {
  std::vector<Region> out;
  Region r;
  std::string level;
  soci::statement st = (tx_.sql.prepare << kSelectRegions, soci::into(r.code), soci::into(r.name),
                        soci::into(level), soci::into(r.parent_code));
  st.execute();
  while (st.fetch()) {
    r.level = parse_region_level(level).value_or(RegionLevel::county);
    out.push_back(r);
  }
  return out;
}

Page<Occupation> ReferenceRepo::occupations(const OccupationQuery& q) {
  Page<Occupation> page;
  page.page = q.page.page;
  page.page_size = q.page.page_size;
  const std::string qp = like_prefix(q.q), qc = like_contains(q.q);
  const int cat = q.in_catalog ? (*q.in_catalog ? 1 : 0) : -1;
  tx_.sql << std::string("SELECT COUNT(*)") + kOccupationFilter, soci::into(page.total),
      soci::use(qp, "qp"), soci::use(qc, "qc"), soci::use(cat, "cat1"), soci::use(cat, "cat2");
  Occupation o;
  int in = 0;
  const long long limit = q.page.page_size, offset = q.page.offset();
  soci::statement st =
      (tx_.sql.prepare << std::string("SELECT code, name, category, in_catalog") +
                              kOccupationFilter + " ORDER BY code LIMIT :lim OFFSET :off",
       soci::into(o.code), soci::into(o.name), soci::into(o.category), soci::into(in),
       soci::use(qp, "qp"), soci::use(qc, "qc"), soci::use(cat, "cat1"), soci::use(cat, "cat2"),
       soci::use(limit, "lim"), soci::use(offset, "off"));
  st.execute();
  while (st.fetch()) {
    o.in_catalog = in != 0;
    page.items.push_back(o);
  }
  return page;
}

std::optional<Occupation> ReferenceRepo::occupation(const std::string& code) {
  Occupation o;
  int in = 0;
  tx_.sql << kSelectOccupation, soci::use(code), soci::into(o.code), soci::into(o.name),
      soci::into(o.category), soci::into(in);
  if (!tx_.sql.got_data()) return std::nullopt;
  o.in_catalog = in != 0;
  return o;
}

std::vector<SkillLevel> ReferenceRepo::levels() {
  std::vector<SkillLevel> out;
  SkillLevel l;
  soci::statement st = (tx_.sql.prepare << kSelectLevels, soci::into(l.code), soci::into(l.name),
                        soci::into(l.alias), soci::into(l.ordinal));
  st.execute();
  while (st.fetch()) out.push_back(l);
  return out;
}

std::vector<CalendarEntry> ReferenceRepo::calendar() {
  std::vector<CalendarEntry> out;
  std::string day, kind, name;
  soci::statement st = (tx_.sql.prepare << kSelectCalendar, soci::into(day), soci::into(kind),
                        soci::into(name));
  st.execute();
  while (st.fetch()) {
    CalendarEntry e;
    e.date = *Date::parse(day);
    e.kind = kind == "workday" ? DayKind::workday : DayKind::holiday;
    e.name = name;
    out.push_back(e);
  }
  return out;
}

}  // namespace skillreg
