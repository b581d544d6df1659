// The statistics of result authenticity (S18), the star rating (S13) and the score's JSON.
#include <gtest/gtest.h>

#include "domain/monitoring/rating.hpp"
#include "domain/monitoring/scoring.hpp"
#include "domain/monitoring/statistics.hpp"

namespace skillreg {
namespace {

TEST(MonitoringStatistics, MedianOfOddAndEvenCounts) {
  EXPECT_EQ(median_of({3, 1, 2}), 2);
  EXPECT_EQ(median_of({4, 1, 3, 2}), 2.5);
  EXPECT_FALSE(median_of({}).has_value());
}

TEST(MonitoringStatistics, MadIgnoresOneWildValue) {
  // A single 0% plan barely moves the median and the MAD, where it would inflate a standard deviation.
  EXPECT_NEAR(*mad_of({0.70, 0.72, 0.68, 0.71, 0.69, 0.0}), 0.015, 1e-12);
}

TEST(MonitoringStatistics, RobustZ) {
  EXPECT_NEAR(*robust_z(1.0, 0.7, 0.02), 10.1175, 1e-9);
  EXPECT_NEAR(*robust_z(0.6, 0.7, 0.02), -3.3725, 1e-9);
  EXPECT_FALSE(robust_z(1.0, 0.7, 0).has_value());
}

TEST(MonitoringStatistics, BandSharesAreHalfOpen) {
  const BandShares s = band_shares({57, 59.9, 60, 62.9, 63, 65.9, 66, 40}, 60, 3);
  EXPECT_DOUBLE_EQ(s.below, 2.0 / 8);
  EXPECT_DOUBLE_EQ(s.in_band, 2.0 / 8);
  EXPECT_DOUBLE_EQ(s.above, 2.0 / 8);
  EXPECT_DOUBLE_EQ(s.expected(), 2.0 / 8);
}

TEST(MonitoringStatistics, IdenticalGroupsInOrder) {
  const auto g = identical_groups({{1, 2}, {3, 4}, {1, 2}, {3, 4}, {1, 2}, {3, 4}, {5, 6}}, 3);
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[0], (std::vector<std::size_t>{0, 2, 4}));
  EXPECT_EQ(g[1], (std::vector<std::size_t>{1, 3, 5}));
}

TEST(StarRating, ThresholdsGiveOneToFiveStars) {
  const MonitoringPolicy p;
  EXPECT_EQ(rating_of(59.9, {}, p).stars, 1);
  EXPECT_EQ(rating_of(60, {}, p).stars, 2);
  EXPECT_EQ(rating_of(75, {}, p).stars, 3);
  EXPECT_EQ(rating_of(80, {}, p).stars, 4);
  EXPECT_EQ(rating_of(100, {}, p).stars, 5);
}

TEST(StarRating, S19InterviewCapsAtThreeAndS20NoticeAtOne) {
  const MonitoringPolicy p;
  const StarRating interviewed = rating_of(95, {.s19_interviews = 1, .s20_notices = 0}, p);
  EXPECT_EQ(interviewed.stars, 3);
  EXPECT_EQ(interviewed.score_stars, 5);
  EXPECT_EQ(interviewed.explanation, "mean score 95.0 gives 5 stars; S19 interview within 12 months caps at 3");
  EXPECT_EQ(rating_of(95, {.s19_interviews = 1, .s20_notices = 1}, p).stars, 1);
  EXPECT_EQ(rating_of(65, {.s19_interviews = 1, .s20_notices = 0}, p).stars, 2);  // below the cap anyway
}

TEST(StarRating, S8_S13_CreditStandingCapsTheStars) {
  const MonitoringPolicy p;
  const StarRating key = rating_of(95, {.standing_cap_stars = 2, .standing = "key"}, p);
  EXPECT_EQ(key.stars, 2);
  EXPECT_EQ(key.explanation, "mean score 95.0 gives 5 stars; credit standing key caps at 2");
  EXPECT_EQ(rating_of(95, {.standing_cap_stars = 4, .standing = "watch"}, p).stars, 4);
  EXPECT_EQ(rating_of(65, {.standing_cap_stars = 4, .standing = "watch"}, p).stars, 2);  // below the cap anyway
}

TEST(PlanScoreJson, CarriesTheFixedNames) {
  PlanFacts f;
  f.plan_id = 9;
  f.publication_lead_days = 3;
  MonitoringPolicy p;
  p.version = 4;
  const auto j = to_json(score_plan(f, p, IndicatorTable::standard()));
  EXPECT_EQ(j.at("policy_version"), 4);
  EXPECT_EQ(j.at("plan_validity"), 80);
  EXPECT_EQ(j.at("traceability"), 100);
  EXPECT_EQ(j.at("overall"), 96.67);
  ASSERT_EQ(j.at("deductions").size(), 1u);
  EXPECT_EQ(j.at("deductions")[0].at("indicator"), "late_publication");
  EXPECT_EQ(j.at("deductions")[0].at("article"), "S19(1)");
  EXPECT_EQ(j.at("deductions")[0].at("records"), nlohmann::json::array({"plan:9"}));
}

TEST(PlanScore, DimensionNeverBelowZero) {
  PlanFacts f;
  f.out_of_scope = true;
  f.publication_lead_days = 0;
  f.cancelled_days_before = 0;
  const PlanScore s = score_plan(f, MonitoringPolicy{}, IndicatorTable::standard());
  EXPECT_EQ(s.dimension(Dimension::plan_validity), 0);
  EXPECT_TRUE(s.critical);
}

}  // namespace
}  // namespace skillreg
