#pragma once
// The region tree 省 → 市 → 县 (GB/T 2260 codes; Zhejiang is 330000). Data scope follows it:
// an authority sees its own region and everything under it (REQUIREMENTS.md section 1, S5).
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace skillreg {

enum class RegionLevel { province, city, county };

struct Region {
  std::string code;
  std::string name;
  RegionLevel level = RegionLevel::county;
  std::string parent_code;  // empty for the province
};

std::string_view to_string(RegionLevel l);
std::optional<RegionLevel> parse_region_level(std::string_view s);

class RegionTree {
 public:
  RegionTree() = default;
  explicit RegionTree(std::vector<Region> regions);

  const Region* find(std::string_view code) const;
  // True when `code` is `ancestor` itself or lies under it. Unknown codes are inside nothing.
  bool contains(std::string_view ancestor, std::string_view code) const;
  // `code` and every region under it.
  std::vector<std::string> subtree(std::string_view code) const;
  const std::vector<Region>& all() const { return regions_; }

 private:
  std::vector<Region> regions_;
  std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace skillreg
