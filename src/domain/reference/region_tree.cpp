#include "domain/reference/region_tree.hpp"

namespace skillreg {

std::string_view to_string(RegionLevel l) {
  switch (l) {
    case RegionLevel::province: return "province";
    case RegionLevel::city: return "city";
    case RegionLevel::county: return "county";
  }
  return "county";
}

std::optional<RegionLevel> parse_region_level(std::string_view s) {
  if (s == "province") return RegionLevel::province;
  if (s == "city") return RegionLevel::city;
  if (s == "county") return RegionLevel::county;
  return std::nullopt;
}

RegionTree::RegionTree(std::vector<Region> regions) : regions_(std::move(regions)) {
  for (std::size_t i = 0; i < regions_.size(); ++i) index_.emplace(regions_[i].code, i);
}

const Region* RegionTree::find(std::string_view code) const {
  auto it = index_.find(std::string(code));
  return it == index_.end() ? nullptr : &regions_[it->second];
}

bool RegionTree::contains(std::string_view ancestor, std::string_view code) const {
  const Region* r = find(code);
  // The tree is three levels deep; the bound guards against a cycle in bad data.
  for (int depth = 0; r != nullptr && depth < 8; ++depth) {
    if (r->code == ancestor) return true;
    r = r->parent_code.empty() ? nullptr : find(r->parent_code);
  }
  return false;
}

std::vector<std::string> RegionTree::subtree(std::string_view code) const {
  std::vector<std::string> out;
  for (const auto& r : regions_)
    if (contains(code, r.code)) out.push_back(r.code);
  return out;
}

}  // namespace skillreg
