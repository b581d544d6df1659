#include "domain/registry/scope_rules.hpp"

#include <set>

namespace skillreg {

namespace {
std::unexpected<Error> refused(const std::string& field, const std::string& problem,
                               const std::string& zh, const std::string& en) {
  auto e = invalid({{field, problem}});
  e.error().message_zh = zh;
  e.error().message_en = en;
  e.error().article = "M6";
  return e;
}
}  // namespace

Status check_scope_item(InstitutionKind kind, const ScopeItem& item, const SubjectFacts& facts,
                        const std::string& field) {
  const auto subject = rules_of(kind).subject;
  if (!facts.known)
    return invalid({{field + ".subject_code", "unknown_subject"}});
  const std::string pair = item.subject_code;
  // M6: special-ability institutions assess published specifications; everyone else occupations.
  if (subject == EvaluationSubject::special_ability_specs && facts.is_occupation)
    return refused(field, "special_ability_needs_specification",
                   "专项职业能力考核机构只能考核已公布的专项职业能力考核规范（第六条）：" + pair,
                   "A special-ability institution assesses published specifications only (M6): " + pair);
  if (subject != EvaluationSubject::special_ability_specs && !facts.is_occupation)
    return refused(field, "specification_not_allowed",
                   "该类机构不能考核专项职业能力规范（第六条）：" + pair,
                   "This kind of institution does not assess special-ability specifications (M6): " + pair);
  // M6: appraisal inside the national qualification catalogue, level recognition outside it.
  if (subject == EvaluationSubject::catalogue_occupations && !facts.in_catalog)
    return refused(field, "occupation_outside_catalogue",
                   "职业技能考核鉴定机构只能评价《国家职业资格目录》内的职业（第六条）：" + pair,
                   "An appraisal institution evaluates occupations in the national catalogue only (M6): " + pair);
  if (subject == EvaluationSubject::non_catalogue_occupations && facts.in_catalog)
    return refused(field, "occupation_in_catalogue",
                   "职业技能等级认定机构只能认定《国家职业资格目录》以外的职业（第六条）：" + pair,
                   "A level-recognition institution recognises occupations outside the national catalogue only (M6): " + pair);
  if (facts.is_occupation) {
    if (item.levels.empty()) return invalid({{field + ".levels", "required"}});
    std::set<int> seen;
    for (int l : item.levels) {
      if (l < 1 || l > 5) return invalid({{field + ".levels", "level_must_be_1_to_5"}});
      if (!seen.insert(l).second) return invalid({{field + ".levels", "duplicate_level"}});
    }
  } else if (!item.levels.empty()) {
    return invalid({{field + ".levels", "specifications_have_no_levels"}});
  }
  return {};
}

}  // namespace skillreg
