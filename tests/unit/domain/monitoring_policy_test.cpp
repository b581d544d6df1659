// The monitoring policy as a versioned JSON record (S13, S14) and the indicator table's CSV.
#include <gtest/gtest.h>

#include <algorithm>

#include "domain/monitoring/indicators.hpp"
#include "domain/monitoring/policy.hpp"

namespace skillreg {
namespace {

using Json = nlohmann::json;

bool has_problem(const Error& e, const std::string& field, const std::string& problem) {
  return std::ranges::find(e.details, FieldProblem{field, problem}) != e.details.end();
}

TEST(MonitoringPolicy, DefaultsRoundTrip) {
  const MonitoringPolicy defaults;
  const auto back = policy_from_json(to_json(defaults));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, defaults);
}

TEST(MonitoringPolicy, EditedPolicyRoundTripsThroughText) {
  MonitoringPolicy p;
  p.version = 7;
  p.weights = {0.3, 0.2, 0.1, 0.1, 0.2, 0.1};
  p.publish_days_before = 10;
  p.pass_rate_z_threshold = 3;
  p.star_thresholds = {50, 65, 80, 95};
  p.indicators["late_publication"] = {4, 20};
  const auto back = policy_from_json(Json::parse(to_json(p).dump()));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, p);
  EXPECT_EQ(back->points_of(*IndicatorTable::standard().find("late_publication")).max_deduction, 20);
}

TEST(MonitoringPolicy, MissingFieldsKeepTheirDefaults) {
  const auto p = policy_from_json(Json{{"version", 2}, {"min_session_minutes", 90}});
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->version, 2);
  EXPECT_EQ(p->min_session_minutes, 90);
  EXPECT_EQ(p->publish_days_before, 7);
  EXPECT_EQ(p->certificate_report_days, 30);
}

TEST(MonitoringPolicy, EveryDefaultIsWrittenOut) {
  const Json j = to_json(MonitoringPolicy{});
  EXPECT_EQ(j.at("version"), 1);
  EXPECT_EQ(j.at("candidates_per_examiner"), 15);
  EXPECT_EQ(j.at("min_practical_panel"), 3);
  EXPECT_DOUBLE_EQ(j.at("sampling_share").get<double>(), 0.2);
  EXPECT_EQ(j.at("weights").size(), 6u);
  EXPECT_TRUE(j.at("indicators").empty());
}

TEST(MonitoringPolicy, RefusesUnknownKeys) {
  const auto p = policy_from_json(Json{{"version", 2}, {"publish_days", 7}});
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().kind, ErrorKind::validation_failed);
  EXPECT_TRUE(has_problem(p.error(), "publish_days", "unknown_field"));
}

TEST(MonitoringPolicy, RefusesOutOfRangeAndWrongTypes) {
  const auto p = policy_from_json(Json{{"version", 0},
                                       {"publish_days_before", -1},
                                       {"video_coverage_min", 1.5},
                                       {"head_count_tolerance", "0.2"},
                                       {"rotation_limit", 2.5}});
  ASSERT_FALSE(p.has_value());
  const Error& e = p.error();
  EXPECT_TRUE(has_problem(e, "version", "out_of_range"));
  EXPECT_TRUE(has_problem(e, "publish_days_before", "out_of_range"));
  EXPECT_TRUE(has_problem(e, "video_coverage_min", "out_of_range"));
  EXPECT_TRUE(has_problem(e, "head_count_tolerance", "must_be_number"));
  EXPECT_TRUE(has_problem(e, "rotation_limit", "must_be_integer"));
  EXPECT_EQ(e.details.size(), 5u);
}

TEST(MonitoringPolicy, RefusesWeightsThatDoNotAddUp) {
  Json weights = to_json(MonitoringPolicy{}).at("weights");
  weights["traceability"] = 0.5;
  const auto p = policy_from_json(Json{{"weights", weights}});
  ASSERT_FALSE(p.has_value());
  EXPECT_TRUE(has_problem(p.error(), "weights", "weights_must_sum_to_1"));
}

TEST(MonitoringPolicy, AcceptsWeightsRoundedToThreeDecimals) {
  Json weights;
  for (const char* key : {"plan_validity", "qualification_accuracy", "question_usage",
                          "personnel_compliance", "result_authenticity", "traceability"})
    weights[key] = 0.1667;
  EXPECT_TRUE(policy_from_json(Json{{"weights", weights}}).has_value());
}

TEST(MonitoringPolicy, RefusesMissingAndUnknownDimensions) {
  const auto p = policy_from_json(Json{{"weights", {{"plan_validity", 0.5}, {"speed", 0.5}}}});
  ASSERT_FALSE(p.has_value());
  EXPECT_TRUE(has_problem(p.error(), "weights.speed", "unknown_field"));
  EXPECT_TRUE(has_problem(p.error(), "weights.traceability", "required"));
  EXPECT_FALSE(has_problem(p.error(), "weights.plan_validity", "unknown_field"));
}

TEST(MonitoringPolicy, RefusesNegativeWeight) {
  Json weights = to_json(MonitoringPolicy{}).at("weights");
  weights["plan_validity"] = -0.1;
  const auto p = policy_from_json(Json{{"weights", weights}});
  ASSERT_FALSE(p.has_value());
  EXPECT_TRUE(has_problem(p.error(), "weights.plan_validity", "out_of_range"));
}

TEST(MonitoringPolicy, RefusesUnknownIndicatorsAndBadPoints) {
  const auto p = policy_from_json(
      Json{{"indicators",
            {{"telepathy", {{"deduction_per_case", 1}, {"max_deduction", 2}}},
             {"rotation", {{"deduction_per_case", 10}, {"max_deduction", 5}}},
             {"avoidance", {{"deduction_per_case", 10}}},
             {"paper_reused", {{"deduction_per_case", 10}, {"max_deduction", 50}, {"weight", 1}}}}}});
  ASSERT_FALSE(p.has_value());
  const Error& e = p.error();
  EXPECT_TRUE(has_problem(e, "indicators.telepathy", "unknown_indicator"));
  EXPECT_TRUE(has_problem(e, "indicators.rotation", "max_below_per_case"));
  EXPECT_TRUE(has_problem(e, "indicators.avoidance.max_deduction", "required"));
  EXPECT_TRUE(has_problem(e, "indicators.paper_reused.weight", "unknown_field"));
}

TEST(MonitoringPolicy, RefusesStarThresholdsOutOfOrder) {
  const auto p = policy_from_json(Json{{"star_thresholds", {60, 80, 70, 90}}});
  ASSERT_FALSE(p.has_value());
  EXPECT_TRUE(has_problem(p.error(), "star_thresholds", "not_increasing"));
  const auto q = policy_from_json(Json{{"star_thresholds", {60, 70}}});
  ASSERT_FALSE(q.has_value());
  EXPECT_TRUE(has_problem(q.error(), "star_thresholds", "must_be_array"));
}

TEST(MonitoringPolicy, RefusesANoticeCapAboveTheInterviewCap) {
  const auto p = policy_from_json(Json{{"interview_cap_stars", 2}, {"notice_cap_stars", 3}});
  ASSERT_FALSE(p.has_value());
  EXPECT_TRUE(has_problem(p.error(), "notice_cap_stars", "out_of_range"));
}

TEST(MonitoringPolicy, RefusesANonObject) {
  const auto p = policy_from_json(Json::array({1, 2}));
  ASSERT_FALSE(p.has_value());
  EXPECT_TRUE(has_problem(p.error(), "policy", "must_be_object"));
}

// ---- the indicator table ----

constexpr const char* kHeader = "key,dimension,article,deduction_per_case,max_deduction,critical,text_zh,text_en\n";

TEST(IndicatorTable, StandardTableCoversEveryDimension) {
  const auto& table = IndicatorTable::standard();
  EXPECT_GE(table.indicators().size(), 25u);
  for (Dimension d : kDimensions)
    EXPECT_TRUE(std::ranges::any_of(table.indicators(), [&](const Indicator& i) { return i.dimension == d; }))
        << to_string(d);
  const Indicator* late = table.find("late_publication");
  ASSERT_NE(late, nullptr);
  EXPECT_EQ(late->article, "S19(1)");
  EXPECT_EQ(late->dimension, Dimension::plan_validity);
  EXPECT_TRUE(table.find("out_of_scope")->critical);
  EXPECT_EQ(table.find("nothing"), nullptr);
}

TEST(IndicatorTable, ParsesAGoodRow) {
  const auto t = IndicatorTable::parse(std::string(kHeader) + "x_1,traceability,S19(11),2.5,10,yes,中,en\n");
  ASSERT_TRUE(t.has_value());
  ASSERT_EQ(t->indicators().size(), 1u);
  EXPECT_DOUBLE_EQ(t->indicators()[0].deduction_per_case, 2.5);
  EXPECT_TRUE(t->indicators()[0].critical);
}

TEST(IndicatorTable, ReportsEveryBadLineWithItsNumber) {
  const std::string csv = std::string(kHeader) +
                          "ok,plan_validity,S19(1),5,30,,中,en\n"
                          "ok,plan_validity,S19(1),5,30,,中,en\n"              // line 3
                          "Bad-Key,speed,19(1),-5,300,no,,\n"                   // line 4
                          "low_max,question_usage,M18,10,5,,中,en\n"            // line 5
                          "zero,question_usage,S19(01),0,5,,中,en\n";           // line 6
  const auto t = IndicatorTable::parse(csv);
  ASSERT_FALSE(t.has_value());
  const Error& e = t.error();
  EXPECT_EQ(e.kind, ErrorKind::validation_failed);
  EXPECT_TRUE(has_problem(e, "line 3", "duplicate_key"));
  for (const char* problem : {"invalid_key", "invalid_dimension", "invalid_article", "invalid_deduction_per_case",
                              "invalid_max_deduction", "invalid_critical", "missing_text_zh", "missing_text_en"})
    EXPECT_TRUE(has_problem(e, "line 4", problem)) << problem;
  EXPECT_TRUE(has_problem(e, "line 5", "invalid_max_deduction"));
  EXPECT_TRUE(has_problem(e, "line 6", "invalid_article"));
  EXPECT_TRUE(has_problem(e, "line 6", "invalid_deduction_per_case"));
  EXPECT_FALSE(has_problem(e, "line 2", "duplicate_key"));
}

TEST(IndicatorTable, RefusesWrongHeaderFieldCountAndEmptyTable) {
  EXPECT_TRUE(has_problem(IndicatorTable::parse("key,dimension\nx,y\n").error(), "header", "wrong_header"));
  EXPECT_TRUE(
      has_problem(IndicatorTable::parse(std::string(kHeader) + "x,plan_validity\n").error(), "line 2", "wrong_field_count"));
  EXPECT_TRUE(has_problem(IndicatorTable::parse(kHeader).error(), "table", "empty"));
}

TEST(IndicatorTable, RefusesPointsWithThreeDecimalsOrSpaces) {
  const auto t = IndicatorTable::parse(std::string(kHeader) + "a,traceability,S19(11),2.125, 10,,中,en\n");
  ASSERT_FALSE(t.has_value());
  EXPECT_TRUE(has_problem(t.error(), "line 2", "invalid_deduction_per_case"));
  EXPECT_TRUE(has_problem(t.error(), "line 2", "invalid_max_deduction"));
}

}  // namespace
}  // namespace skillreg
