// LiveCalendar (issue 10 §1): the calendar is replaced while other threads compute deadlines on it.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "app/calendar_service.hpp"
#include "app/live_calendar.hpp"

namespace skillreg {

namespace {

Date d(const char* s) { return *Date::parse(s); }

Calendar with_national_day(bool holiday) {
  std::vector<CalendarEntry> e{{d("2027-01-01"), DayKind::holiday, "元旦"}};
  if (holiday)
    for (int day = 1; day <= 7; ++day) e.push_back({Date{2027, 10, day}, DayKind::holiday, "国庆节"});
  return Calendar::from_entries(e);
}

}  // namespace

TEST(LiveCalendar, ReplaceSwapsWholeCalendarsWhileReadersKeepTheirSnapshot) {
  LiveCalendar live(with_national_day(false));
  const auto before = live.snapshot();
  EXPECT_EQ(live.add_working_days(d("2027-09-30"), 1), d("2027-10-01"));
  EXPECT_TRUE(live.replace(with_national_day(true)));
  EXPECT_FALSE(live.replace(with_national_day(true))) << "the same entries are not a change";
  EXPECT_EQ(live.version(), 1u);
  EXPECT_EQ(live.add_working_days(d("2027-09-30"), 1), d("2027-10-08"));
  EXPECT_EQ(before->add_working_days(d("2027-09-30"), 1), d("2027-10-01")) << "an old snapshot stays valid";
}

TEST(LiveCalendar, ConcurrentReadersAlwaysSeeOneOfTheCalendars) {
  LiveCalendar live(with_national_day(false));
  std::atomic<bool> stop{false};
  std::atomic<int> bad{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i)
    readers.emplace_back([&] {
      while (!stop) {
        const Date r = live.add_working_days(d("2027-09-30"), 1);
        if (r != d("2027-10-01") && r != d("2027-10-08")) ++bad;
      }
    });
  for (int i = 0; i < 200; ++i) live.replace(with_national_day(i % 2 == 0));
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(bad, 0);
}

TEST(CalendarEntries, EveryBadEntryIsNamedWithTheRuleOfTheShippedFile) {
  auto r = check_calendar_entries(2027, {{"2027-01-01", "holiday", "元旦"},
                                         {"2027-02-30", "holiday", "春节"},
                                         {"2027-02-08", "rest", "春节"},
                                         {"2027-02-09", "holiday", ""},
                                         {"2027-02-15", "workday", "春节"},
                                         {"2027-01-01", "holiday", "元旦"},
                                         {"2026-12-31", "holiday", "元旦"}});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().details, (std::vector<FieldProblem>{{"entries[1]", "invalid_date"},
                                                          {"entries[2]", "invalid_kind"},
                                                          {"entries[3]", "missing_name"},
                                                          {"entries[4]", "workday_not_weekend"},
                                                          {"entries[5]", "duplicate_date"},
                                                          {"entries[6]", "outside_year"}}));
  auto ok = check_calendar_entries(2027, {{"2027-10-09", "workday", "国庆节"}, {"2027-10-01", "holiday", "国庆\"节"}});
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->size(), 2u);
  EXPECT_EQ((*ok)[0].name, "国庆\"节");
}

}  // namespace skillreg
