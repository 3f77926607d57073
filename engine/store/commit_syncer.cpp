#include "commit_syncer.hpp"

#include "../telemetry/thread_name.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hookflow::engine::store {

commit_syncer::commit_syncer(std::string wal_path) : wal_path_(std::move(wal_path)) {
  thread_ = std::thread([this] {
    telemetry::name_this_thread("hf-store-sync");
    loop();
  });
}

commit_syncer::~commit_syncer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  if (fd_ >= 0) ::close(fd_);
}

void commit_syncer::hand_over(completion c) {
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    pending_.push_back(std::move(c));
    wake = idle_;  // a busy syncer takes the queue after its fsync
  }
  if (wake) wake_.notify_one();
}

void commit_syncer::set_after_batch(std::function<void()> hook) {
  std::lock_guard lock(hook_mutex_);
  after_batch_ = std::move(hook);
}

void commit_syncer::wait_for_backlog_taken() {
  std::unique_lock lock(mutex_);
  writer_waits_ = true;
  taken_.wait(lock, [&] { return pending_.empty(); });
  writer_waits_ = false;
}

sdk::status commit_syncer::failure() const {
  std::lock_guard lock(mutex_);
  return failed_;
}

void commit_syncer::loop() {
  std::vector<completion> batch;
  std::unique_lock lock(mutex_);
  while (true) {
    idle_ = true;
    wake_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
    idle_ = false;
    if (pending_.empty()) return;  // stopping, and everything completed
    batch.swap(pending_);
    const bool failed = !failed_.ok();
    const bool notify_writer = writer_waits_;
    lock.unlock();
    if (notify_writer) taken_.notify_one();
    sdk::status synced = failed ? failure() : sync_wal();
    if (!failed && !synced.ok()) {
      synced = sdk::unavailable(synced.message() + "; the store accepts no more writes until the engine restarts");
      std::lock_guard guard(mutex_);
      failed_ = synced;
    }
    for (auto& c : batch) c(synced);
    batch.clear();
    {
      std::lock_guard hook_lock(hook_mutex_);
      if (after_batch_) after_batch_();
    }
    lock.lock();
  }
}

sdk::status commit_syncer::sync_wal() {
  struct stat on_disk {};
  if (::stat(wal_path_.c_str(), &on_disk) != 0)
    return sdk::unavailable("store: cannot stat " + wal_path_ + ": " + std::strerror(errno));
  struct stat ours {};
  if (fd_ >= 0 && (::fstat(fd_, &ours) != 0 || ours.st_ino != on_disk.st_ino || ours.st_dev != on_disk.st_dev)) {
    ::close(fd_);
    fd_ = -1;
  }
  if (fd_ < 0)
    if (auto opened = open_wal(); !opened.ok()) return opened;
  if (::fdatasync(fd_) != 0)
    return sdk::unavailable("store: fsync of " + wal_path_ + " failed: " + std::strerror(errno));
  return {};
}

sdk::status commit_syncer::open_wal() {
  fd_ = ::open(wal_path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) return sdk::unavailable("store: cannot open " + wal_path_ + ": " + std::strerror(errno));
  const auto slash = wal_path_.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : wal_path_.substr(0, slash);
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) return sdk::unavailable("store: cannot open " + dir + ": " + std::strerror(errno));
  const int rc = ::fsync(dir_fd);
  const int err = errno;
  ::close(dir_fd);
  if (rc != 0) return sdk::unavailable("store: fsync of " + dir + " failed: " + std::strerror(err));
  return {};
}

}  // namespace hookflow::engine::store
