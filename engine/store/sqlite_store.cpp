// sqlite_store: the writer thread, group commit and its durability (the core of the store).
#include "sqlite_store.hpp"

#include "checkpointer.hpp"
#include "commit_syncer.hpp"
#include "schema.hpp"

#include "../telemetry/thread_name.hpp"
#include "sqlite_db.hpp"

#include <future>

namespace hookflow::engine::store {
namespace {

// A group (one transaction) takes at most this many writes or this much payload: a
// transaction must fit in the WAL, so this bounds the WAL beyond the checkpointer's limit.
constexpr std::size_t max_group = 4096;
constexpr std::size_t max_group_bytes = 8 * 1024 * 1024;

}  // namespace

sdk::status sqlite_store::store_error(const std::exception& e) {
  return sdk::unavailable(std::string("store: ") + e.what());
}

sqlite_store::sqlite_store(const std::string& path, std::chrono::milliseconds batching_delay)
    : path_(path), batching_delay_(batching_delay) {
  writer_ = std::make_unique<connection>(path);
  // NORMAL: commits append to the WAL without fsync; commit_syncer makes them durable before
  // anyone is told (see commit_syncer.hpp).
  writer_->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
  writer_->exec(schema_sql);
  checkpointer_ = std::make_unique<checkpointer>(*writer_, path);
  // SQLite's own name for the WAL: beside the database file it resolved (symbolic links
  // followed), not necessarily beside `path`.
  syncer_ = std::make_unique<commit_syncer>(sqlite3_filename_wal(sqlite3_db_filename(writer_->handle(), "main")));
  reader_ = std::make_unique<connection>(path);
  reader_->exec("PRAGMA query_only=ON;");
  writer_thread_ = std::thread([this] {
    telemetry::name_this_thread("hf-store-writer");
    writer_loop();
  });
}

sqlite_store::~sqlite_store() {
  // Callbacks may issue writes of their own: flush until a round issues none.
  for (std::uint64_t before = enqueued_.load();; before = enqueued_.load()) {
    flush();
    if (enqueued_.load() == before + 1) break;  // only the flush's own write
  }
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  queue_cv_.notify_all();
  writer_thread_.join();
  syncer_.reset();  // completes every write handed over
}

void sqlite_store::enqueue(write_op op) {
  bool wake = false;
  {
    std::lock_guard lock(queue_mutex_);
    ++enqueued_;
    if (!op.batched) ++urgent_queued_;
    queue_.push_back(std::move(op));
    // A busy writer takes the queue after its commit: no syscall needed. A batching one
    // waits for an urgent write or a full group.
    wake = writer_idle_ || (writer_batching_ && (urgent_queued_ > 0 || queue_.size() >= max_group));
  }
  if (wake) queue_cv_.notify_one();
}

sdk::status sqlite_store::write_and_wait(std::function<sdk::status(connection&)> apply) {
  // Its callback would wait for itself: callbacks run on the syncer thread, one at a time.
  if (syncer_->on_own_thread())
    return sdk::internal_error("store: a write that waits cannot be made from a store callback");
  std::promise<sdk::status> promise;
  auto future = promise.get_future();
  enqueue({std::move(apply), [&promise](const sdk::status& st) { promise.set_value(st); }});
  return future.get();
}

void sqlite_store::writer_loop() {
  std::vector<write_op> group;
  std::vector<sdk::status> outcomes;
  while (true) {
    {
      std::unique_lock lock(queue_mutex_);
      writer_idle_ = true;
      queue_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      writer_idle_ = false;
      if (queue_.empty()) return;  // stopping, and everything written
      // Only batched writes: give others batching_delay_ to join this commit.
      writer_batching_ = true;
      queue_cv_.wait_for(lock, batching_delay_,
                         [&] { return stopping_ || urgent_queued_ > 0 || queue_.size() >= max_group; });
      writer_batching_ = false;
      // While the previous group still waits for its fsync, this one would wait for the same
      // next fsync: let the queue grow meanwhile and commit it as one group.
      lock.unlock();
      syncer_->wait_for_backlog_taken();
      lock.lock();
      std::size_t bytes = 0;
      while (!queue_.empty() && group.size() < max_group && bytes < max_group_bytes) {
        bytes += queue_.front().bytes;
        if (!queue_.front().batched) --urgent_queued_;
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    sdk::status commit_status = syncer_->failure();  // after a failed fsync, nothing more is written
    try {
      if (commit_status.ok()) commit_group(group, outcomes);
    } catch (const std::exception& e) {
      commit_status = store_error(e);
      try {
        writer_->exec("ROLLBACK");
      } catch (const std::exception&) {
        // No transaction left to roll back.
      }
    }
    syncer_->hand_over([group = std::move(group), outcomes = std::move(outcomes),
                        commit_status = std::move(commit_status)](const sdk::status& synced) {
      for (std::size_t i = 0; i < group.size(); ++i) {
        if (!group[i].done) continue;
        if (!commit_status.ok())
          group[i].done(commit_status);
        else if (!synced.ok())
          group[i].done(synced);
        else
          group[i].done(i < outcomes.size() ? outcomes[i] : commit_status);
      }
    });
    group.clear();
    outcomes.clear();
  }
}

// Writes almost never fail, so the group is first applied as is. Should one fail, the whole
// transaction is rolled back and the group applied again with a savepoint around each write:
// the failing one is undone alone and the rest commit. Applying a write twice is safe: the
// first attempt was rolled back, and `apply` only records what it found.
void sqlite_store::commit_group(std::vector<write_op>& group, std::vector<sdk::status>& outcomes) {
  writer_->prepared("BEGIN IMMEDIATE").exec();
  if (!apply_all(group, outcomes, false)) {
    writer_->prepared("ROLLBACK").exec();
    writer_->prepared("BEGIN IMMEDIATE").exec();
    apply_all(group, outcomes, true);
  }
  writer_->prepared("COMMIT").exec();
}

bool sqlite_store::apply_all(std::vector<write_op>& group, std::vector<sdk::status>& outcomes, bool isolate) {
  outcomes.clear();
  for (auto& op : group) {
    if (isolate) writer_->prepared("SAVEPOINT op").exec();
    sdk::status st;
    try {
      st = op.apply(*writer_);
    } catch (const std::exception& e) {
      st = store_error(e);
    }
    if (!st.ok() && !isolate) return false;
    if (isolate) {
      if (!st.ok()) writer_->prepared("ROLLBACK TO op").exec();
      writer_->prepared("RELEASE op").exec();
    }
    outcomes.push_back(std::move(st));
  }
  return true;
}

void sqlite_store::flush() {
  write_and_wait([](connection&) { return sdk::status{}; });
}

sdk::status sqlite_store::health() const {
  return syncer_->failure();
}

void sqlite_store::commit_soon() {
  // An urgent write that changes nothing: the writer stops waiting for company.
  enqueue({[](connection&) { return sdk::status{}; }, nullptr});
}

void sqlite_store::set_after_callbacks(std::function<void()> hook) {
  syncer_->set_after_batch(std::move(hook));
}

}  // namespace hookflow::engine::store
