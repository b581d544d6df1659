#pragma once
// The violation catalogue 违规行为目录 (S18–S21): every item of the four articles with its
// consequence class, as data (data/violations.csv, one row per item):
//   void_results  S18: the named candidates' scores or certificates declared void, with the
//                      institution's statement of facts;
//   interview     S19: 约谈 of the principal;
//   notice        S20: written notice, suspension, rectification deadline, archive, public;
//   cancellation  S21: qualification cancelled, out of the directory, archive, no new filing or
//                      application, public.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace skillreg {

// Ordered from the lightest to the gravest.
enum class MeasureClass { void_results, interview, notice, cancellation };
std::string_view to_string(MeasureClass c);
std::optional<MeasureClass> parse_measure_class(std::string_view s);
// The article whose measure the class is: S18, S19, S20, S21.
std::string_view article_of(MeasureClass c);

struct ViolationItem {
  std::string code;     // "S19(3)"
  std::string article;  // "S19"
  int item = 0;
  MeasureClass measure = MeasureClass::interview;
  std::string text_zh, text_en;
};

class ViolationCatalogue {
 public:
  // Parses the CSV (header code,article,item,class,text_zh,text_en); every bad row reported.
  static Result<ViolationCatalogue> parse(std::string_view csv);
  // The catalogue of the embedded data/violations.csv, parsed once.
  static const ViolationCatalogue& standard();

  const std::vector<ViolationItem>& items() const { return items_; }
  const ViolationItem* find(std::string_view code) const;

 private:
  std::vector<ViolationItem> items_;
};

}  // namespace skillreg
