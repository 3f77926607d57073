#include "engine/store/commit_syncer.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
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

}  // namespace
