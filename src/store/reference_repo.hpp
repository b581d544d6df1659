#pragma once
// Reference data: regions, occupations (职业分类大典 2022), skill levels, the holiday calendar.
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "domain/reference/region_tree.hpp"
#include "store/database.hpp"
#include "store/paging.hpp"

namespace skillreg {

struct Occupation {
  std::string code;  // 大典 code, e.g. "6-18-02-04"
  std::string name;
  std::string category;
  bool in_catalog = false;  // in the 国家职业资格目录 (M6: appraisal institutions only)
};

struct SkillLevel {
  std::string code;  // "5".."1", or "XT", "TJ", "SX"
  std::string name;
  std::string alias;
  int ordinal = 0;  // low to high
};

struct OccupationQuery {
  std::string q;                   // code prefix or name substring
  std::optional<bool> in_catalog;  // filter
  PageRequest page;
};

class ReferenceRepo {
 public:
  explicit ReferenceRepo(Tx& tx) : tx_(tx) {}

  bool is_loaded();
  void insert_region(const Region& r);
  void insert_occupation(const Occupation& o);
  void insert_level(const SkillLevel& l);
  void insert_calendar_entry(const CalendarEntry& e);

  std::vector<Region> regions();
  Page<Occupation> occupations(const OccupationQuery& q);
  std::optional<Occupation> occupation(const std::string& code);
  std::vector<SkillLevel> levels();
  std::vector<CalendarEntry> calendar();

 private:
  Tx& tx_;
};

}  // namespace skillreg
