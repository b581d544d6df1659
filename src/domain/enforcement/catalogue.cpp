#include "domain/enforcement/catalogue.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "core/csv.hpp"
#include "core/embedded.hpp"

namespace skillreg {

namespace {

constexpr std::string_view kStandardFile = "data/violations.csv";

}  // namespace

std::string_view to_string(MeasureClass c) {
  switch (c) {
    case MeasureClass::void_results: return "void_results";
    case MeasureClass::interview: return "interview";
    case MeasureClass::notice: return "notice";
    case MeasureClass::cancellation: return "cancellation";
  }
  return "interview";
}

std::optional<MeasureClass> parse_measure_class(std::string_view s) {
  for (auto c : {MeasureClass::void_results, MeasureClass::interview, MeasureClass::notice, MeasureClass::cancellation})
    if (to_string(c) == s) return c;
  return std::nullopt;
}

std::string_view article_of(MeasureClass c) {
  switch (c) {
    case MeasureClass::void_results: return "S18";
    case MeasureClass::interview: return "S19";
    case MeasureClass::notice: return "S20";
    case MeasureClass::cancellation: return "S21";
  }
  return "S19";
}

Result<ViolationCatalogue> ViolationCatalogue::parse(std::string_view csv) {
  auto records = read_csv_records(csv, {"code", "article", "item", "class", "text_zh", "text_en"});
  if (!records) return std::unexpected(records.error());
  ViolationCatalogue out;
  std::vector<FieldProblem> problems;
  for (const auto& r : *records) {
    const std::string where = "line " + std::to_string(r.line);
    ViolationItem v;
    v.code = r.values.at("code");
    v.article = r.values.at("article");
    const auto& item = r.values.at("item");
    auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), v.item);
    auto measure = parse_measure_class(r.values.at("class"));
    v.text_zh = r.values.at("text_zh");
    v.text_en = r.values.at("text_en");
    if (ec != std::errc{} || end != item.data() + item.size() || v.item < 1) problems.push_back({where, "invalid_item"});
    else if (v.code != v.article + "(" + item + ")") problems.push_back({where, "code_is_not_article_and_item"});
    if (!measure) problems.push_back({where, "invalid_class"});
    else if (article_of(*measure) != v.article) problems.push_back({where, "class_is_not_the_article's"});
    else v.measure = *measure;
    if (v.text_zh.empty() || v.text_en.empty()) problems.push_back({where, "missing_text"});
    if (out.find(v.code)) problems.push_back({where, "duplicate_code"});
    out.items_.push_back(std::move(v));
  }
  if (!problems.empty()) return invalid(problems);
  return out;
}

const ViolationCatalogue& ViolationCatalogue::standard() {
  static const ViolationCatalogue catalogue = embedded::parse_shipped(kStandardFile, parse);
  return catalogue;
}

const ViolationItem* ViolationCatalogue::find(std::string_view code) const {
  auto it = std::ranges::find(items_, code, &ViolationItem::code);
  return it == items_.end() ? nullptr : &*it;
}

}  // namespace skillreg
