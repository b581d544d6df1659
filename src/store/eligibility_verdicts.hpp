#pragma once
// The verdicts of the re-check of the application conditions (申报条件复核, S19(2)), stored once
// per distinct JSON text in eligibility_verdicts (migration 0017); a candidate row holds the id.
// A plan of 100,000 candidates has about a dozen distinct verdicts, so the candidates table keeps
// 8 bytes a row instead of ~200 and a batch asks the database once per distinct verdict.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/database.hpp"

namespace skillreg {

class EligibilityVerdicts {
 public:
  explicit EligibilityVerdicts(Tx& tx) : tx_(tx) {}

  // The id of `verdict`, inserted when the database does not hold it yet. Ids are remembered for
  // the life of this object, which must not outlive its transaction (a rollback forgets them).
  std::int64_t id_of(const std::string& verdict);
  // The same, for a text that stays at `verdict` unchanged while this object lives: known
  // addresses are answered without reading the text.
  std::int64_t id_of(const std::string* verdict);

 private:
  // The verdicts are JSON texts of a few hundred bytes: their length and eight words spread over
  // them tell a dozen apart, and comparing the text settles the rest. (Hashing every byte of
  // every row's verdict, or std::unordered_map's linear search of a small map comparing whole
  // texts, cost a bulk batch's writer thread a few per cent.)
  static std::uint64_t sample_hash(std::string_view s) noexcept;
  struct Known {
    std::string verdict;
    std::int64_t id = 0;
  };
  Tx& tx_;
  std::unordered_map<std::uint64_t, std::vector<Known>> ids_;  // by sample_hash
  // By address, in the order met: a batch meets a few dozen at most, and scanning a short array
  // costs less than a hash table's lookup (a division and three dependent loads) on every row.
  std::vector<std::pair<const std::string*, std::int64_t>> by_address_;
};

}  // namespace skillreg
