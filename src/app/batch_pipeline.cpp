#include "app/batch_pipeline.hpp"

namespace skillreg {

std::optional<std::optional<std::string>> BatchPipeline::part(std::int64_t seq) {
  std::unique_lock lock(mu_);
  if (stopped_) return std::nullopt;
  wanted_ = seq;
  answer_.reset();
  changed_.notify_all();
  changed_.wait(lock, [this] { return stopped_ || answer_.has_value(); });
  if (!answer_) return std::nullopt;
  auto out = std::move(*answer_);
  answer_.reset();
  return out;
}

bool BatchPipeline::push(Chunk chunk) {
  std::unique_lock lock(mu_);
  changed_.wait(lock, [this] { return stopped_ || queue_.size() < kQueuedChunks; });
  if (stopped_) return false;
  queue_.push_back(std::move(chunk));
  changed_.notify_all();
  return true;
}

bool BatchPipeline::behind() const {
  std::lock_guard lock(mu_);
  return queue_.size() * 2 >= kQueuedChunks;
}

BatchPipeline::Chunk BatchPipeline::spare() {
  Chunk c;
  {
    std::lock_guard lock(mu_);
    if (!spares_.empty()) {
      c = std::move(spares_.front());
      spares_.pop_front();
    }
  }
  c.clear();
  c.reserve(kChunkRows);
  return c;
}

void BatchPipeline::recycle(Chunk written) {
  std::lock_guard lock(mu_);
  if (spares_.size() < kQueuedChunks) spares_.push_back(std::move(written));
}

void BatchPipeline::finish(bool clean, std::exception_ptr error) {
  std::lock_guard lock(mu_);
  finished_ = true;
  clean_ = clean && !error;
  error_ = std::move(error);
  changed_.notify_all();
}

BatchPipeline::Work BatchPipeline::next() {
  std::unique_lock lock(mu_);
  changed_.wait(lock, [this] { return stopped_ || wanted_ || !queue_.empty() || finished_; });
  Work w;
  if (wanted_) {
    w.part_wanted = *wanted_;
    wanted_.reset();
  } else if (!queue_.empty() && !(finished_ && !clean_)) {
    w.chunk = std::move(queue_.front());
    queue_.pop_front();
    changed_.notify_all();
  } else {
    w.finished = true;
  }
  return w;
}

void BatchPipeline::answer(std::optional<std::string> part) {
  std::lock_guard lock(mu_);
  answer_ = std::move(part);
  changed_.notify_all();
}

void BatchPipeline::stop() {
  std::lock_guard lock(mu_);
  stopped_ = true;
  changed_.notify_all();
}

bool BatchPipeline::clean() const {
  std::lock_guard lock(mu_);
  return clean_;
}

std::exception_ptr BatchPipeline::error() const {
  std::lock_guard lock(mu_);
  return error_;
}

}  // namespace skillreg
