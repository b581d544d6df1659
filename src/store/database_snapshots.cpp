// Read snapshots kept open between the hot reads of sqlite_cached() (issue 4): when a kept
// snapshot may be used again, when it ends, and the sweeper that ends the idle ones.
#include <utility>

#include "store/database.hpp"

namespace skillreg {

namespace {

// How long a snapshot may answer when nothing was written in this process: the longest a write by
// another process (the command line on the same file) stays unseen by the hot reads.
constexpr auto kSnapshotMaxAge = std::chrono::seconds(1);
// How often the sweeper ends snapshots that are too old or behind a write, so that an idle
// thread's snapshot never keeps the WAL from being checkpointed for longer than about this.
constexpr auto kSweepEvery = std::chrono::milliseconds(250);

}  // namespace

std::uint64_t Database::next_serial() {
  static std::atomic<std::uint64_t> next{1};
  return next.fetch_add(1);
}

Database::~Database() {
  {
    std::lock_guard lock(readers_mu_);
    stopping_ = true;
  }
  sweeper_cv_.notify_all();
  if (sweeper_.joinable()) sweeper_.join();
}

// This thread's reader of this database, made (with its connection) on first use. A thread keeps
// pointers to the readers of every database it read through, told apart by serial number, so a
// database opened after another one closed never finds the closed one's reader.
Database::SnapshotReader& Database::snapshot_reader() {
  if (backend_ != Backend::sqlite) throw std::logic_error("kept statements are for SQLite only");
  thread_local std::vector<std::pair<std::uint64_t, SnapshotReader*>> mine;
  for (const auto& [serial, reader] : mine)
    if (serial == serial_) return *reader;
  auto made = std::make_unique<SnapshotReader>();
  made->conn = std::make_unique<Connection>(connect());
  SnapshotReader* reader = made.get();
  {
    std::lock_guard lock(readers_mu_);
    readers_.push_back(std::move(made));
    if (!sweeper_.joinable()) sweeper_ = std::thread([this] { sweep_snapshots(); });
  }
  mine.emplace_back(serial_, reader);
  return *reader;
}

// The connection with a snapshot that may answer now: the kept one while no write has ended in
// this process since it began and it is younger than kSnapshotMaxAge, otherwise a new one. The
// count of writes is read before BEGIN, so a snapshot is never credited with a write it misses.
Database::Connection& Database::enter_snapshot(SnapshotReader& r) {
  const auto now = std::chrono::steady_clock::now();
  const auto writes = writes_.load(std::memory_order_acquire);
  if (r.open && (r.writes != writes || now - r.began > kSnapshotMaxAge)) leave_snapshot(r, false);
  if (!r.conn) r.conn = std::make_unique<Connection>(connect());
  if (!r.open) {
    *r.conn->session << "BEGIN";
    r.open = true;
    r.writes = writes;
    r.began = now;
  }
  return *r.conn;
}

// Ends the snapshot; `discard` (after a driver error) also closes the connection, and the next
// read opens a fresh one.
void Database::leave_snapshot(SnapshotReader& r, bool discard) noexcept {
  if (r.open && r.conn) {
    try {
      *r.conn->session << "COMMIT";
    } catch (...) {
      discard = true;
    }
  }
  r.open = false;
  if (discard) r.conn.reset();
}

void Database::sweep_snapshots() {
  std::unique_lock lock(readers_mu_);
  while (!stopping_) {
    sweeper_cv_.wait_for(lock, kSweepEvery);
    const auto now = std::chrono::steady_clock::now();
    const auto writes = writes_.load(std::memory_order_acquire);
    for (auto& r : readers_) {
      std::unique_lock own(r->mu, std::try_to_lock);  // a reader busy now is not idle
      if (own && r->open && (r->writes != writes || now - r->began > kSnapshotMaxAge)) leave_snapshot(*r, false);
    }
  }
}

}  // namespace skillreg
