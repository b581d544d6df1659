#pragma once
// Named SQL of the supervision archive 监管档案 (S8, S11): the facts the credit standing is
// derived from, and one institution's timeline.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/date.hpp"
#include "domain/supervision/credit_standing.hpp"
#include "store/database.hpp"

namespace skillreg {

struct TimelineEntry {
  Instant at = 0;
  std::string type;  // inspection | rectification | complaint | sampling | monitoring | sanction
  std::string article;
  std::string summary;  // English words, for API clients
  // The same as data for clients that word it themselves (the console, in zh or en):
  // {"kind": "<type>", …the record's codes, dates and numbers}.
  nlohmann::json event = nlohmann::json::object();
  std::string ref_type;
  std::int64_t ref_id = 0;
};

class ArchiveRepo {
 public:
  explicit ArchiveRepo(Tx& tx) : tx_(tx) {}

  // The facts of every institution in `ids` (all institutions when empty), as of `now`.
  std::map<std::int64_t, StandingFacts> facts(const std::vector<std::int64_t>& ids, Instant now, Date today);
  std::vector<TimelineEntry> timeline(std::int64_t institution_id);

 private:
  Tx& tx_;
};

}  // namespace skillreg
