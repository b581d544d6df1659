#pragma once
// Named SQL of complaints and reports 投诉举报 (migration 0011).
#include <optional>
#include <string>
#include <vector>

#include "domain/supervision/records.hpp"
#include "store/database.hpp"
#include "store/paging.hpp"

namespace skillreg {

struct ComplaintQuery {
  std::vector<std::string> regions;  // routed to, or took place in, one of these
  std::string status;
  std::optional<std::int64_t> institution_id;
  PageRequest page;
};

class ComplaintRepo {
 public:
  explicit ComplaintRepo(Tx& tx) : tx_(tx) {}

  std::int64_t insert(const Complaint& c);
  std::optional<Complaint> find(std::int64_t id);
  std::optional<Complaint> by_tracking_no(const std::string& tracking_no);
  Page<Complaint> list(const ComplaintQuery& q);
  int recent_from(const std::string& source_hash, Instant since);

  void set_status(std::int64_t id, ComplaintStatus s, const std::string& reason);
  void set_inspection(std::int64_t id, std::int64_t inspection_id);
  void set_reply(std::int64_t id, bool substantiated, const std::string& reply, Instant at);

 private:
  Tx& tx_;
};

}  // namespace skillreg
