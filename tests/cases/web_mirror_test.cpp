// The browser's copy of the monitoring indicator table (web/src/views/monitoring/monitoring.js,
// INDICATORS: the policy editor shows each indicator's default points from it) must say what
// data/monitoring_indicators.csv says, or an official edits points against defaults the server
// does not use.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "domain/monitoring/indicators.hpp"

namespace skillreg {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string number(double x) {
  std::ostringstream s;
  s << x;
  return s.str();
}

TEST(WebMirror, S14_1_TheBrowsersIndicatorTableIsTheDataTable) {
  const std::string js = read_file(std::string(SKILLREG_CASES_DIR) + "/../../web/src/views/monitoring/monitoring.js");
  static const std::regex kEntry(
      R"(\{ key: '([a-z0-9_]+)', dimension: '([a-z_]+)', article: '([^']+)', perCase: ([0-9.]+), max: ([0-9.]+), critical: (true|false) \})");
  std::vector<std::string> browser;
  for (std::sregex_iterator it(js.begin(), js.end(), kEntry), end; it != end; ++it)
    browser.push_back((*it)[1].str() + " " + (*it)[2].str() + " " + (*it)[3].str() + " " + (*it)[4].str() + "/" +
                      (*it)[5].str() + " " + (*it)[6].str());
  std::vector<std::string> data;
  for (const auto& i : IndicatorTable::standard().indicators())
    data.push_back(i.key + " " + std::string(to_string(i.dimension)) + " " + i.article + " " +
                   number(i.deduction_per_case) + "/" + number(i.max_deduction) + " " +
                   (i.critical ? "true" : "false"));
  EXPECT_EQ(browser, data);
}

}  // namespace
}  // namespace skillreg
