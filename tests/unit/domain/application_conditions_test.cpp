// The table of application conditions 申报条件 (S19(2) 资格审核): strict parsing with line numbers,
// the embedded national table, and the education order. The evaluator's outcomes are in
// tests/cases/activity_conditions.case.
#include "domain/activity/application_conditions.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/embedded.hpp"

namespace skillreg {
namespace {

const std::string kHeader =
    "route,level,min_years_total,prior_level,min_years_since_prior,education,apprenticeship,"
    "text_zh,text_en\n";

std::vector<FieldProblem> problems_of(const std::string& rows) {
  auto parsed = ConditionTable::parse(kHeader + rows);
  EXPECT_FALSE(parsed.has_value()) << rows;
  if (parsed) return {};
  EXPECT_EQ(parsed.error().kind, ErrorKind::validation_failed);
  return parsed.error().details;
}

TEST(ConditionTableParse, AcceptsAMinimalTable) {
  auto parsed = ConditionTable::parse(kHeader +
                                      "A,4,,5,4,,,甲,a\n"
                                      "B,4,6,,,,,乙,b\n"
                                      "C,4,,,,technical_school,,丙,c\n"
                                      "D,5,,,,,yes,丁,d\n");
  ASSERT_TRUE(parsed.has_value());
  const auto four = parsed->routes_for(4);
  ASSERT_EQ(four.size(), 3U);
  EXPECT_EQ(four[0]->route, "A");
  EXPECT_EQ(four[0]->prior_level, 5);
  EXPECT_EQ(four[0]->min_years_since_prior, 4);
  EXPECT_FALSE(four[0]->min_years_total.has_value());
  EXPECT_EQ(four[1]->min_years_total, 6);
  EXPECT_EQ(four[2]->education, Education::technical_school);
  EXPECT_TRUE(parsed->find("D")->apprenticeship);
  EXPECT_EQ(parsed->find("Z"), nullptr);
  EXPECT_TRUE(parsed->routes_for(3).empty());
}

struct BadRow {
  const char* name;
  const char* rows;
  std::vector<FieldProblem> want;
};

TEST(ConditionTableParse, RefusesBadRowsWithTheirLines) {
  const BadRow rows[] = {
      {"level 0", "A,0,1,,,,,甲,a\n", {{"line 2", "invalid_level"}}},
      {"level 6", "A,6,1,,,,,甲,a\n", {{"line 2", "invalid_level"}}},
      {"level not a number", "A,x,1,,,,,甲,a\n", {{"line 2", "invalid_level"}}},
      {"negative years", "A,5,-1,,,,,甲,a\n", {{"line 2", "invalid_min_years_total"}}},
      {"years with a space", "A,5, 1,,,,,甲,a\n", {{"line 2", "invalid_min_years_total"}}},
      {"years too large", "A,5,100,,,,,甲,a\n", {{"line 2", "invalid_min_years_total"}}},
      {"prior level 7", "A,4,,7,4,,,甲,a\n", {{"line 2", "invalid_prior_level"}}},
      {"prior level not below the level", "A,4,,4,4,,,甲,a\n", {{"line 2", "invalid_prior_level"}}},
      {"bad years since", "A,4,,5,4.5,,,甲,a\n", {{"line 2", "invalid_min_years_since_prior"}}},
      {"years since without a prior level",
       "A,4,,,4,,,甲,a\n",
       {{"line 2", "years_since_without_prior"}}},
      {"unknown education", "A,4,,,,vocational,,甲,a\n", {{"line 2", "invalid_education"}}},
      {"apprenticeship other than yes", "A,5,,,,,1,甲,a\n", {{"line 2", "invalid_apprenticeship"}}},
      {"no Chinese text", "A,5,1,,,,,,a\n", {{"line 2", "missing_text_zh"}}},
      {"no English text", "A,5,1,,,,,甲,\n", {{"line 2", "missing_text_en"}}},
      {"no requirement", "A,5,,,,,,甲,a\n", {{"line 2", "no_requirement"}}},
      {"no route id", ",5,1,,,,,甲,a\n", {{"line 2", "missing_route"}}},
      {"duplicate route on line 3",
       "A,5,1,,,,,甲,a\nA,5,2,,,,,乙,b\n",
       {{"line 3", "duplicate_route"}}},
      {"every bad line reported",
       "A,5,1,,,,,甲,a\nB,9,1,,,,,乙,b\nC,5,1,,,phd,,丙,c\n",
       {{"line 3", "invalid_level"}, {"line 4", "invalid_education"}}},
      {"wrong field count", "A,5,1,,,,甲,a\n", {{"line 2", "wrong_field_count"}}},
  };
  for (const auto& row : rows) EXPECT_EQ(problems_of(row.rows), row.want) << row.name;
}

TEST(ConditionTableParse, RefusesAWrongHeader) {
  auto parsed = ConditionTable::parse("route,level,years\nA,5,1\n");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().details, (std::vector<FieldProblem>{{"header", "wrong_header"}}));
}

TEST(ConditionTableNational, TheEmbeddedFileParsesWithEveryRoute) {
  const auto text = embedded::find("data/application_conditions.csv");
  ASSERT_TRUE(text.has_value());
  auto parsed = ConditionTable::parse(*text);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->routes().size(), 9U);  // data/SOURCES.md: 9 data rows

  const auto& national = ConditionTable::national();
  const auto ids = [&](int level) {
    std::vector<std::string> out;
    for (const auto* r : national.routes_for(level)) out.push_back(r->route);
    return out;
  };
  EXPECT_EQ(ids(5), (std::vector<std::string>{"L5-1", "L5-2"}));
  EXPECT_EQ(ids(4), (std::vector<std::string>{"L4-1", "L4-2", "L4-3"}));
  EXPECT_EQ(ids(3), (std::vector<std::string>{"L3-1", "L3-2"}));
  EXPECT_EQ(ids(2), (std::vector<std::string>{"L2-1"}));
  EXPECT_EQ(ids(1), (std::vector<std::string>{"L1-1"}));

  // 三级(3): 大专及以上 and 2 years counted from the level-4 certificate.
  const auto* l32 = national.find("L3-2");
  ASSERT_NE(l32, nullptr);
  EXPECT_EQ(l32->education, Education::college);
  EXPECT_EQ(l32->prior_level, 4);
  EXPECT_EQ(l32->min_years_since_prior, 2);
  EXPECT_FALSE(l32->min_years_total.has_value());
  for (const auto& r : national.routes()) {
    EXPECT_FALSE(r.text_zh.empty()) << r.route;
    EXPECT_FALSE(r.text_en.empty()) << r.route;
  }
}

TEST(Education, NamesRoundTripInOrder) {
  const std::vector<std::string> names{"none",    "junior_high", "high_school", "technical_school",
                                       "college", "bachelor",    "master",      "doctor"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto e = parse_education(names[i]);
    ASSERT_TRUE(e.has_value()) << names[i];
    EXPECT_EQ(to_string(*e), names[i]);
    EXPECT_EQ(static_cast<std::size_t>(*e), i) << names[i];
  }
  EXPECT_FALSE(parse_education("").has_value());
  EXPECT_FALSE(parse_education("College").has_value());
  EXPECT_FALSE(parse_education("大专").has_value());
}

TEST(Education, TechnicalSchoolIsItsOwnCategory) {
  using enum Education;
  EXPECT_TRUE(meets_education(technical_school, technical_school));
  EXPECT_FALSE(meets_education(college, technical_school));
  EXPECT_FALSE(meets_education(high_school, technical_school));
  EXPECT_FALSE(meets_education(technical_school, college));  // not 大专及以上
  EXPECT_TRUE(meets_education(college, college));
  EXPECT_TRUE(meets_education(doctor, college));
  EXPECT_FALSE(meets_education(high_school, college));
  EXPECT_TRUE(meets_education(technical_school, high_school));
  EXPECT_TRUE(meets_education(none, none));
}

TEST(WholeYears, CountsCalendarYearsAndClampsLeapDays) {
  const auto d = [](const char* t) { return *Date::parse(t); };
  EXPECT_EQ(whole_years_between(d("2022-06-15"), d("2026-06-15")), 4);
  EXPECT_EQ(whole_years_between(d("2022-06-16"), d("2026-06-15")), 3);
  EXPECT_EQ(whole_years_between(d("2020-02-29"), d("2021-02-28")), 1);
  EXPECT_EQ(whole_years_between(d("2020-02-29"), d("2024-02-28")), 3);
  EXPECT_EQ(whole_years_between(d("2026-06-15"), d("2026-06-15")), 0);
  EXPECT_EQ(whole_years_between(d("2026-06-16"), d("2026-06-15")), 0);
}

TEST(CheckApplicationConditions, ReportsEveryRouteOfTheLevel) {
  CandidateFacts f;
  f.as_of = Date{2026, 6, 15};
  f.education = Education::technical_school;
  f.years_in_trade = 7;
  const auto r = check_application_conditions(ConditionTable::national(), 4, f);
  EXPECT_TRUE(r.eligible);
  EXPECT_EQ(r.met_route, "L4-2");  // the first met route in table order
  ASSERT_EQ(r.checks.size(), 3U);
  EXPECT_FALSE(r.checks[0].met);
  EXPECT_EQ(r.checks[0].unmet, (std::vector<std::string>{"no_prior_certificate"}));
  EXPECT_TRUE(r.checks[1].met);
  EXPECT_TRUE(r.checks[2].met);

  const auto none = check_application_conditions(ConditionTable::national(), 0, f);
  EXPECT_FALSE(none.eligible);
  EXPECT_TRUE(none.checks.empty());
}

}  // namespace
}  // namespace skillreg
