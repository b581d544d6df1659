#pragma once
// The two threads that apply a batch (app/batch_service.cpp): a reader parses and checks the rows
// while the writer, which holds the batch's one transaction, writes the rows checked so far. The
// identity numbers are sealed by whichever of the two has time to spare (behind()), so on two
// cores the batch takes about the longer of the two threads' shares of the work.
//
// The reader hands over chunks of checked rows through a short queue, so memory stays bounded by
// a few chunks beside the part being read. It asks the writer for each part: only the
// transaction's own connection reads them, so the batch needs no second connection of the pool.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/activity/records.hpp"
#include "store/identity_columns.hpp"

namespace skillreg {

// A row that passed every check, ready to write.
struct CheckedRow {
  std::optional<Candidate> candidate;  // a candidate batch's row
  // Its identity number as stored: the index always; `sealed` empty until sealed, by the reader
  // while the writer is behind (BatchPipeline::behind()), else by the writer.
  StoredIdentity identity;
  // A candidate row's eligibility verdict, as the batch's EligibilityCache keeps it (the
  // candidate's own eligibility_json is left empty).
  const std::string* verdict = nullptr;
  std::int64_t candidate_id = 0;       // the candidate a score or certificate row names
  Part part = Part::theory;
  double score = 0;
};

class BatchPipeline {
 public:
  using Chunk = std::vector<CheckedRow>;
  static constexpr std::size_t kChunkRows = 1024;
  static constexpr std::size_t kQueuedChunks = 8;

  // Reader side; each call waits for the writer. A part as BatchRepo::stored_part() gives it, or
  // nothing once the writer has stopped.
  std::optional<std::optional<std::string>> part(std::int64_t seq);
  // False once the writer has stopped: the reader should return.
  bool push(Chunk chunk);
  // Half the queue or more waits for the writer: the reader should do work the writer would
  // otherwise do (sealing), since the writer is the slower of the two; else the writer waits for
  // the reader and should take that work on. Whichever thread is faster then helps the other.
  bool behind() const;
  // An empty chunk to fill: one the writer has written, emptied here so that the reader, which
  // allocated its rows' strings, also frees them (a free on another thread costs more).
  Chunk spare();
  // The reader is done: `clean` when every row was read and passed; else it stopped at the first
  // row that failed, at a structural problem, or on an exception (`error`).
  void finish(bool clean, std::exception_ptr error = nullptr);

  // Writer side: the next thing to do, in this order: a part the reader waits for, a chunk to
  // write, or the end (at once when the reader found a bad row: the chunks left are not needed).
  struct Work {
    std::optional<std::int64_t> part_wanted;
    std::optional<Chunk> chunk;
    bool finished = false;
  };
  Work next();
  void answer(std::optional<std::string> part);
  void recycle(Chunk written);
  // The writer gives up (an error, the server stopping) or is done: the reader's calls return.
  void stop();
  bool clean() const;
  std::exception_ptr error() const;

 private:
  mutable std::mutex mu_;
  std::condition_variable changed_;
  std::deque<Chunk> queue_, spares_;
  std::optional<std::int64_t> wanted_;
  std::optional<std::optional<std::string>> answer_;
  bool finished_ = false, clean_ = false, stopped_ = false;
  std::exception_ptr error_;
};

}  // namespace skillreg
