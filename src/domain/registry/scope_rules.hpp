#pragma once
// M6: what an institution may evaluate. A scope item pairs one subject — an occupation (职业,
// by its 大典 code) or a published special-ability specification (专项职业能力考核规范) — with
// the levels granted (1–5 for occupations; none for specifications).
#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/registry/institution_kind.hpp"

namespace skillreg {

struct ScopeItem {
  std::string subject_code;  // occupation code "6-18-02-04" or specification code
  std::vector<int> levels;   // skill levels 5 (初级) … 1 (高级技师)
};

// What the registry knows of a subject code.
struct SubjectFacts {
  bool known = false;         // exists in the occupations or specifications list
  bool is_occupation = true;  // false: a special-ability specification
  bool in_catalog = false;    // occupations: in the 国家职业资格目录
};

// 422 naming the pair and M6 when `item` is not allowed for `kind`; `field` is where it was sent.
Status check_scope_item(InstitutionKind kind, const ScopeItem& item, const SubjectFacts& facts,
                        const std::string& field);

}  // namespace skillreg
