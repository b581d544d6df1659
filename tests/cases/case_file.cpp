#include "case_file.hpp"

#include <optional>

namespace skillreg::cases {

namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

struct KeyValue {
  std::string key;
  std::string value;
};

std::optional<KeyValue> split_key_value(std::string_view line) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto key = trim(line.substr(0, colon));
  if (key.empty()) return std::nullopt;
  for (const char c : key)
    if (!is_key_char(c)) return std::nullopt;
  return KeyValue{std::string(key), std::string(trim(line.substr(colon + 1)))};
}

std::unexpected<CaseFileError> error_at(std::size_t line, std::string message) {
  return std::unexpected(CaseFileError{line, std::move(message)});
}

// A finished case must have its two required keys.
std::optional<std::string> missing_key(const Case& c) {
  if (c.article.empty()) return "case '" + c.title + "' has no article";
  if (c.expect.empty()) return "case '" + c.title + "' has no expect";
  return std::nullopt;
}

}  // namespace

std::expected<CaseFile, CaseFileError> parse_case_file(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  CaseFile file;
  bool have_rule = false;
  bool have_source = false;
  std::size_t line_no = 0;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    const std::string_view raw = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_no;

    const std::string_view content = trim(raw);
    if (content.empty() || content.starts_with('#')) continue;
    const auto kv = split_key_value(content);
    if (!kv) return error_at(line_no, "expected 'key: value', got '" + std::string(content) + "'");

    const bool indented = raw.front() == ' ' || raw.front() == '\t';
    if (indented) {
      if (file.cases.empty()) return error_at(line_no, "indented line before the first case:");
      Case& c = file.cases.back();
      std::string* slot = nullptr;
      if (kv->key == "article") slot = &c.article;
      if (kv->key == "expect") slot = &c.expect;
      const bool duplicate = slot != nullptr ? !slot->empty() : c.inputs.contains(kv->key);
      if (duplicate) return error_at(line_no, "key '" + kv->key + "' given twice");
      if (slot != nullptr)
        *slot = kv->value;
      else
        c.inputs.emplace(kv->key, kv->value);
      continue;
    }

    if (kv->key == "rule") {
      if (have_rule) return error_at(line_no, "a file has exactly one rule:");
      if (!file.cases.empty()) return error_at(line_no, "rule: must come before the cases");
      if (kv->value.empty()) return error_at(line_no, "rule: needs a name");
      file.rule = kv->value;
      have_rule = true;
    } else if (kv->key == "source") {
      if (have_source) return error_at(line_no, "source: given twice");
      file.source = kv->value;
      have_source = true;
    } else if (kv->key == "case") {
      if (!have_rule) return error_at(line_no, "case: before rule:");
      if (kv->value.empty()) return error_at(line_no, "case: needs a title");
      if (!file.cases.empty())
        if (auto m = missing_key(file.cases.back())) return error_at(file.cases.back().line, *m);
      file.cases.push_back(Case{kv->value, line_no, {}, {}, {}});
    } else {
      return error_at(line_no, "unknown top-level key '" + kv->key +
                                   "' (case keys must be indented under a case:)");
    }
  }
  if (!have_rule) return error_at(0, "no rule: line");
  if (file.cases.empty()) return error_at(0, "no cases");
  if (auto m = missing_key(file.cases.back())) return error_at(file.cases.back().line, *m);
  return file;
}

std::string sanitize_test_name(std::string_view title) {
  std::string out;
  bool gap = false;  // a run of other characters since the last kept one
  for (const char c : title) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      if (gap && !out.empty()) out.push_back('_');
      gap = false;
      out.push_back(c);
    } else {
      gap = true;
    }
  }
  return out;
}

}  // namespace skillreg::cases
