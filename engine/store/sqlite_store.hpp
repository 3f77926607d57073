#pragma once
// SQLite implementation of `store`: one file, WAL journal.
//
// A write passes three threads, each one stage of a pipeline:
//  - the writer applies every write queued while it was busy in one transaction (group commit)
//    and commits without waiting for the disk;
//  - the syncer (commit_syncer) fsyncs the WAL once for all groups committed meanwhile, then
//    calls their callbacks: nothing is acknowledged before it is durable;
//  - the checkpointer copies the WAL into the database in the background.
// Reads use their own connection and see committed data.

#include "store.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace hookflow::engine::store {

class checkpointer;
class commit_syncer;
class connection;
class statement;

class sqlite_store final : public store {
 public:
  /// Opens or creates the database at `path` (":memory:" is not supported: the reader and
  /// writer need the same file). Throws sqlite_error when the file cannot be opened.
  /// `batching_delay`: how long writes of `urgency::batched` may wait for other writes to
  /// share their commit (each commit writes every page it touched, then an fsync).
  explicit sqlite_store(const std::string& path,
                        std::chrono::milliseconds batching_delay = std::chrono::milliseconds(2));
  ~sqlite_store() override;

  void insert_run(new_run run, std::function<void(sdk::result<sdk::run_receipt>)> done) override;
  void update_run(run_update update, std::function<void()> committed = nullptr,
                  urgency when = urgency::batched) override;
  void save_step(const std::string& run_id, step_record step, std::optional<run_update> run = std::nullopt,
                 std::function<void()> committed = nullptr, urgency when = urgency::batched) override;

  sdk::result<run_record> get_run(const std::string& run_id) override;
  std::vector<run_record> list_runs(const run_query& query) override;
  std::vector<run_record> unfinished_runs() override;
  std::int64_t prune(const retention& limits, std::int64_t now_ms) override;

  sdk::status put_workflow(const workflow_record& workflow) override;
  std::optional<workflow_record> get_workflow(const std::string& id) override;
  std::vector<workflow_record> list_workflows() override;
  sdk::status delete_workflow(const std::string& id) override;

  sdk::result<std::optional<std::string>> state_get(const std::string& owner, const std::string& workflow_id,
                                                    const std::string& key) override;
  sdk::status state_put(const std::string& owner, const std::string& workflow_id, const std::string& key,
                        const std::string& value) override;
  sdk::status state_erase(const std::string& owner, const std::string& workflow_id, const std::string& key) override;

  void flush() override;
  sdk::status health() const override;
  void commit_soon() override;
  void set_after_callbacks(std::function<void()> hook) override;

 private:
  // One queued write. `apply` runs inside the group's transaction on the writer thread;
  // `done` runs on the syncer thread once the commit is durable, with apply's outcome (or the
  // commit's or the fsync's failure).
  struct write_op {
    std::function<sdk::status(connection&)> apply;
    std::function<void(const sdk::status&)> done;
    std::size_t bytes = 0;  // payload size, to bound a group's transaction
    bool batched = false;   // may wait for company (see writer_loop)
  };

  void enqueue(write_op op);
  sdk::status write_and_wait(std::function<sdk::status(connection&)> apply);
  void writer_loop();
  /// Applies `group` in one transaction; fills `outcomes` (one per op). Throws when the
  /// transaction itself fails.
  void commit_group(std::vector<write_op>& group, std::vector<sdk::status>& outcomes);
  bool apply_all(std::vector<write_op>& group, std::vector<sdk::status>& outcomes, bool isolate);
  static sdk::status store_error(const std::exception& e);  // "store: <what>", retryable
  void load_steps(run_record& run);
  std::vector<run_record> query_runs(statement& st);

  std::string path_;
  const std::chrono::milliseconds batching_delay_;
  std::unique_ptr<connection> reader_;
  std::mutex reader_mutex_;

  std::unique_ptr<connection> writer_;
  std::unique_ptr<checkpointer> checkpointer_;  // destroyed before writer_
  std::unique_ptr<commit_syncer> syncer_;
  std::mutex queue_mutex_;
  std::condition_variable queue_cv_;
  std::deque<write_op> queue_;
  std::atomic<std::uint64_t> enqueued_{0};  // writes ever queued
  bool stopping_ = false;
  bool writer_idle_ = false;       // the writer waits on queue_cv_ for any write
  bool writer_batching_ = false;   // the writer waits on queue_cv_ for an urgent write or a full group
  std::size_t urgent_queued_ = 0;  // writes in queue_ that are not batched
  std::thread writer_thread_;
};

}  // namespace hookflow::engine::store
