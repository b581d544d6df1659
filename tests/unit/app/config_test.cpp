// The settings file and the environment (docs/configuration.md).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "app/config.hpp"

namespace skillreg {
namespace {

// A settings file of its own for each case, removed afterwards.
class ConfigFile : public ::testing::Test {
 protected:
  std::filesystem::path path = std::filesystem::temp_directory_path() / ("skillreg-config-" + std::to_string(::getpid()) + ".toml");
  void write(const std::string& text) { std::ofstream(path) << text; }
  void TearDown() override {
    std::filesystem::remove(path);
    ::unsetenv("SKILLREG_BATCH_OPEN_DAYS");
    ::unsetenv("SKILLREG_STATEMENT_WORKING_DAYS");
  }
};

TEST_F(ConfigFile, AnOpenBatchExpiresAfterSevenDaysUnlessSetOtherwise) {
  write("[activity]\npass_line = 60\n");
  auto defaults = load_config(path.string());
  ASSERT_TRUE(defaults) << defaults.error().message_en;
  EXPECT_EQ(defaults->batches.open_days, 7);

  write("[batches]\nopen_days = 3\n");
  auto set = load_config(path.string());
  ASSERT_TRUE(set);
  EXPECT_EQ(set->batches.open_days, 3);

  ::setenv("SKILLREG_BATCH_OPEN_DAYS", "2", 1);  // the environment after the file
  auto env = load_config(path.string());
  ASSERT_TRUE(env);
  EXPECT_EQ(env->batches.open_days, 2);
}

TEST_F(ConfigFile, ABatchExpiringWithinADayIsRefusedByName) {
  write("[batches]\nopen_days = 0\n");
  auto zero = load_config(path.string());
  ASSERT_FALSE(zero);
  ASSERT_EQ(zero.error().details.size(), 1u);
  EXPECT_EQ(zero.error().details[0].field, "batches.open_days");
  EXPECT_EQ(zero.error().details[0].problem, "at_least_1");
}

// S23, S24: the windows of due process are policy values (REQUIREMENTS.md §6, *default* 5 working
// days to state a case), set in the file or the environment, and never shorter than a day.
TEST_F(ConfigFile, S24_TheWindowsOfDueProcessAreSetInTheFileAndNeverZero) {
  write("[activity]\npass_line = 60\n");
  auto defaults = load_config(path.string());
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->enforcement.statement_working_days, 5);
  EXPECT_EQ(defaults->enforcement.review_working_days, 15);
  EXPECT_EQ(defaults->enforcement.rectification_working_days, 20);

  write("[enforcement]\nstatement_working_days = 7\nreview_working_days = 10\nrectification_working_days = 30\n");
  auto set = load_config(path.string());
  ASSERT_TRUE(set);
  EXPECT_EQ(set->enforcement.statement_working_days, 7);
  EXPECT_EQ(set->enforcement.review_working_days, 10);
  EXPECT_EQ(set->enforcement.rectification_working_days, 30);
  ::setenv("SKILLREG_STATEMENT_WORKING_DAYS", "3", 1);
  EXPECT_EQ(load_config(path.string())->enforcement.statement_working_days, 3);
  ::unsetenv("SKILLREG_STATEMENT_WORKING_DAYS");

  write("[enforcement]\nstatement_working_days = 0\nreview_working_days = -1\n");
  auto zero = load_config(path.string());
  ASSERT_FALSE(zero);
  ASSERT_EQ(zero.error().details.size(), 2u);
  EXPECT_EQ(zero.error().details[0].field, "enforcement.statement_working_days");
  EXPECT_EQ(zero.error().details[1].field, "enforcement.review_working_days");
}

}  // namespace
}  // namespace skillreg
