#include "domain/registry/institution_kind.hpp"

#include <array>

namespace skillreg {

namespace {

constexpr std::array<std::pair<InstitutionKind, std::string_view>, 5> kNames{{
    {InstitutionKind::appraisal, "appraisal"},
    {InstitutionKind::employer, "employer"},
    {InstitutionKind::social_organisation, "social_organisation"},
    {InstitutionKind::special_ability, "special_ability"},
    {InstitutionKind::branch, "branch"},
}};

// One row per kind. Letters: S and Y are fixed by API.md; J (鉴定) and Z (专项) are ours
// (docs/institution-codes.md); a branch is a social organisation of a ministry-selected body.
const std::array<KindRules, 5> kRules{{
    // M9(1): filed through the qualification department with a city or the province.
    {InstitutionKind::appraisal, 'J', true, RegionLevel::city, false, false,
     EvaluationSubject::catalogue_occupations},
    // M9(2): employers apply to the county or above.
    {InstitutionKind::employer, 'Y', false, RegionLevel::county, false, false,
     EvaluationSubject::non_catalogue_occupations},
    // M9(2): social organisations apply to the city or above, and are publicly noticed.
    {InstitutionKind::social_organisation, 'S', false, RegionLevel::city, false, true,
     EvaluationSubject::non_catalogue_occupations},
    // M9(3): special-ability institutions apply to the county or above.
    {InstitutionKind::special_ability, 'Z', false, RegionLevel::county, false, false,
     EvaluationSubject::special_ability_specs},
    // M13: branches apply to the province.
    {InstitutionKind::branch, 'S', false, RegionLevel::province, true, false,
     EvaluationSubject::non_catalogue_occupations},
}};

int rank(RegionLevel l) {
  switch (l) {
    case RegionLevel::province: return 3;
    case RegionLevel::city: return 2;
    case RegionLevel::county: return 1;
  }
  return 0;
}

}  // namespace

std::string_view to_string(InstitutionKind k) {
  for (const auto& [kind, name] : kNames)
    if (kind == k) return name;
  return "appraisal";
}

std::optional<InstitutionKind> parse_institution_kind(std::string_view s) {
  for (const auto& [kind, name] : kNames)
    if (name == s) return kind;
  return std::nullopt;
}

const std::vector<InstitutionKind>& all_institution_kinds() {
  static const std::vector<InstitutionKind> all = [] {
    std::vector<InstitutionKind> v;
    for (const auto& [kind, name] : kNames) v.push_back(kind);
    return v;
  }();
  return all;
}

const KindRules& rules_of(InstitutionKind k) {
  for (const auto& r : kRules)
    if (r.kind == k) return r;
  return kRules[0];
}

bool may_receive(InstitutionKind k, RegionLevel receiver_level) {
  const auto& r = rules_of(k);
  if (r.province_only) return receiver_level == RegionLevel::province;  // M13
  return rank(receiver_level) >= rank(r.lowest_receiver);               // M9
}

std::vector<EligibilityItem> eligibility_checklist(InstitutionKind k) {
  // M7: the five common conditions.
  std::vector<EligibilityItem> items{
      {"M7(1)", "在浙江省行政区域内依法登记，具有独立法人资格，管理规范、信用良好，经费保障稳定，无不良记录"},
      {"M7(2)", "具有专门负责技能人才评价工作的机构、专职工作人员、专兼职考评人员和督导人员"},
      {"M7(3)", "具备与评价职业相匹配的场所、设施设备、工(量)具和视频监控设备"},
      {"M7(4)", "具有完善的技能人才评价管理制度，不以营利为最终目的"},
      {"M7(5)", "自愿接受各级人力资源和社会保障部门的监督管理"},
  };
  if (k == InstitutionKind::employer) {  // M8(1)
    items.push_back({"M8(1)1", "业内具有较强影响力、公信力的规模以上龙头企业；认定职业从业人员较多且与主营业务直接相关"});
    items.push_back({"M8(1)2", "足额提取职工教育培训经费，认定活动不以营利为目的"});
    items.push_back({"M8(1)3", "建立职业技能等级津贴制度"});
  }
  if (k == InstitutionKind::social_organisation || k == InstitutionKind::branch) {  // M8(2)
    items.push_back({"M8(2)1", "具备人才培养或培训服务职能的独立法人主体"});
    items.push_back({"M8(2)2", "在拟开展评价的职业领域具有广泛影响力和丰富的培训或评价经验"});
  }
  return items;
}

}  // namespace skillreg
