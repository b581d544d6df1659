#pragma once
// Persistence of bulk batches: the batch record with its progress and row errors, and its parts.
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"
#include "store/paging.hpp"

namespace skillreg {

enum class BatchKind { candidates, scores, certificates };
enum class BatchFormat { csv, json };
// open (taking parts) → queued → processing → applied | refused; interrupted if the server stopped
// while processing (nothing of it was applied).
enum class BatchStatus { open, queued, processing, applied, refused, interrupted };

std::optional<BatchKind> parse_batch_kind(std::string_view s);
std::string_view to_string(BatchKind k);
std::optional<BatchFormat> parse_batch_format(std::string_view s);
std::string_view to_string(BatchFormat f);
std::optional<BatchStatus> parse_batch_status(std::string_view s);
std::string_view to_string(BatchStatus s);

struct Batch {
  std::int64_t id = 0;
  std::int64_t institution_id = 0, plan_id = 0;
  BatchKind kind = BatchKind::candidates;
  BatchFormat format = BatchFormat::csv;
  BatchStatus status = BatchStatus::open;
  std::int64_t total_rows = 0, processed_rows = 0, error_count = 0;
  std::string errors_json = "[]";  // the first errors: [{"row":N,"field":"…","problem":"…"}]
  std::int64_t submitted_by = 0;
  std::int64_t parts = 0, bytes = 0;
  Instant created_at = 0;
  std::optional<Instant> finished_at;
};

// A list of batches: the caller's scope (its institution, or the institutions these authorities
// supervise) narrowed by the filters.
struct BatchQuery {
  std::optional<std::int64_t> institution_id;
  std::vector<std::string> authorities;
  std::optional<BatchStatus> status;
  std::optional<BatchKind> kind;
  std::optional<std::int64_t> of_institution;
  PageRequest page;
};

class BatchRepo {
 public:
  explicit BatchRepo(Tx& tx) : tx_(tx) {}

  std::int64_t insert(const Batch& b);
  std::optional<Batch> find(std::int64_t id);
  // Newest first, without the row errors (errors_json stays "[]"; error_count counts them).
  Page<Batch> list(const BatchQuery& q);
  void add_part(std::int64_t batch_id, std::int64_t seq, const std::string& content);
  std::int64_t part_count(std::int64_t batch_id);
  std::optional<std::string> part(std::int64_t batch_id, std::int64_t seq);
  // The part as stored (sealed), for a thread that opens it itself (opened_text).
  std::optional<std::string> stored_part(std::int64_t batch_id, std::int64_t seq);
  void update_status(const Batch& b);
  void drop_parts(std::int64_t batch_id);
  // Batches left processing by a stopped server: nothing was applied (one transaction).
  int mark_interrupted();

 private:
  Tx& tx_;
};

}  // namespace skillreg
