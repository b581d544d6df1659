#pragma once
// Named SQL of supervision's roster, plans and draws (migration 0011).
#include <optional>
#include <string>
#include <vector>

#include "domain/supervision/records.hpp"
#include "store/database.hpp"
#include "store/paging.hpp"

namespace skillreg {

// A nullable id column bound for writing.
struct NullableId {
  long long value = 0;
  soci::indicator ind = soci::i_null;
  explicit NullableId(std::optional<std::int64_t> v) : value(v.value_or(0)), ind(v ? soci::i_ok : soci::i_null) {}
};

struct ScopeQuery {
  std::vector<std::string> regions;  // the caller's region and those below it
  PageRequest page;
};

class SupervisionRepo {
 public:
  explicit SupervisionRepo(Tx& tx) : tx_(tx) {}

  std::int64_t insert_inspector(const Inspector& i);
  std::optional<Inspector> inspector(std::int64_t id);
  Page<Inspector> inspectors(const ScopeQuery& q);
  // The active roster of one authority's region (M27: 执法检查人员名录库).
  std::vector<Inspector> roster(const std::string& region_code);
  std::optional<std::int64_t> inspector_of_user(std::int64_t user_id);

  std::int64_t insert_plan(const SupervisionPlan& p);
  std::optional<SupervisionPlan> plan(std::int64_t id);
  Page<SupervisionPlan> plans(const ScopeQuery& q, std::optional<int> year);

  std::int64_t insert_draw(const Draw& d);
  std::optional<Draw> draw(std::int64_t id);
  Page<Draw> draws(const ScopeQuery& q, std::optional<std::int64_t> plan_id, const std::string& status);
  // Published or not: the public portal's list has no seed nor result until published.
  Page<Draw> all_draws(PageRequest page);
  std::vector<std::int64_t> draws_of_plan(std::int64_t plan_id);
  void set_drawn(std::int64_t id, const std::string& result_json, Instant at);
  void set_completion(std::int64_t id, Date completed_on, Date publish_due);
  void set_published(std::int64_t id, Instant at);
  // Drawn draws whose publication day has come (the daily job).
  std::vector<std::int64_t> draws_due(Date today);

  // Avoidance facts (M27): institutions an inspector is tied to, by identity number: employer of
  // a registered person with that number, or the institution of a plan they examined since `since`.
  std::vector<std::string> tied_codes(const Inspector& i, Instant since);
  // The inspectors of each institution's most recent inspection with inspectors.
  std::vector<std::pair<std::string, std::int64_t>> last_inspectors(const std::vector<std::int64_t>& institutions);

 private:
  Tx& tx_;
};

}  // namespace skillreg
