#pragma once
// The store's last stage: calls back committed writes once they are on disk.
//
// The writer commits with synchronous=NORMAL (SQLite appends to the WAL without fsync) and
// hands each committed group here. This thread fsyncs the WAL file once for all the groups
// that arrived while the previous fsync ran, then runs their completions in commit order. So
// the writer never waits for the disk, and one fsync covers as many commits as the disk's
// latency lets accumulate: the same guarantee as synchronous=FULL (nothing is acknowledged
// before it is durable) at a fraction of the cost.
//
// A failed fsync is final: Linux may drop the unwritten pages and report success the next
// time, so nothing after it can be called durable. Every completion from then on gets the
// error (`failure()` tells the writer to stop writing), until the engine restarts and SQLite
// recovers what reached the disk.
//
// Threads: `hand_over` from any thread; completions run on this object's thread, in order.

#include <hookflow/sdk/status.hpp>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace hookflow::engine::store {

class commit_syncer {
 public:
  /// Called with the outcome of the fsync that made the group durable.
  using completion = std::function<void(const sdk::status& synced)>;

  /// `wal_path`: the WAL file SQLite writes (sqlite3_filename_wal), which must exist.
  explicit commit_syncer(std::string wal_path);
  /// Syncs and completes everything handed over, then stops.
  ~commit_syncer();
  commit_syncer(const commit_syncer&) = delete;
  commit_syncer& operator=(const commit_syncer&) = delete;

  void hand_over(completion c);
  /// `hook` runs on this object's thread after the completions of each fsync (see
  /// store::set_after_callbacks). Once this returns, the previous hook is not running. Not
  /// to be called from the hook itself.
  void set_after_batch(std::function<void()> hook);
  /// Blocks until every group handed over is in an fsync already running (or done). The
  /// writer calls it before it commits a group: groups that would only wait for the same
  /// next fsync are better committed as one transaction (fewer WAL frames, the same latency).
  void wait_for_backlog_taken();

  /// The fsync failure that stopped durability, or ok.
  sdk::status failure() const;
  /// Whether the caller is this object's thread (a completion): it must not wait for a write.
  bool on_own_thread() const noexcept { return std::this_thread::get_id() == thread_.get_id(); }

 private:
  void loop();
  /// fdatasync of the WAL, through a descriptor of our own: on Linux it flushes the file's
  /// data whichever descriptor wrote it. Reopened (and its directory synced, so the file's
  /// name is durable too) when SQLite has replaced the file.
  sdk::status sync_wal();
  sdk::status open_wal();

  std::string wal_path_;
  int fd_ = -1;
  mutable std::mutex mutex_;
  sdk::status failed_;  // guarded by mutex_
  std::condition_variable wake_;
  std::condition_variable taken_;  // pending_ became empty
  std::vector<completion> pending_;
  std::mutex hook_mutex_;  // held while after_batch_ runs
  std::function<void()> after_batch_;
  bool idle_ = false;
  bool writer_waits_ = false;  // someone waits on taken_: notify it
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace hookflow::engine::store
