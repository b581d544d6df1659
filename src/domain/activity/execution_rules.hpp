#pragma once
// Rules of an evaluation's execution records that need no database: papers 试题应用 (S19(6)),
// video recordings 视频管理 and their coverage of the sessions, and the plan archive 档案 whose
// required documents are policy data (M18, S19(11): data/archive_documents.csv).
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "domain/activity/personnel.hpp"
#include "domain/activity/records.hpp"

namespace skillreg {

// A paper's id is 1–64 printable ASCII characters without spaces; it was generated before the
// session ended. 422 naming the fields.
Status check_paper(const PlanSession& session, std::string_view paper_id, Instant generated_at);

// A recording names its room and storage (1–100 / 1–200 characters), ends after it starts,
// overlaps the session, and has a SHA-256 of 64 hex digits (give it lower-case). 422 naming
// the fields.
Status check_recording(const PlanSession& session, const Video& v);

// The share (0..1) of [start, end) covered by the union of the intervals; parts outside are
// ignored and overlapping intervals count once.
double coverage(Instant start, Instant end, std::vector<std::pair<Instant, Instant>> intervals);

struct RoomCoverage {
  std::string room;
  int recordings = 0;
  double coverage = 0;
};

// Per room used in the session's recordings, and always the session's own room (0 when none).
std::vector<RoomCoverage> session_coverage(const PlanSession& session,
                                           const std::vector<Video>& videos);

// One kind of document a plan's archive must hold.
struct ArchiveDocumentKind {
  std::string key, text_zh, text_en;
};

class ArchiveCatalogue {
 public:
  // Header key,text_zh,text_en; keys are lower-case [a-z0-9_], unique. 422 naming lines.
  static Result<ArchiveCatalogue> parse(std::string_view csv);
  // The embedded data/archive_documents.csv (throws at start-up if it is broken).
  static const ArchiveCatalogue& required();

  const std::vector<ArchiveDocumentKind>& kinds() const { return kinds_; }
  const ArchiveDocumentKind* find(std::string_view key) const;

 private:
  std::vector<ArchiveDocumentKind> kinds_;
};

// M18, S19(11): present / required over the catalogue's keys (1 when nothing is required).
double archive_completeness(const ArchiveCatalogue& catalogue,
                            const std::vector<std::string>& present_keys);

}  // namespace skillreg
