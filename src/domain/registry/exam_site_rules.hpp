#pragma once
// M12 考点: a social organisation (or any institution) that adds an exam site outside its own area
// needs the confirmation of the human-resources authority where the site lies; evaluation there
// is then managed locally (属地化管理).
#include <string_view>

#include "domain/reference/region_tree.hpp"
#include "domain/registry/records.hpp"

namespace skillreg {

// A site inside the institution's own area is confirmed at once; one outside waits (M12).
ExamSiteStatus initial_exam_site_status(const RegionTree& regions, std::string_view institution_region,
                                        std::string_view site_region);

// Who confirms or refuses a site: an authority of the site's county or city (M12 考点所在地人力资源
// 和社会保障部门); not the province, and no authority elsewhere.
bool may_decide_exam_site(const RegionTree& regions, std::string_view decider_region, std::string_view site_region);

}  // namespace skillreg
