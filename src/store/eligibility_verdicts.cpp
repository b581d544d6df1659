#include "store/eligibility_verdicts.hpp"

#include <cstring>
#include <stdexcept>

namespace skillreg {

namespace {

constexpr const char* kSelectVerdict = "SELECT id FROM eligibility_verdicts WHERE verdict = :v";
// Two transactions may meet the same new verdict: the second waits for the first and then takes
// its row (PostgreSQL, read committed); SQLite has one writer at a time.
constexpr const char* kInsertVerdict =
    "INSERT INTO eligibility_verdicts (verdict) VALUES (:v) ON CONFLICT (verdict) DO NOTHING";

}  // namespace

std::uint64_t EligibilityVerdicts::sample_hash(std::string_view s) noexcept {
  std::uint64_t h = s.size() * 0x9E3779B97F4A7C15ULL;
  if (s.size() < 8) {
    for (unsigned char c : s) h = (h ^ c) * 0x100000001B3ULL;
    return h;
  }
  for (std::size_t k = 0; k < 8; ++k) {
    std::uint64_t w = 0;
    std::memcpy(&w, s.data() + (s.size() - 8) * k / 7, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
    h ^= h >> 32;
  }
  return h;
}

std::int64_t EligibilityVerdicts::id_of(const std::string& verdict) {
  auto& same_hash = ids_[sample_hash(verdict)];
  for (const auto& k : same_hash)
    if (k.verdict == verdict) return k.id;
  long long id = 0;
  tx_.sql << kSelectVerdict, soci::use(verdict), soci::into(id);
  if (!tx_.sql.got_data()) {
    tx_.sql << kInsertVerdict, soci::use(verdict);
    tx_.sql << kSelectVerdict, soci::use(verdict), soci::into(id);
    if (!tx_.sql.got_data()) throw std::runtime_error("eligibility verdict not stored");
  }
  same_hash.push_back({verdict, id});
  return id;
}

std::int64_t EligibilityVerdicts::id_of(const std::string* verdict) {
  for (const auto& [address, id] : by_address_)
    if (address == verdict) return id;
  const std::int64_t id = id_of(*verdict);
  by_address_.emplace_back(verdict, id);
  return id;
}

}  // namespace skillreg
