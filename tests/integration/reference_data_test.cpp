// Reference data served from the real server: regions, occupations, levels, calendar, health.
#include "support/fixture.hpp"

namespace skillreg::test {

class ReferenceData : public ServerTest {};

TEST_P(ReferenceData, HealthNamesTheBackend) {
  auto r = anonymous().get("/api/v1/health");
  ASSERT_EQ(r.status, 200);
  auto j = r.json();
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["database"], std::string(to_string(GetParam())));
  EXPECT_FALSE(j["version"].get<std::string>().empty());
}

TEST_P(ReferenceData, RegionsHoldTheProvinceElevenCitiesAndNinetyCounties) {
  auto j = anonymous().get("/api/v1/regions").json();
  EXPECT_EQ(j["total"], 102);
  auto cities = anonymous().get("/api/v1/regions?level=city").json();
  EXPECT_EQ(cities["total"], 11);
  auto counties = anonymous().get("/api/v1/regions?level=county").json();
  EXPECT_EQ(counties["total"], 90);
  auto hangzhou = anonymous().get("/api/v1/regions?parent=330100").json();
  bool has_xihu = false;
  for (const auto& r : hangzhou["items"]) has_xihu |= r["code"] == "330106" && r["name"] == "西湖区";
  EXPECT_TRUE(has_xihu);
}

TEST_P(ReferenceData, OccupationsSearchByNameAndCodeAndPage) {
  auto c = anonymous();
  auto by_name = c.get("/api/v1/occupations?q=%E7%84%8A%E5%B7%A5").json();  // 焊工
  ASSERT_GE(by_name["total"].get<int>(), 1);
  bool welder = false;
  for (const auto& o : by_name["items"]) welder |= o["code"] == "6-18-02-04" && o["in_catalog"] == true;
  EXPECT_TRUE(welder);

  auto by_code = c.get("/api/v1/occupations?q=6-18-02&page_size=5").json();
  EXPECT_LE(by_code["items"].size(), 5u);
  EXPECT_GE(by_code["total"].get<int>(), 5);
  for (const auto& o : by_code["items"]) EXPECT_TRUE(o["code"].get<std::string>().starts_with("6-18-02"));

  auto all = c.get("/api/v1/occupations?page_size=200&page=6").json();
  EXPECT_EQ(all["total"], 1061);
  EXPECT_EQ(all["page"], 6);
  EXPECT_EQ(all["items"].size(), 1061u - 5 * 200);

  auto catalog = c.get("/api/v1/occupations?in_catalog=true&page_size=200").json();
  EXPECT_EQ(catalog["total"], 16);
}

TEST_P(ReferenceData, OccupationSearchTreatsWildcardsLiterally) {
  auto j = anonymous().get("/api/v1/occupations?q=%25").json();  // "%"
  EXPECT_EQ(j["total"], 0);
}

TEST_P(ReferenceData, LevelsRunLowToHigh) {
  auto j = anonymous().get("/api/v1/levels").json();
  ASSERT_EQ(j["items"].size(), 8u);
  EXPECT_EQ(j["items"][0]["code"], "XT");
  EXPECT_EQ(j["items"][1]["code"], "5");
  EXPECT_EQ(j["items"][1]["alias"], "五级");
  EXPECT_EQ(j["items"][7]["code"], "SX");
}

TEST_P(ReferenceData, CalendarServesHolidaysAndWorkingDayArithmetic) {
  auto c = anonymous();
  auto y2026 = c.get("/api/v1/calendar?year=2026").json();
  EXPECT_EQ(y2026["total"], 39);
  auto years = y2026["years"];
  EXPECT_EQ(years, nlohmann::json({2024, 2025, 2026}));
  // 2025-09-30 (Tue) + 5 working days: 10-01..10-08 are the National Day holidays, 10-11 (Sat)
  // is an adjusted working day: 10-09, 10-10, 10-11, 10-13, 10-14.
  auto wd = c.get("/api/v1/calendar/working-days?from=2025-09-30&n=5").json();
  EXPECT_EQ(wd["date"], "2025-10-14");
  EXPECT_EQ(wd["calendar_covers"], true);
  auto beyond = c.get("/api/v1/calendar/working-days?from=2027-03-01&n=1").json();
  EXPECT_EQ(beyond["calendar_covers"], false);
  EXPECT_TRUE(beyond.contains("warning"));
}

TEST_P(ReferenceData, BadReferenceQueriesAre400) {
  auto c = anonymous();
  EXPECT_EQ(c.get("/api/v1/occupations?page_size=201").status, 400);
  EXPECT_EQ(c.get("/api/v1/occupations?page=0").status, 400);
  EXPECT_EQ(c.get("/api/v1/occupations?in_catalog=maybe").status, 400);
  EXPECT_EQ(c.get("/api/v1/occupations?nonsense=1").status, 400);
  EXPECT_EQ(c.get("/api/v1/regions?level=planet").status, 400);
  EXPECT_EQ(c.get("/api/v1/calendar/working-days?from=2025-02-30&n=1").status, 400);
  auto r = c.get("/api/v1/calendar?year=20x6");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"]["code"], "bad_request");
  EXPECT_EQ(r.json()["error"]["details"][0]["field"], "year");
}

SKILLREG_ON_BOTH_BACKENDS(ReferenceData);

}  // namespace skillreg::test
