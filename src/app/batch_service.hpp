#pragma once
// Bulk reporting (批量上报): an institution's exam software sends candidates, scores or the
// certificates to issue (the passed candidates, by identity number) of a plan
// as CSV or JSON in parts of at most a few MiB, then commits the batch. A background worker
// validates every row and either applies the whole batch in one transaction or refuses it whole
// with every row's errors (row, field, problem); nothing is ever half-applied. Memory stays
// bounded by one part: each row is checked and written in the same pass, in the one transaction
// that applies the batch; the first failing row rolls it back, and the rest are only checked.
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include "app/batch_policy.hpp"
#include "app/candidate_service.hpp"
#include "app/certificate_service.hpp"
#include "app/context.hpp"
#include "domain/accounts/actor.hpp"
#include "store/batch_repo.hpp"

namespace skillreg {

// A batch as its owner sees it while it runs: how far the worker is.
struct BatchView {
  Batch batch;
  std::string phase;      // "", "validating" or "applying"
  double progress = 0.0;  // the share of the parts' bytes read and checked (1 once all rows are)
};

class BatchService {
 public:
  BatchService(AppContext& ctx, CandidateService& candidates, CertificateService& certificates,
               ActivityPolicy policy, BatchPolicy limits = {});
  ~BatchService();
  BatchService(const BatchService&) = delete;
  BatchService& operator=(const BatchService&) = delete;

  Result<BatchView> create(const Actor& actor, const std::string& kind, std::int64_t plan_id,
                           const std::string& format);
  // A part must end at a line end (CSV) or be one JSON array of row objects; the first CSV part
  // starts with the header.
  Result<BatchView> add_part(const Actor& actor, std::int64_t id, const std::string& content, bool commit);
  Result<BatchView> commit(const Actor& actor, std::int64_t id);
  // An open batch its institution will not commit: withdrawn, its parts dropped.
  Result<BatchView> withdraw(const Actor& actor, std::int64_t id);
  Result<BatchView> batch(const Actor& actor, std::int64_t id);
  // The caller's batches (an institution's own; an authority's those of the institutions it
  // supervises) narrowed by `filter` (its scope fields are set here), without row errors.
  Result<Page<Batch>> list(const Actor& actor, BatchQuery filter);

  // At start-up: batches a stopped server left queued or processing are marked interrupted, and
  // open batches older than the policy's days expire.
  int recover();
  // Waits until the queue is empty (for the command line and tests of the service).
  void drain();

 private:
  // The batch if the actor reads (or, for_report, reports to) its plan; `authority` gets the plan's
  // supervising authority, the region of the batch's audit entries.
  Result<Batch> load(Tx& tx, const Actor& actor, std::int64_t id, bool for_report, std::string* authority = nullptr);
  void run();
  void process(std::int64_t id);
  // PostgreSQL: marks interrupted the unfinished batches of other nodes' workers that are gone
  // (and this worker's own left processing, if its lock had been lost meanwhile).
  int interrupt_orphans();
  // Open batches left uncommitted for longer than the policy's days: expired.
  int expire_stale();

  AppContext& ctx_;
  CandidateService& candidates_;
  CertificateService& certificates_;
  ActivityPolicy policy_;
  BatchPolicy limits_;
  std::mutex mutex_;
  std::condition_variable wake_, idle_;
  std::deque<std::int64_t> queue_;
  struct Progress {
    std::string phase;
    std::int64_t rows = 0;
    double share = 0.0;  // of the parts' bytes read and checked
  };
  std::map<std::int64_t, Progress> progress_;
  bool stop_ = false, busy_ = false;
  BatchWorkers workers_;  // before worker_, whose thread sweeps with it
  std::thread worker_;
};

}  // namespace skillreg
