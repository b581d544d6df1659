#pragma once
// The rule-table format (*.case): readable by the lawyers who check the rules, parsed by the
// case driver. A file looks like
//
//   # comment lines start with #
//   rule: calendar.add_working_days
//   source: 国办发明电〔2024〕12号
//
//   case: CAL 2025 National Day five working days from 2025-09-30
//     article: 国办发明电〔2024〕12号
//     date: 2025-09-30
//     n: 5
//     expect: 2025-10-14
//
// Top-level keys: `rule` (exactly one, before the first case), `source` (optional, at most one),
// `case` (the title, one per case). Indented `key: value` lines belong to the case above them;
// `expect` and `article` are required, every other key is an input of the rule. A value runs
// from after the first ':' to the end of the line, trimmed, so it may itself hold ':'.
// Keys are ASCII letters, digits, '_', '.', '-'. Anything else is an error with its line number:
// a typo must fail loudly rather than silently drop a case.
#include <cstddef>
#include <expected>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace skillreg::cases {

struct Case {
  std::string title;
  std::size_t line = 0;  // of the `case:` line
  std::string article;
  std::string expect;
  std::map<std::string, std::string> inputs;  // everything but article and expect
};

struct CaseFile {
  std::string rule;
  std::string source;
  std::vector<Case> cases;
};

struct CaseFileError {
  std::size_t line = 0;  // 0 when the problem is the file as a whole
  std::string message;
};

std::expected<CaseFile, CaseFileError> parse_case_file(std::string_view text);

// The GoogleTest name of a case: every run of characters outside [A-Za-z0-9_] becomes one '_',
// leading and trailing '_' dropped: "M23 renewal on the day" → "M23_renewal_on_the_day".
// Empty when the title has no ASCII letter or digit.
std::string sanitize_test_name(std::string_view title);

}  // namespace skillreg::cases
