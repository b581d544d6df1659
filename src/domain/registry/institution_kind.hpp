#pragma once
// Kinds of evaluation institution (评价机构) and what the law attaches to each:
//   M4  — three kinds; appraisal is filed (备案), the others are selected (遴选); level
//         recognition comes as employer (用人单位) or social organisation (社会评价组织);
//   M13 — a branch (分支机构) of an industry institution selected by the ministry;
//   M6  — what each may evaluate;
//   M9  — which authority receives the application, and that social organisations are publicly
//         noticed (公示) before approval;
//   M7, M8 — the eligibility checklist.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/reference/region_tree.hpp"

namespace skillreg {

enum class InstitutionKind {
  appraisal,            // 职业技能考核鉴定机构 (M4: filing)
  employer,             // 职业技能等级认定机构 — 用人单位 (M4, M8(1))
  social_organisation,  // 职业技能等级认定机构 — 社会培训评价组织 (M4, M8(2))
  special_ability,      // 专项职业能力考核机构 (M4)
  branch,               // 部门行业评价机构在浙分支机构 (M13)
};

std::string_view to_string(InstitutionKind k);
std::optional<InstitutionKind> parse_institution_kind(std::string_view s);
const std::vector<InstitutionKind>& all_institution_kinds();

// M6: what an institution of a kind may evaluate.
enum class EvaluationSubject {
  catalogue_occupations,      // 《国家职业资格目录》内技能类职业 (appraisal)
  non_catalogue_occupations,  // 目录以外的技能类职业 (level recognition, branches)
  special_ability_specs,      // 省厅公布的专项职业能力考核规范 (special-ability)
};

struct EligibilityItem {
  std::string key;      // "M7(1)", "M8(1)2", …
  std::string text_zh;  // the condition as the law states it, shortened
};

struct KindRules {
  InstitutionKind kind;
  char code_letter;           // first character of the unified code (API.md)
  bool filed;                 // M4: 备案 (true) or 遴选 (false)
  RegionLevel lowest_receiver;  // M9: the lowest authority level that may receive it
  bool province_only;         // M13: branches apply to the province
  bool public_notice;         // M9(2): 公示 before approval
  EvaluationSubject subject;  // M6
};

const KindRules& rules_of(InstitutionKind k);

// M9: may an authority at `level` receive an application of this kind?
bool may_receive(InstitutionKind k, RegionLevel receiver_level);

// M7 (all kinds) and M8 (employers: 3 items; social organisations: 2 items).
std::vector<EligibilityItem> eligibility_checklist(InstitutionKind k);

}  // namespace skillreg
