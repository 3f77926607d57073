#include "checkpointer.hpp"

#include "../telemetry/thread_name.hpp"

namespace hookflow::engine::store {

checkpointer::checkpointer(connection& writer, const std::string& path) : writer_(writer), own_(path) {
  own_.exec("PRAGMA journal_mode=WAL");  // a fresh connection learns the mode on first read
  sqlite3_wal_hook(writer_.handle(), &checkpointer::on_commit, this);
  thread_ = std::thread([this] {
    telemetry::name_this_thread("hf-checkpoint");
    loop();
  });
}

checkpointer::~checkpointer() {
  sqlite3_wal_hook(writer_.handle(), nullptr, nullptr);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

// Runs on the writer thread after each commit, with the WAL's size in pages. Past the soft
// limit every commit asks again (a request made while a checkpoint runs costs nothing more):
// SQLite starts the WAL over only if a checkpoint has copied all of it when the next write
// begins, and under load only a checkpointer that keeps chasing the WAL's end gets there.
int checkpointer::on_commit(void* self, sqlite3* db, const char* schema, int wal_pages) {
  auto& me = *static_cast<checkpointer*>(self);
  if (wal_pages >= hard_limit_pages) {
    me.catch_up(db, schema);
    return SQLITE_OK;
  }
  if (wal_pages < soft_limit_pages) return SQLITE_OK;
  bool wake = false;
  {
    std::lock_guard lock(me.mutex_);
    wake = !me.requested_;
    me.requested_ = true;
  }
  if (wake) me.wake_.notify_one();
  return SQLITE_OK;
}

// Only one connection can checkpoint at a time (another gets SQLITE_BUSY at once), so the
// writer pauses this thread and waits out its pass first: its own checkpoint then copies the
// rest, nothing is written meanwhile, and the next write starts the WAL over.
void checkpointer::catch_up(sqlite3* db, const char* schema) {
  {
    std::unique_lock lock(mutex_);
    paused_ = true;
    pass_done_.wait(lock, [&] { return !running_; });
  }
  sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  {
    std::lock_guard lock(mutex_);
    paused_ = false;
  }
  wake_.notify_one();
}

void checkpointer::loop() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [&] { return stopping_ || (requested_ && !paused_); });
    if (stopping_) return;
    requested_ = false;
    running_ = true;
    lock.unlock();
    // A busy or failed checkpoint is retried at the next request; the WAL stays valid meanwhile.
    sqlite3_wal_checkpoint_v2(own_.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    lock.lock();
    running_ = false;
    pass_done_.notify_all();
  }
}

}  // namespace hookflow::engine::store
