#pragma once
// Named SQL for the synthetic province (skillreg demo --scale): the execution records of plans
// (people, assignments, papers, videos), the certificate serials, and the ground truth of the
// irregularities injected. Statements are prepared once per transaction.
#include <string>

#include <soci/soci.h>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace skillreg {

class SyntheticRepo {
 public:
  explicit SyntheticRepo(Tx& tx);

  std::int64_t insert_person(const std::string& kind, const std::string& identity_no, const std::string& name,
                             std::optional<std::int64_t> employer_id, const std::string& region_code, Instant at);
  void insert_qualification(std::int64_t person_id, const std::string& subject_code, int level,
                            const std::string& valid_until);
  void assign(std::int64_t session_id, std::int64_t person_id, const std::string& role, Instant at);
  void paper(std::int64_t session_id, const std::string& paper_id, Instant generated_at, bool paperless, Instant at);
  void video(std::int64_t session_id, const std::string& room, const std::string& storage_id, Instant starts,
             Instant ends, const std::string& sha256, Instant at);
  void truth(const std::string& kind, const std::string& object_type, const std::string& object_id,
             std::int64_t plan_id, const std::string& detail);
  void set_serial(std::int64_t institution_id, int year, int level, int next_value);
  bool activity_exists();

 private:
  Tx& tx_;
  long long session_ = 0, person_ = 0, generated_ = 0, at_ = 0, starts_ = 0, ends_ = 0, plan_ = 0;
  std::string role_, paper_id_, room_, storage_, sha_, kind_, object_type_, object_id_, detail_;
  int paperless_ = 0;
  soci::statement assign_, paper_, video_, truth_;
};

}  // namespace skillreg
