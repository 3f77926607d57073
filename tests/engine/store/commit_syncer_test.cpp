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

TEST(CommitSyncer, FollowsAReplacedWalFileAndToleratesNone) {
  hookflow::testing::temp_dir dir;
  const auto wal = dir / "db-wal";
  st::commit_syncer syncer(wal.string());
  EXPECT_TRUE(sync_once(syncer).ok());  // no WAL yet: nothing was written
  std::ofstream(wal) << "first";
  EXPECT_TRUE(sync_once(syncer).ok());
  std::filesystem::remove(wal);
  std::ofstream(wal) << "second";  // a new inode: the syncer must reopen, not sync the old one
  EXPECT_TRUE(sync_once(syncer).ok());
}

TEST(CommitSyncer, ReportsAWalItCannotOpen) {
  hookflow::testing::temp_dir dir;
  std::ofstream(dir / "not-a-directory") << "x";
  st::commit_syncer syncer((dir / "not-a-directory" / "db-wal").string());
  auto synced = sync_once(syncer);
  EXPECT_FALSE(synced.ok());
  EXPECT_NE(synced.message().find("db-wal"), std::string::npos) << synced.message();
}

}  // namespace
