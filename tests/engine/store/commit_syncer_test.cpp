#include "engine/store/commit_syncer.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <string>
#include <vector>

namespace {

namespace st = hookflow::engine::store;
namespace sdk = hookflow::sdk;

sdk::status sync_once(st::commit_syncer& syncer) {
  std::promise<sdk::status> p;
  syncer.hand_over([&](const sdk::status& synced) { p.set_value(synced); });
  return p.get_future().get();
}

TEST(CommitSyncer, CompletesEveryGroupInTheOrderHandedOver) {
  hookflow::testing::temp_dir dir;
  std::ofstream(dir / "db-wal") << "frames";
  std::vector<int> order;
  std::mutex m;
  {
    st::commit_syncer syncer((dir / "db-wal").string());
    for (int i = 0; i < 500; ++i)
      syncer.hand_over([&, i](const sdk::status& synced) {
        EXPECT_TRUE(synced.ok()) << synced.message();
        std::lock_guard lock(m);
        order.push_back(i);
      });
  }  // the destructor completes what was handed over
  ASSERT_EQ(order.size(), 500u);
  for (int i = 0; i < 500; ++i) EXPECT_EQ(order[i], i);
}

// The hook runs after a batch's completions, and not at all once removed.
TEST(CommitSyncer, RunsTheAfterBatchHookAfterEachBatchOfCompletions) {
  hookflow::testing::temp_dir dir;
  std::ofstream(dir / "db-wal") << "frames";
  std::mutex m;
  std::condition_variable changed;
  std::vector<std::string> events;
  auto record = [&](const char* e) {
    std::lock_guard lock(m);
    events.emplace_back(e);
    changed.notify_all();
  };
  st::commit_syncer syncer((dir / "db-wal").string());
  syncer.set_after_batch([&] { record("hook"); });
  for (int i = 0; i < 200; ++i) syncer.hand_over([&](const sdk::status&) { record("done"); });
  {
    std::unique_lock lock(m);
    changed.wait(lock,
                 [&] { return std::count(events.begin(), events.end(), "done") == 200 && events.back() == "hook"; });
    EXPECT_EQ(events.front(), "done") << "no hook before a batch's completions";
  }
  syncer.set_after_batch(nullptr);
  std::size_t seen = 0;
  {
    std::lock_guard lock(m);
    seen = events.size();
  }
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(sync_once(syncer).ok());
  std::lock_guard lock(m);
  EXPECT_EQ(events.size(), seen) << "a removed hook ran";
}

TEST(CommitSyncer, FollowsAReplacedWalFile) {
  hookflow::testing::temp_dir dir;
  const auto wal = dir / "db-wal";
  std::ofstream(wal) << "first";
  st::commit_syncer syncer(wal.string());
  EXPECT_TRUE(sync_once(syncer).ok());
  std::filesystem::remove(wal);
  std::ofstream(wal) << "second";  // a new inode: the syncer must reopen, not sync the old one
  EXPECT_TRUE(sync_once(syncer).ok());
}

TEST(CommitSyncer, AFailedSyncIsFinal) {
  hookflow::testing::temp_dir dir;
  const auto wal = dir / "db-wal";  // missing: committed data would be nowhere
  st::commit_syncer syncer(wal.string());
  auto first = sync_once(syncer);
  ASSERT_FALSE(first.ok());
  EXPECT_NE(first.message().find("db-wal"), std::string::npos) << first.message();
  EXPECT_NE(first.message().find("no more writes"), std::string::npos) << first.message();
  EXPECT_FALSE(syncer.failure().ok());
  std::ofstream(wal) << "back";  // the file returning does not make later writes durable again
  EXPECT_FALSE(sync_once(syncer).ok());
}

TEST(CommitSyncer, KnowsItsOwnThread) {
  hookflow::testing::temp_dir dir;
  std::ofstream(dir / "db-wal") << "x";
  st::commit_syncer syncer((dir / "db-wal").string());
  EXPECT_FALSE(syncer.on_own_thread());
  std::promise<bool> inside;
  syncer.hand_over([&](const sdk::status&) { inside.set_value(syncer.on_own_thread()); });
  EXPECT_TRUE(inside.get_future().get());
}

TEST(CommitSyncer, WaitForBacklogReturnsOnlyOnceEveryGroupIsInAnFsync) {
  hookflow::testing::temp_dir dir;
  std::ofstream(dir / "db-wal") << "frames";
  st::commit_syncer syncer((dir / "db-wal").string());
  std::promise<void> first_running, release_first;
  syncer.hand_over([&](const sdk::status&) {
    first_running.set_value();
    release_first.get_future().wait();  // the syncer is busy: what follows stays pending
  });
  first_running.get_future().wait();
  std::promise<void> second_done;
  syncer.hand_over([&](const sdk::status&) { second_done.set_value(); });
  auto waited = std::async(std::launch::async, [&] { syncer.wait_for_backlog_taken(); });
  EXPECT_EQ(waited.wait_for(std::chrono::milliseconds(100)), std::future_status::timeout);  // still pending
  release_first.set_value();
  waited.get();  // the syncer took the second group
  second_done.get_future().wait();
  syncer.wait_for_backlog_taken();  // nothing pending: returns at once
}

}  // namespace
