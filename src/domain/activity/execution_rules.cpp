#include "domain/activity/execution_rules.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "core/csv.hpp"
#include "core/embedded.hpp"
#include "domain/activity/plan_rules.hpp"

namespace skillreg {

namespace {

constexpr std::string_view kCatalogueFile = "data/archive_documents.csv";

bool is_hex64(std::string_view s) {
  return s.size() == 64 && std::ranges::all_of(s, [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

bool is_key(std::string_view s) {
  return !s.empty() && s.size() <= 64 && std::ranges::all_of(s, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

Status check_paper(const PlanSession& session, std::string_view paper_id, Instant generated_at) {
  std::vector<FieldProblem> problems;
  if (paper_id.empty())
    problems.push_back({"paper_id", "required"});
  else if (paper_id.size() > 64)
    problems.push_back({"paper_id", "too_long"});
  else if (!std::ranges::all_of(paper_id, [](char c) { return c > 0x20 && c < 0x7F; }))
    problems.push_back({"paper_id", "must_be_printable_ascii"});
  if (generated_at >= session.ends_at)
    problems.push_back({"generated_at", "not_before_session_end"});
  if (!problems.empty()) return invalid(problems);
  return {};
}

Status check_recording(const PlanSession& session, const Video& v) {
  std::vector<FieldProblem> problems;
  if (v.room.empty())
    problems.push_back({"room", "required"});
  else if (v.room.size() > 100)
    problems.push_back({"room", "too_long"});
  if (v.storage_id.empty())
    problems.push_back({"storage_id", "required"});
  else if (v.storage_id.size() > 200)
    problems.push_back({"storage_id", "too_long"});
  if (!is_hex64(v.sha256)) problems.push_back({"sha256", "must_be_64_hex_digits"});
  if (v.ends_at <= v.starts_at)
    problems.push_back({"ends_at", "not_after_starts_at"});
  else if (!overlaps(v.starts_at, v.ends_at, session.starts_at, session.ends_at))
    problems.push_back({"starts_at", "outside_the_session"});
  if (!problems.empty()) return invalid(problems);
  return {};
}

double coverage(Instant start, Instant end, std::vector<std::pair<Instant, Instant>> intervals) {
  if (end <= start) return 0;
  for (auto& [a, b] : intervals) {
    a = std::max(a, start);
    b = std::min(b, end);
  }
  std::erase_if(intervals, [](const auto& i) { return i.second <= i.first; });
  std::ranges::sort(intervals);
  Instant covered = 0, reach = start;
  for (const auto& [a, b] : intervals) {
    const Instant from = std::max(a, reach);
    if (b > from) {
      covered += b - from;
      reach = b;
    }
  }
  return double(covered) / double(end - start);
}

std::vector<RoomCoverage> session_coverage(const PlanSession& session,
                                           const std::vector<Video>& videos) {
  std::vector<std::string> rooms{session.room};
  for (const auto& v : videos)
    if (v.session_id == session.id && std::ranges::find(rooms, v.room) == rooms.end())
      rooms.push_back(v.room);
  std::vector<RoomCoverage> out;
  for (const auto& room : rooms) {
    RoomCoverage c{room, 0, 0};
    std::vector<std::pair<Instant, Instant>> intervals;
    for (const auto& v : videos)
      if (v.session_id == session.id && v.room == room) {
        intervals.emplace_back(v.starts_at, v.ends_at);
        ++c.recordings;
      }
    c.coverage = coverage(session.starts_at, session.ends_at, std::move(intervals));
    out.push_back(std::move(c));
  }
  return out;
}

Result<ArchiveCatalogue> ArchiveCatalogue::parse(std::string_view csv) {
  auto records = read_csv_records(csv, {"key", "text_zh", "text_en"});
  if (!records) return std::unexpected(records.error());
  ArchiveCatalogue out;
  std::vector<FieldProblem> problems;
  std::set<std::string> seen;
  for (auto& r : *records) {
    const std::string line = "line " + std::to_string(r.line);
    ArchiveDocumentKind k{r.values["key"], r.values["text_zh"], r.values["text_en"]};
    if (!is_key(k.key))
      problems.push_back({line, "bad_key"});
    else if (!seen.insert(k.key).second)
      problems.push_back({line, "duplicate_key"});
    if (k.text_zh.empty() || k.text_en.empty()) problems.push_back({line, "text_required"});
    out.kinds_.push_back(std::move(k));
  }
  if (!problems.empty()) return invalid(problems);
  return out;
}

const ArchiveCatalogue& ArchiveCatalogue::required() {
  static const ArchiveCatalogue catalogue = [] {
    const auto text = embedded::find(kCatalogueFile);
    if (!text) throw std::logic_error("missing embedded file " + std::string(kCatalogueFile));
    auto parsed = parse(*text);
    if (!parsed) throw std::logic_error(std::string(kCatalogueFile) + " is invalid");
    return *std::move(parsed);
  }();
  return catalogue;
}

const ArchiveDocumentKind* ArchiveCatalogue::find(std::string_view key) const {
  for (const auto& k : kinds_)
    if (k.key == key) return &k;
  return nullptr;
}

double archive_completeness(const ArchiveCatalogue& catalogue,
                            const std::vector<std::string>& present_keys) {
  if (catalogue.kinds().empty()) return 1;
  int present = 0;
  for (const auto& k : catalogue.kinds())
    present += std::ranges::find(present_keys, k.key) != present_keys.end();
  return double(present) / double(catalogue.kinds().size());
}

}  // namespace skillreg
