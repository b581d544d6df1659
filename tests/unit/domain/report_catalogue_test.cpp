// The report catalogue and its pure helpers (issue 10 §3): the fixed names of API.md, totals,
// percentages and the monitoring score bands (S14).
#include "domain/reports/report.hpp"

#include <gtest/gtest.h>

#include <set>

namespace skillreg {
namespace {

TEST(ReportCatalogue, HasTheFixedNamesWithUniqueColumns) {
  std::vector<std::string> names;
  for (const auto& d : report_catalogue()) {
    names.push_back(d.name);
    std::set<std::string> keys;
    for (const auto& c : d.columns) {
      EXPECT_TRUE(keys.insert(c.key).second) << d.name << " repeats " << c.key;
      EXPECT_FALSE(c.zh.empty());
      EXPECT_FALSE(c.en.empty());
    }
  }
  EXPECT_EQ(names, (std::vector<std::string>{"institutions", "activity", "monitoring", "supervision", "sanctions", "ratings"}));
  EXPECT_EQ(find_report("nope"), nullptr);
}

TEST(ReportCatalogue, TotalsSumTheSummedColumnsOfTheCountedSection) {
  const auto* d = find_report("monitoring");
  ASSERT_NE(d, nullptr);
  const std::vector<ReportRow> rows{
      {std::string("band"), std::string(""), std::string("0-59"), std::string(""), std::string(""), std::int64_t{2}, std::int64_t{40}, std::int64_t{1}},
      {std::string("band"), std::string(""), std::string("90-100"), std::string(""), std::string(""), std::int64_t{3}, std::int64_t{60}, std::int64_t{0}},
      {std::string("indicator"), std::string(""), std::string("x"), std::string(""), std::string(""), std::int64_t{2}, std::int64_t{40}, std::int64_t{1}},
  };
  const auto totals = summed_totals(*d, rows);
  EXPECT_EQ(std::get<std::int64_t>(totals.at("plans")), 5);
  EXPECT_EQ(std::get<std::int64_t>(totals.at("candidates")), 100);
  EXPECT_EQ(std::get<std::int64_t>(totals.at("critical")), 1);
  EXPECT_FALSE(totals.contains("item"));
}

TEST(ReportCatalogue, PercentagesHaveOneDecimalAndNoneOfNothing) {
  EXPECT_EQ(percent_of(2, 3), 66.7);
  EXPECT_EQ(percent_of(1, 8), 12.5);
  EXPECT_EQ(percent_of(5, 5), 100.0);
  EXPECT_FALSE(percent_of(0, 0).has_value());
}

TEST(ReportCatalogue, S14_ScoreBandsCoverEveryScore) {
  EXPECT_EQ(score_bands()[band_of(-5)].key, "0-59");
  EXPECT_EQ(score_bands()[band_of(59.99)].key, "0-59");
  EXPECT_EQ(score_bands()[band_of(60)].key, "60-69");
  EXPECT_EQ(score_bands()[band_of(89.5)].key, "80-89");
  EXPECT_EQ(score_bands()[band_of(90)].key, "90-100");
  EXPECT_EQ(score_bands()[band_of(100)].key, "90-100");
}

TEST(ReportCatalogue, LabelsFallBackToTheValue) {
  EXPECT_EQ(label_zh("institution_kind", "employer"), "用人单位");
  EXPECT_EQ(label_zh("measure", "interview"), "约谈");
  EXPECT_EQ(label_zh("measure", "unknown"), "unknown");
  EXPECT_EQ(label_zh("nope", "x"), "x");
}

}  // namespace
}  // namespace skillreg
