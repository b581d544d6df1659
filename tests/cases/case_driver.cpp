// The rule-table driver: reads every *.case file under SKILLREG_CASES_DIR (or the files and
// folders named on the command line after the GoogleTest flags) and registers one GoogleTest
// test per case, suite = file stem, name = sanitize_test_name(title). Everything that could make
// a case silently not run (a parse error, an unknown rule, a duplicate or unusable name, a rule
// registered twice) becomes a failing test instead.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "case_file.hpp"
#include "rules.hpp"

#ifndef SKILLREG_CASES_DIR
#error "the build must define SKILLREG_CASES_DIR, the folder of the *.case files"
#endif

namespace skillreg::cases {

namespace {

namespace fs = std::filesystem;

// One test: either a case to evaluate or a fixed failure to report. A single fixture class, so
// GoogleTest accepts both kinds in one suite.
class CaseTest : public testing::Test {
 public:
  CaseTest(std::string path, std::string rule, Case c, std::string failure)
      : path_(std::move(path)),
        rule_(std::move(rule)),
        case_(std::move(c)),
        failure_(std::move(failure)) {}

  void TestBody() override {
    const int line = int(case_.line);
    if (!failure_.empty()) {
      ADD_FAILURE_AT(path_.c_str(), line) << failure_;
      return;
    }
    const RuleFn* rule = find_rule(rule_);
    if (rule == nullptr) {
      ADD_FAILURE_AT(path_.c_str(), line) << "unknown rule '" << rule_ << "'\n" << describe();
      return;
    }
    std::string actual;
    try {
      actual = (*rule)(case_.inputs);
    } catch (const std::exception& e) {
      ADD_FAILURE_AT(path_.c_str(), line)
          << "the rule could not evaluate the case: " << e.what() << "\n"
          << describe();
      return;
    }
    // Reported at the case's own line, so the failure points into the *.case file.
    if (actual != case_.expect)
      ADD_FAILURE_AT(path_.c_str(), line) << "expected: " << case_.expect << "\n"
                                          << "actual:   " << actual << "\n"
                                          << describe();
  }

 private:
  std::string describe() const {
    std::ostringstream out;
    out << "case:    " << case_.title << "\n"
        << "at:      " << path_ << ":" << case_.line << "\n"
        << "rule:    " << rule_ << "\n"
        << "article: " << case_.article << "\n"
        << "inputs:";
    for (const auto& [k, v] : case_.inputs) out << "\n  " << k << ": " << v;
    return out.str();
  }

  std::string path_;
  std::string rule_;
  Case case_;
  std::string failure_;
};

void register_case(const std::string& suite, const std::string& name, const std::string& path,
                   const std::string& rule, Case c, std::string failure = {}) {
  const int line = int(c.line);
  testing::RegisterTest(suite.c_str(), name.c_str(), nullptr, nullptr, path.c_str(), line,
                        [=]() -> CaseTest* { return new CaseTest(path, rule, c, failure); });
}

void register_failure(const std::string& suite, const std::string& name, const std::string& path,
                      std::size_t line, std::string message) {
  Case c;
  c.title = name;
  c.line = line;
  register_case(suite, name, path, {}, std::move(c), std::move(message));
}

void register_file(const fs::path& path) {
  const std::string suite = sanitize_test_name(path.stem().string());
  const std::string where = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    register_failure(suite, "unreadable", where, 0, "cannot read " + where);
    return;
  }
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto file = parse_case_file(text);
  if (!file) {
    register_failure(suite, "parse_error", where, file.error().line,
                     where + ":" + std::to_string(file.error().line) + ": " + file.error().message);
    return;
  }
  std::set<std::string> names;
  for (auto& c : file->cases) {
    const std::string name = sanitize_test_name(c.title);
    const std::string at = "line_" + std::to_string(c.line);
    if (name.empty()) {
      register_failure(suite, at, where, c.line,
                       "the title '" + c.title + "' has no ASCII letter or digit to name the test");
    } else if (name.starts_with("DISABLED")) {
      // GoogleTest would skip such a test without failing.
      register_failure(suite, at, where, c.line, "titles may not start with DISABLED");
    } else if (!names.insert(name).second) {
      register_failure(suite, name + "_duplicate_" + at, where, c.line,
                       "another case in this file has the test name " + name);
    } else {
      register_case(suite, name, where, file->rule, std::move(c));
    }
  }
}

// The *.case files to run: those named on the command line (files, or folders to search), or
// else every *.case file in SKILLREG_CASES_DIR; sorted so the test order is stable.
std::vector<fs::path> case_files(int argc, char** argv) {
  std::vector<fs::path> roots;
  for (int i = 1; i < argc; ++i) roots.emplace_back(argv[i]);
  if (roots.empty()) roots.emplace_back(SKILLREG_CASES_DIR);
  std::vector<fs::path> files;
  for (const auto& root : roots) {
    if (!fs::is_directory(root)) {
      files.push_back(root);
      continue;
    }
    for (const auto& entry : fs::directory_iterator(root))
      if (entry.is_regular_file() && entry.path().extension() == ".case")
        files.push_back(entry.path());
  }
  std::ranges::sort(files);
  return files;
}

void register_all(int argc, char** argv) {
  for (const auto& name : rule_registry().duplicates)
    register_failure("rules", "duplicate_" + sanitize_test_name(name), __FILE__, 0,
                     "the rule '" + name + "' is registered twice");
  const auto files = case_files(argc, argv);
  if (files.empty())
    register_failure("cases", "no_case_files", SKILLREG_CASES_DIR, 0,
                     "no *.case files in " SKILLREG_CASES_DIR);
  for (const auto& f : files) register_file(f);
}

}  // namespace

}  // namespace skillreg::cases

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);  // removes the flags it knows, leaving paths
  skillreg::cases::register_all(argc, argv);
  return RUN_ALL_TESTS();
}
