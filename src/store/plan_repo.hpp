#pragma once
// Persistence of evaluation plans (评价计划) with their sessions and change history.
#include <optional>
#include <string>
#include <vector>

#include "domain/activity/records.hpp"
#include "store/database.hpp"
#include "store/paging.hpp"

namespace skillreg {

struct PlanQuery {
  std::vector<std::string> authorities;      // supervising authorities in scope (empty: any)
  std::vector<std::string> site_regions;     // or exam sites in these regions (M12 属地化管理)
  std::optional<std::int64_t> institution_id;  // or the institution's own plans
  std::optional<std::int64_t> filter_institution_id;  // and only this institution's
  std::optional<PlanStatus> status;
  std::string subject_code;
  int level = 0;
  std::string from, to;                      // first session between these dates (inclusive)
  PageRequest page;
};

struct PlanChange {
  std::int64_t id = 0;
  std::int64_t changed_by = 0;
  std::string reason, before_json, after_json;
  Instant at = 0;
};

class PlanRepo {
 public:
  explicit PlanRepo(Tx& tx) : tx_(tx) {}

  std::int64_t insert(const Plan& p);  // with its sessions
  void update(const Plan& p);          // replaces the sessions
  std::optional<Plan> find(std::int64_t id);
  Page<Plan> list(const PlanQuery& q);
  std::optional<PlanSession> session(std::int64_t session_id);
  // Plans of the institution not cancelled and without published results (S21: closed on cancellation).
  std::vector<std::int64_t> open_plans_of(std::int64_t institution_id);
  void cancel(std::int64_t id, const std::string& reason, Instant at);

  void insert_change(std::int64_t plan_id, std::int64_t by, const std::string& reason,
                     const std::string& before, const std::string& after, Instant at);
  std::vector<PlanChange> changes(std::int64_t plan_id);

 private:
  void insert_sessions(const Plan& p);
  std::vector<PlanSession> sessions_of(std::int64_t plan_id);
  Tx& tx_;
};

}  // namespace skillreg
