#include "core/date.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace skillreg {
namespace {

TEST(DateParse, AcceptsRealDates) {
  struct Row {
    const char* text;
    Date want;
  };
  const std::vector<Row> rows{
      {"2026-03-01", {2026, 3, 1}},   {"2024-02-29", {2024, 2, 29}},
      {"2000-02-29", {2000, 2, 29}},  // divisible by 400: leap
      {"1900-01-01", {1900, 1, 1}},   {"2200-12-31", {2200, 12, 31}},
      {"2025-12-31", {2025, 12, 31}}, {"2026-04-30", {2026, 4, 30}},
  };
  for (const auto& r : rows) {
    const auto d = Date::parse(r.text);
    ASSERT_TRUE(d.has_value()) << r.text;
    EXPECT_EQ(*d, r.want) << r.text;
    EXPECT_EQ(d->to_string(), r.text);
  }
}

TEST(DateParse, RejectsEverythingElse) {
  const std::vector<std::string> rows{"",
                                      "2026-3-1",
                                      "2026-03-1",
                                      "2026/03/01",
                                      "20260301",
                                      "2025-02-29",  // 2025 is not a leap year
                                      "1900-02-29",  // divisible by 100, not by 400
                                      "2100-02-29",
                                      "2026-13-01",
                                      "2026-00-10",
                                      "2026-01-00",
                                      "2026-04-31",
                                      "1899-12-31",  // before the supported range
                                      "2201-01-01",  // after it
                                      "+026-03-01",
                                      "-026-03-01",
                                      " 2026-03-01",
                                      "2026-03-01 ",
                                      "2026-03-0a",
                                      "2026-03-01T00:00:00",
                                      "2026-03-+1",
                                      "２０２６-03-01"};
  for (const auto& text : rows) EXPECT_FALSE(Date::parse(text).has_value()) << text;
}

TEST(Date, ToStringPadsWithZeros) {
  EXPECT_EQ((Date{2026, 3, 1}).to_string(), "2026-03-01");
  EXPECT_EQ((Date{5, 1, 9}).to_string(), "0005-01-09");
}

TEST(Date, IsValid) {
  EXPECT_TRUE((Date{2024, 2, 29}).is_valid());
  EXPECT_FALSE((Date{2025, 2, 29}).is_valid());
  EXPECT_FALSE((Date{2025, 0, 1}).is_valid());
  EXPECT_FALSE((Date{2025, 1, 32}).is_valid());
  EXPECT_FALSE((Date{100000, 1, 1}).is_valid());
}

TEST(Date, IsoWeekday) {
  struct Row {
    Date d;
    int want;
  };
  // Checked against a printed calendar.
  const std::vector<Row> rows{
      {{2025, 1, 27}, 1}, {{2025, 1, 28}, 2}, {{2025, 10, 1}, 3}, {{2026, 1, 1}, 4},
      {{2026, 2, 13}, 5}, {{2025, 2, 8}, 6},  {{2026, 2, 14}, 6}, {{2025, 1, 26}, 7},
      {{2024, 2, 29}, 4}, {{2000, 1, 1}, 6},  {{1970, 1, 1}, 4},
  };
  for (const auto& r : rows) EXPECT_EQ(r.d.weekday(), r.want) << r.d.to_string();
}

TEST(Date, AddDaysCrossesMonthsYearsAndLeapDays) {
  EXPECT_EQ((Date{2025, 12, 31}).add_days(1), (Date{2026, 1, 1}));
  EXPECT_EQ((Date{2024, 2, 28}).add_days(1), (Date{2024, 2, 29}));
  EXPECT_EQ((Date{2025, 2, 28}).add_days(1), (Date{2025, 3, 1}));
  EXPECT_EQ((Date{2026, 3, 1}).add_days(-1), (Date{2026, 2, 28}));
  EXPECT_EQ((Date{2026, 1, 1}).add_days(-1), (Date{2025, 12, 31}));
  EXPECT_EQ((Date{2026, 1, 1}).add_days(0), (Date{2026, 1, 1}));
  EXPECT_EQ((Date{2025, 1, 1}).add_days(365), (Date{2026, 1, 1}));
  EXPECT_EQ((Date{2024, 1, 1}).add_days(366), (Date{2025, 1, 1}));
}

TEST(Date, DaysUntilIsSigned) {
  EXPECT_EQ((Date{2025, 12, 31}).days_until({2026, 1, 1}), 1);
  EXPECT_EQ((Date{2026, 1, 1}).days_until({2025, 12, 31}), -1);
  EXPECT_EQ((Date{2024, 1, 1}).days_until({2025, 1, 1}), 366);
  EXPECT_EQ((Date{2026, 3, 1}).days_until({2026, 3, 1}), 0);
  EXPECT_EQ((Date{2026, 2, 1}).days_until({2026, 3, 1}), 28);
}

TEST(Date, AddMonthsClampsToMonthEnd) {
  struct Row {
    Date from;
    int n;
    Date want;
  };
  const std::vector<Row> rows{
      {{2026, 1, 31}, 1, {2026, 2, 28}},  {{2024, 1, 31}, 1, {2024, 2, 29}},
      {{2026, 3, 31}, -1, {2026, 2, 28}}, {{2026, 5, 31}, 1, {2026, 6, 30}},
      {{2026, 11, 15}, 3, {2027, 2, 15}}, {{2026, 1, 15}, -13, {2024, 12, 15}},
      {{2026, 8, 31}, 0, {2026, 8, 31}},  {{2025, 12, 31}, 2, {2026, 2, 28}},
      {{2026, 3, 15}, 36, {2029, 3, 15}}, {{2023, 2, 28}, 12, {2024, 2, 28}},
  };
  for (const auto& r : rows)
    EXPECT_EQ(r.from.add_months(r.n), r.want) << r.from.to_string() << " + " << r.n;
}

TEST(Date, AddYearsClampsLeapDay) {
  EXPECT_EQ((Date{2024, 2, 29}).add_years(1), (Date{2025, 2, 28}));
  EXPECT_EQ((Date{2024, 2, 29}).add_years(4), (Date{2028, 2, 29}));
  EXPECT_EQ((Date{2024, 2, 29}).add_years(-4), (Date{2020, 2, 29}));
  EXPECT_EQ((Date{2026, 6, 30}).add_years(3), (Date{2029, 6, 30}));
  EXPECT_EQ((Date{2026, 6, 30}).add_years(-1), (Date{2025, 6, 30}));
}

TEST(Date, OrdersChronologically) {
  std::vector<Date> dates{{2026, 1, 1}, {2025, 12, 31}, {2025, 2, 1}, {2025, 1, 31}};
  std::ranges::sort(dates);
  EXPECT_EQ(dates, (std::vector<Date>{{2025, 1, 31}, {2025, 2, 1}, {2025, 12, 31}, {2026, 1, 1}}));
  EXPECT_LT((Date{2025, 12, 31}), (Date{2026, 1, 1}));
  EXPECT_NE((Date{2025, 1, 1}), (Date{2025, 1, 2}));
}

TEST(Date, SysDaysRoundTrip) {
  const Date d{2026, 2, 14};
  EXPECT_EQ(Date::from_sys_days(d.to_sys_days()), d);
  EXPECT_EQ(Date::from_sys_days(std::chrono::sys_days{}), (Date{1970, 1, 1}));
}

}  // namespace
}  // namespace skillreg
