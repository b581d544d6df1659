#include "domain/registry/exam_site_rules.hpp"

namespace skillreg {

ExamSiteStatus initial_exam_site_status(const RegionTree& regions, std::string_view institution_region,
                                        std::string_view site_region) {
  return regions.contains(institution_region, site_region) ? ExamSiteStatus::confirmed : ExamSiteStatus::pending;
}

bool may_decide_exam_site(const RegionTree& regions, std::string_view decider_region, std::string_view site_region) {
  const Region* decider = regions.find(decider_region);
  if (decider == nullptr || decider->level == RegionLevel::province) return false;
  return regions.contains(decider_region, site_region);
}

}  // namespace skillreg
