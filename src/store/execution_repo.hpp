#pragma once
// Persistence of an evaluation's execution records: papers 试题应用, video recordings 视频管理
// and the plan archive's documents 档案 (M18, S19(6), S19(11)).
#include <optional>
#include <string>
#include <vector>

#include "domain/activity/personnel.hpp"
#include "store/database.hpp"

namespace skillreg {

class ExecutionRepo {
 public:
  explicit ExecutionRepo(Tx& tx) : tx_(tx) {}

  std::optional<Paper> paper_of_session(std::int64_t session_id);
  void insert_paper(const Paper& p);
  std::vector<Paper> papers_of_plan(std::int64_t plan_id);
  // Other plans whose sessions used this paper id, ascending.
  std::vector<std::int64_t> other_plans_using(const std::string& paper_id, std::int64_t plan_id);

  bool video_exists(std::int64_t session_id, const std::string& storage_id);
  std::int64_t insert_video(const Video& v);
  std::vector<Video> videos_of_plan(std::int64_t plan_id);

  std::optional<PlanDocument> document(std::int64_t plan_id, const std::string& key);
  void put_document(const PlanDocument& d);  // replaces the key's earlier document
  std::vector<PlanDocument> documents_of_plan(std::int64_t plan_id);

 private:
  Tx& tx_;
};

}  // namespace skillreg
