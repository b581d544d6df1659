// The working-day calendar over the real data/calendar_cn.csv. Every expected value below was
// counted by hand from the CSV rows quoted in the comments, not computed with the code under test.
#include "core/calendar.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/embedded.hpp"

namespace skillreg {
namespace {

Date d(const char* text) {
  return *Date::parse(text);
}

const Calendar& real() {
  static const Calendar cal = [] {
    const auto text = embedded::find("data/calendar_cn.csv");
    EXPECT_TRUE(text.has_value());
    auto parsed = Calendar::from_csv(text.value_or(""));
    EXPECT_TRUE(parsed.has_value());
    return parsed.value_or(Calendar{});
  }();
  return cal;
}

TEST(CalendarData, LoadsAllRowsAndYears) {
  EXPECT_EQ(real().entries().size(), 108U);  // data/README.md: 108 data rows
  EXPECT_EQ(real().years(), (std::vector<int>{2024, 2025, 2026}));
  EXPECT_TRUE(real().covers(2025));
  EXPECT_TRUE(real().covers(2026));
  EXPECT_FALSE(real().covers(2023));
  EXPECT_FALSE(real().covers(2027));  // no 2027 notice yet: callers must not trust 2027 answers
  EXPECT_TRUE(real().covers_range(d("2025-12-31"), d("2026-01-04")));
  EXPECT_FALSE(real().covers_range(d("2026-12-30"), d("2027-01-06")));
}

// data/README.md: weekday `holiday` rows minus `workday` rows = statutory holidays of the year
// (11 before the 2024 revision, 13 from 2025).
TEST(CalendarData, WeekdayHolidaysMinusWorkdaysAreTheStatutoryDays) {
  for (const auto& [year, want] : {std::pair{2024, 11}, {2025, 13}, {2026, 13}}) {
    int net = 0;
    for (const auto& e : real().entries()) {
      if (e.date.year != year) continue;
      if (e.kind == DayKind::workday) --net;
      if (e.kind == DayKind::holiday && e.date.weekday() <= 5) ++net;
    }
    EXPECT_EQ(net, want) << year;
  }
}

struct DayRow {
  const char* date;
  bool working;
};

TEST(CalendarIsWorkingDay, Holidays2025) {
  const std::vector<DayRow> rows{
      {"2025-01-01", false},  // 元旦, Wed
      {"2025-01-26", true},   // 春节 workday, Sun
      {"2025-01-27", true},   // ordinary Mon before 除夕
      {"2025-01-28", false},  // 除夕, Tue: first holiday
      {"2025-02-01", false},  // Sat inside the period
      {"2025-02-04", false},  // Tue: last holiday
      {"2025-02-05", true},   // Wed
      {"2025-02-08", true},   // 春节 workday, Sat
      {"2025-02-09", false},  // ordinary Sun
      {"2025-04-04", false},  // 清明节, Fri
      {"2025-04-27", true},   // 劳动节 workday, Sun
      {"2025-05-01", false},  // 劳动节, Thu
      {"2025-05-05", false},  // 劳动节, Mon
      {"2025-05-06", true},   // Tue
      {"2025-06-02", false},  // 端午节, Mon
      {"2025-09-28", true},   // 国庆节 workday, Sun
      {"2025-10-01", false},  // 国庆节, Wed
      {"2025-10-06", false},  // 中秋, inside the combined period
      {"2025-10-08", false},  // Wed: last holiday
      {"2025-10-09", true},   // Thu
      {"2025-10-11", true},   // 国庆节 workday, Sat
      {"2025-10-12", false},  // ordinary Sun
  };
  for (const auto& r : rows) EXPECT_EQ(real().is_working_day(d(r.date)), r.working) << r.date;
}

TEST(CalendarIsWorkingDay, Holidays2026) {
  const std::vector<DayRow> rows{
      {"2026-01-02", false},  // 元旦, Fri
      {"2026-01-04", true},   // 元旦 workday, Sun
      {"2026-02-13", true},   // Fri
      {"2026-02-14", true},   // 春节 workday, Sat
      {"2026-02-15", false},  // 春节, Sun: first holiday
      {"2026-02-23", false},  // 春节, Mon: last holiday
      {"2026-02-24", true},   // Tue
      {"2026-02-28", true},   // 春节 workday, Sat
      {"2026-03-01", false},  // ordinary Sun
      {"2026-05-01", false},  // 劳动节, Fri
      {"2026-05-05", false},  // 劳动节, Tue
      {"2026-05-06", true},   // Wed
      {"2026-05-09", true},   // 劳动节 workday, Sat
      {"2026-09-20", true},   // workday, Sun
      {"2026-09-25", false},  // 中秋节, Fri
      {"2026-10-07", false},  // 国庆节, Wed
      {"2026-10-08", true},   // Thu
      {"2026-10-10", true},   // 国庆节 workday, Sat
  };
  for (const auto& r : rows) EXPECT_EQ(real().is_working_day(d(r.date)), r.working) << r.date;
}

struct AddRow {
  const char* from;
  int n;
  const char* want;
};

TEST(CalendarAddWorkingDays, AcrossHolidayPeriods) {
  const std::vector<AddRow> rows{
      // 2025 春节: 01-26 Sun works, 01-28..02-04 rest, 02-08 Sat works
      {"2025-01-24", 1, "2025-01-26"},
      {"2025-01-27", 1, "2025-02-05"},
      {"2025-01-27", 5, "2025-02-10"},  // 02-05, 02-06, 02-07, 02-08 Sat, 02-10 Mon
      {"2025-02-05", -1, "2025-01-27"},
      // 2025 劳动节: 04-27 Sun works, 05-01..05-05 rest
      {"2025-04-25", 1, "2025-04-27"},
      {"2025-04-30", 1, "2025-05-06"},
      {"2025-05-06", -1, "2025-04-30"},
      // 2025 国庆: 09-28 Sun works, 10-01..10-08 rest, 10-11 Sat works
      {"2025-09-26", 3, "2025-09-30"},   // 09-28 Sun, 09-29, 09-30
      {"2025-09-30", 5, "2025-10-14"},   // 10-09, 10-10, 10-11 Sat, 10-13, 10-14
      {"2025-10-13", -2, "2025-10-10"},  // 10-11 Sat, 10-10 Fri
      // 2026 元旦 across the year end: 01-01..01-03 rest, 01-04 Sun works
      {"2025-12-31", 1, "2026-01-04"},
      {"2025-12-31", 2, "2026-01-05"},
      // 2026 春节: 02-14 Sat works, 02-15..02-23 rest, 02-28 Sat works
      {"2026-02-13", 1, "2026-02-14"},
      {"2026-02-14", 1, "2026-02-24"},
      {"2026-02-12", 5, "2026-02-26"},  // 02-13, 02-14 Sat, 02-24, 02-25, 02-26
      {"2026-02-24", 4, "2026-02-28"},  // 02-25, 02-26, 02-27, 02-28 Sat
      {"2026-02-24", -1, "2026-02-14"},
      // 2026 劳动节: 05-01..05-05 rest, 05-09 Sat works
      {"2026-04-30", 1, "2026-05-06"},
      {"2026-05-06", 4, "2026-05-11"},  // 05-07, 05-08, 05-09 Sat, 05-11 Mon
      // 2026 中秋 and 国庆: 09-20 Sun works, 09-25..09-27 rest, 10-01..10-07 rest, 10-10 Sat works
      {"2026-09-18", 1, "2026-09-20"},
      {"2026-09-24", 1, "2026-09-28"},
      {"2026-09-30", 3, "2026-10-10"},  // 10-08, 10-09, 10-10 Sat
      {"2026-09-30", 5, "2026-10-13"},  // ..., 10-12 Mon, 10-13 Tue
      // n == 0 returns the start, even on a holiday
      {"2025-10-01", 0, "2025-10-01"},
  };
  for (const auto& r : rows)
    EXPECT_EQ(real().add_working_days(d(r.from), r.n), d(r.want)) << r.from << " + " << r.n;
}

TEST(CalendarWorkingDaysBetween, CountsTheHalfOpenInterval) {
  EXPECT_EQ(real().working_days_between(d("2025-01-27"), d("2025-02-10")), 5);
  // 04-27 Sun, 04-28, 04-29, 04-30, 05-06, 05-07, 05-08, 05-09
  EXPECT_EQ(real().working_days_between(d("2025-04-25"), d("2025-05-09")), 8);
  // 02-14 Sat, 02-24, 02-25, 02-26, 02-27, 02-28 Sat
  EXPECT_EQ(real().working_days_between(d("2026-02-13"), d("2026-02-28")), 6);
  // October 2026: 22 weekdays − 5 weekday holidays (01, 02, 05, 06, 07) + 10-10 Sat = 18
  EXPECT_EQ(real().working_days_between(d("2026-09-30"), d("2026-10-31")), 18);
  // Whole years: 261 weekdays − 18 weekday holidays + 5 workdays (2025);
  // 261 − 19 + 6 (2026). Both years start on a weekday and have 52 weeks + 1 day.
  EXPECT_EQ(real().working_days_between(d("2024-12-31"), d("2025-12-31")), 248);
  EXPECT_EQ(real().working_days_between(d("2025-12-31"), d("2026-12-31")), 248);
  EXPECT_EQ(real().working_days_between(d("2025-10-01"), d("2025-10-01")), 0);
  EXPECT_EQ(real().working_days_between(d("2025-10-10"), d("2025-10-01")), 0);
}

TEST(CalendarNextWorkingDay, MovesOffRestDays) {
  EXPECT_EQ(real().next_working_day_on_or_after(d("2025-10-01")), d("2025-10-09"));
  EXPECT_EQ(real().next_working_day_on_or_after(d("2025-10-09")), d("2025-10-09"));
  EXPECT_EQ(real().next_working_day_on_or_after(d("2026-02-15")), d("2026-02-24"));
  EXPECT_EQ(real().next_working_day_on_or_after(d("2025-01-25")), d("2025-01-26"));  // Sat → Sun
  EXPECT_EQ(real().next_working_day_on_or_after(d("2026-01-01")), d("2026-01-04"));
}

TEST(CalendarNames, HolidayNameOnlyForHolidays) {
  EXPECT_EQ(real().holiday_name(d("2025-01-28")), "春节");
  EXPECT_EQ(real().holiday_name(d("2025-10-06")), "国庆节");  // 2025 combines 中秋 into 国庆
  EXPECT_EQ(real().holiday_name(d("2026-09-25")), "中秋节");
  EXPECT_EQ(real().holiday_name(d("2026-05-01")), "劳动节");
  EXPECT_EQ(real().holiday_name(d("2025-01-26")), std::nullopt);  // a workday, not a holiday
  EXPECT_EQ(real().holiday_name(d("2025-03-03")), std::nullopt);
  const auto workday = real().entry(d("2025-01-26"));
  ASSERT_TRUE(workday.has_value());
  EXPECT_EQ(workday->kind, DayKind::workday);
  EXPECT_EQ(workday->name, "春节");
}

TEST(CalendarRules, EmptyCalendarIsMondayToFriday) {
  const Calendar cal;
  EXPECT_TRUE(cal.is_working_day(d("2025-10-01")));   // Wed
  EXPECT_FALSE(cal.is_working_day(d("2025-10-04")));  // Sat
  EXPECT_EQ(cal.add_working_days(d("2025-10-03"), 1), d("2025-10-06"));
  EXPECT_EQ(cal.add_working_days(d("2025-10-06"), -1), d("2025-10-03"));
  EXPECT_FALSE(cal.covers(2025));
  EXPECT_TRUE(cal.years().empty());
}

TEST(CalendarRules, EntriesOverrideTheWeek) {
  const auto cal = Calendar::from_entries({
      {d("2030-01-05"), DayKind::workday, "test"},  // Sat → working
      {d("2030-01-02"), DayKind::holiday, "test"},  // Wed → rest
      {d("2030-01-06"), DayKind::holiday, "test"},  // Sun stays rest
  });
  EXPECT_TRUE(cal.is_working_day(d("2030-01-05")));
  EXPECT_FALSE(cal.is_working_day(d("2030-01-02")));
  EXPECT_FALSE(cal.is_working_day(d("2030-01-06")));
  EXPECT_EQ(cal.add_working_days(d("2030-01-01"), 1), d("2030-01-03"));
  EXPECT_EQ(cal.add_working_days(d("2030-01-04"), 1), d("2030-01-05"));
  EXPECT_EQ(cal.entries().front().date, d("2030-01-02"));  // sorted
  EXPECT_EQ(cal.years(), std::vector<int>{2030});
}

TEST(CalendarRules, LaterEntryForTheSameDateWins) {
  const auto cal = Calendar::from_entries({
      {d("2030-01-02"), DayKind::holiday, "first"},
      {d("2030-01-02"), DayKind::workday, "second"},
  });
  ASSERT_EQ(cal.entries().size(), 1U);
  EXPECT_EQ(cal.entries()[0].name, "second");
}

TEST(CalendarCsv, AcceptsAMinimalFile) {
  const auto cal = Calendar::from_csv("date,kind,name\r\n2030-01-02,holiday,元旦\r\n");
  ASSERT_TRUE(cal.has_value());
  EXPECT_EQ(cal->holiday_name(d("2030-01-02")), "元旦");
}

TEST(CalendarCsv, ReportsEveryBadRowByLine) {
  const std::string text =
      "date,kind,name\n"
      "2030-01-02,holiday,元旦\n"   // line 2: fine
      "2030-02-30,holiday,春节\n"   // line 3: no such date
      "2030-03-01,vacation,春节\n"  // line 4: unknown kind
      "2030-01-02,holiday,元旦\n"   // line 5: duplicate of line 2
      "2030-01-07,workday,春节\n"   // line 6: a Monday cannot be 调休上班
      "2030-01-12,workday,\n";      // line 7: Sat, but no name
  const auto cal = Calendar::from_csv(text);
  ASSERT_FALSE(cal.has_value());
  EXPECT_EQ(cal.error().kind, ErrorKind::validation_failed);
  EXPECT_EQ(cal.error().details, (std::vector<FieldProblem>{{"line 3", "invalid_date"},
                                                            {"line 4", "invalid_kind"},
                                                            {"line 5", "duplicate_date"},
                                                            {"line 6", "workday_not_weekend"},
                                                            {"line 7", "missing_name"}}));
}

TEST(CalendarCsv, RejectsWrongHeaderAndFieldCount) {
  const auto header = Calendar::from_csv("day,kind,name\n2030-01-02,holiday,元旦\n");
  ASSERT_FALSE(header.has_value());
  EXPECT_EQ(header.error().details, (std::vector<FieldProblem>{{"header", "wrong_header"}}));

  const auto count = Calendar::from_csv("date,kind,name\n2030-01-02,holiday\n");
  ASSERT_FALSE(count.has_value());
  EXPECT_EQ(count.error().details, (std::vector<FieldProblem>{{"line 2", "wrong_field_count"}}));
}

}  // namespace
}  // namespace skillreg
