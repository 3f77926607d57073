#pragma once
// Moves WAL checkpoints off the writer thread. SQLite's default checkpoints inside the commit
// that crosses 1000 WAL pages, which stalls every write queued behind it; here the writer's
// commit only notes the WAL size, and this thread copies the WAL into the database with a
// PASSIVE checkpoint (it never blocks the writer or readers). Under sustained writes such a
// checkpoint rarely catches the WAL's end, so SQLite rarely starts the WAL over; past
// `hard_limit_pages` the writer waits for the pass in progress, checkpoints the rest itself
// (usually little), the WAL starts over at the next write, and its file stays near that size
// (plus the last group: at most 8 MiB).

#include "sqlite_db.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace hookflow::engine::store {

class checkpointer {
 public:
  // 4x SQLite's default threshold (1000): a page rewritten by many commits (the tail of each
  // b-tree) is copied once per pass, so fewer passes copy less (checkpoint CPU per webhook run
  // 4.5 -> 2.6 us on the benchmark).
  static constexpr int soft_limit_pages = 4000;
  static constexpr int hard_limit_pages = 8 * 1000;  // ~32 MB of 4 KiB pages

  /// Takes over checkpointing for `writer` (which must outlive this object) on the database at
  /// `path`, through a connection of its own.
  checkpointer(connection& writer, const std::string& path);
  ~checkpointer();
  checkpointer(const checkpointer&) = delete;
  checkpointer& operator=(const checkpointer&) = delete;

 private:
  static int on_commit(void* self, sqlite3* db, const char* schema, int wal_pages);
  void catch_up(sqlite3* db, const char* schema);
  void loop();

  connection& writer_;
  connection own_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable pass_done_;
  bool requested_ = false;
  bool running_ = false;  // a pass is in progress
  bool paused_ = false;   // the writer is catching up itself
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace hookflow::engine::store
