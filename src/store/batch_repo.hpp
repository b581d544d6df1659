#pragma once
// Persistence of bulk batches: the batch record with its progress and row errors, and its parts.
#include <memory>
#include <mutex>
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
// while processing (nothing of it was applied); an open batch is withdrawn by its institution or
// expires when left open too long (its parts are dropped, nothing is applied).
enum class BatchStatus { open, queued, processing, applied, refused, interrupted, withdrawn, expired };

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
  // While processing: how far it has got, as the node doing the work last published it.
  std::string phase;
  double progress = 0.0;
};

// A list of batches: the caller's scope (its institution, or the plans of these authorities'
// areas: those of the institutions they supervise and those held at exam sites there) narrowed
// by the filters.
struct BatchQuery {
  std::optional<std::int64_t> institution_id;
  std::vector<std::string> authorities;
  std::optional<BatchStatus> status;
  std::optional<BatchKind> kind;
  std::optional<std::int64_t> of_institution;
  PageRequest page;
};

// Whose batch is it (PostgreSQL, several nodes behind one database, docs/deploy.md): each node's
// batch worker takes a random number and holds a session advisory lock on it, on a connection of
// its own, for as long as its process lives. A batch it queues carries the number. A node that
// starts (or sweeps) marks interrupted only the batches of workers whose lock it can take, that
// is, whose process is gone: a node restarting must not interrupt the batches another node is
// still working on. SQLite is served by one process: the number is 0 and every worker is gone.
class BatchWorkers {
 public:
  explicit BatchWorkers(const Database& db);
  ~BatchWorkers();
  BatchWorkers(const BatchWorkers&) = delete;
  BatchWorkers& operator=(const BatchWorkers&) = delete;

  std::int64_t number() const {
    std::lock_guard lock(mutex_);
    return number_;
  }
  // Whether `worker` (another node's) is gone: its lock is free. True for 0 (no owner recorded).
  bool gone(std::int64_t worker);
  // Makes sure this worker still holds its lock. A PostgreSQL restart (or a terminated backend)
  // ends the session and the lock with it, and other nodes would take this node's batches for
  // orphans: the session is opened again and the lock taken again (on a new number if another
  // worker holds it meanwhile). True when it had been lost.
  bool keep();
  // Publishes how far a batch has got on the worker's own session, outside the transaction that
  // applies it, so that other nodes can show it. PostgreSQL only; a failure is only logged.
  void publish_progress(std::int64_t batch_id, const std::string& phase, std::int64_t rows, double share);

 private:
  bool try_lock(std::int64_t worker);  // pg_try_advisory_lock on the session
  void take_a_number();                // draws numbers until one's lock is free, and holds it

  const Database& db_;
  std::int64_t number_ = 0;
  mutable std::mutex mutex_;
  std::unique_ptr<soci::session> session_;  // PostgreSQL: holds the lock on number_
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
  // The open batches created before `cutoff`: marked expired, their parts dropped.
  struct Expired {
    std::int64_t id = 0, institution_id = 0;
    std::string authority_code;  // the plan's
  };
  std::vector<Expired> expire_open(Instant cutoff, Instant now);
  // A processing batch that failed for a reason of the server's (not its rows): interrupted.
  void interrupt(std::int64_t batch_id);
  // Batches left processing by a stopped server: nothing was applied (one transaction).
  int mark_interrupted();
  // Several nodes on PostgreSQL: the batch worker that queued a batch (BatchWorkers::number()).
  void set_worker(std::int64_t batch_id, std::int64_t worker);
  std::vector<std::int64_t> unfinished_workers();
  // Marks the queued and processing batches of `worker` interrupted and drops their parts.
  int mark_interrupted(std::int64_t worker);

 private:
  Tx& tx_;
};

}  // namespace skillreg
