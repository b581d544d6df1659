#pragma once
// Use cases of an evaluation's execution records, reported by the plan's institution while the
// plan is not cancelled, read by everyone who may read the plan:
//   - papers 试题应用: one per session, from the unified bank; a paper id used by another plan,
//     or a paper not paperless in a paperless plan, is flagged (S19(6));
//   - video recordings 视频管理 per session and room, with the share of the session covered;
//   - the archive 档案 (M18, S19(11)): the documents data/archive_documents.csv requires, with
//     presence and completeness.
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/accounts/actor.hpp"
#include "domain/activity/execution_rules.hpp"
#include "domain/activity/personnel.hpp"

namespace skillreg {

struct PaperInput {
  std::int64_t session_id = 0;
  std::string paper_id, generated_at;  // generated_at: ISO 8601 instant
  bool paperless = false;
};

struct PaperFlag {
  std::string rule, article;
};

struct PaperView {
  Paper paper;
  std::vector<std::int64_t> reused_in_plans;
  std::vector<PaperFlag> flags;  // paper_reused, not_paperless
};

struct VideoInput {
  std::int64_t session_id = 0;
  std::string room, storage_id, starts_at, ends_at, sha256;
};

struct SessionRecordings {
  PlanSession session;
  std::vector<Video> videos;
  std::vector<RoomCoverage> rooms;
  double coverage = 0;  // the least covered room's share
};

struct ArchiveItem {
  ArchiveDocumentKind kind;
  std::optional<PlanDocument> document;
};

struct ArchiveView {
  std::vector<ArchiveItem> items;
  int required = 0, present = 0;
  double completeness = 0;
};

inline constexpr std::size_t kMaxArchiveDocumentBytes = 20 * 1024 * 1024;

class ExecutionService {
 public:
  explicit ExecutionService(AppContext& ctx) : ctx_(ctx) {}

  // 409 when the session already has its paper.
  Result<PaperView> record_paper(const Actor& actor, std::int64_t plan_id, const PaperInput& input);
  Result<std::vector<PaperView>> papers(const Actor& actor, std::int64_t plan_id);

  // 409 when the session already has a recording with this storage id.
  Result<Video> record_video(const Actor& actor, std::int64_t plan_id, const VideoInput& input);
  Result<std::vector<SessionRecordings>> videos(const Actor& actor, std::int64_t plan_id);

  // The file (PDF, PNG or JPEG, sniffed) for one required key; a later upload of the same key
  // replaces it, and the audit keeps both hashes.
  Result<PlanDocument> put_document(const Actor& actor, std::int64_t plan_id,
                                    const std::string& key, const std::string& file_name,
                                    const std::string& content_type, const std::string& bytes);
  Result<ArchiveView> documents(const Actor& actor, std::int64_t plan_id);

 private:
  AppContext& ctx_;
};

}  // namespace skillreg
