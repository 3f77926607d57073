#include "engine/store/sqlite_store.hpp"
#include "engine/store/schema.hpp"
#include "engine/store/sqlite_db.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <thread>

namespace {

namespace st = hookflow::engine::store;
namespace sdk = hookflow::sdk;
namespace json = boost::json;

sdk::result<sdk::run_receipt> insert(st::store& s, st::new_run r) {
  std::promise<sdk::result<sdk::run_receipt>> p;
  s.insert_run(std::move(r), [&](sdk::result<sdk::run_receipt> x) { p.set_value(std::move(x)); });
  return p.get_future().get();
}

st::new_run run(std::string id, std::string wf, std::int64_t created = 1000) {
  st::new_run r;
  r.id = std::move(id);
  r.workflow_id = std::move(wf);
  r.created_at_ms = created;
  r.trigger_json = R"({"body":{"title":"t"}})";
  return r;
}

TEST(SqliteStore, KeepsRunsStepsAndStateAcrossReopen) {
  hookflow::testing::temp_dir dir;
  const auto db = (dir / "h.db").string();
  {
    st::sqlite_store s(db);
    ASSERT_TRUE(insert(s, run("R1", "wf")).ok());
    s.update_run({"R1", sdk::run_state::running, 1100, 0, {}});
    st::step_record step;
    step.step_id = "notify";
    step.state = sdk::run_state::succeeded;
    step.attempts = 2;
    step.output = json::object{{"ok", true}};
    s.save_step("R1", step);
    ASSERT_TRUE(s.state_put("webhook", "wf", "hook_id", "abc").ok());
    ASSERT_TRUE(s.put_workflow({"wf", R"({"id":"wf"})", 5}).ok());
  }
  st::sqlite_store s(db);
  auto r = s.get_run("R1");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->state, sdk::run_state::running);
  EXPECT_EQ(r->started_at_ms, 1100);
  EXPECT_EQ(r->trigger_data.at("body").at("title"), "t");
  ASSERT_EQ(r->steps.size(), 1u);
  EXPECT_EQ(r->steps[0].attempts, 2);
  EXPECT_EQ(r->steps[0].output.at("ok"), true);
  EXPECT_EQ(s.state_get("webhook", "wf", "hook_id").value(), std::optional<std::string>("abc"));
  EXPECT_EQ(s.state_get("other_plugin", "wf", "hook_id").value(), std::nullopt);
  EXPECT_EQ(s.list_workflows().size(), 1u);
  EXPECT_EQ(s.unfinished_runs().size(), 1u);
}

TEST(SqliteStore, DeduplicatesByKeyPerWorkflow) {
  hookflow::testing::temp_dir dir;
  st::sqlite_store s((dir / "h.db").string());
  auto a = run("R1", "wf");
  a.dedup_key = "delivery-1";
  auto b = run("R2", "wf");
  b.dedup_key = "delivery-1";
  auto c = run("R3", "other");
  c.dedup_key = "delivery-1";
  EXPECT_FALSE(insert(s, a)->duplicate);
  auto second = insert(s, b);
  EXPECT_TRUE(second->duplicate);
  EXPECT_EQ(second->run_id, "R1");
  EXPECT_FALSE(insert(s, c)->duplicate);
  EXPECT_FALSE(s.get_run("R2").ok());
}

TEST(SqliteStore, FindsADuplicateThroughTheDedupIndexNotAScan) {
  hookflow::testing::temp_dir dir;
  const auto path = (dir / "h.db").string();
  st::sqlite_store s(path);  // creates the schema
  st::connection db(path);
  static const std::string sql = std::string("EXPLAIN QUERY PLAN ") + st::find_duplicate_run_sql;
  auto& plan = db.prepared(sql.c_str());
  plan.bind(1, "wf").bind(2, "delivery-1");
  ASSERT_TRUE(plan.step());
  EXPECT_NE(plan.text(3).find("USING INDEX runs_dedup"), std::string::npos) << plan.text(3);
  plan.reset();
}

TEST(SqliteStore, ListsNewestFirstWithFiltersAndPages) {
  hookflow::testing::temp_dir dir;
  st::sqlite_store s((dir / "h.db").string());
  for (int i = 0; i < 5; ++i) insert(s, run("R" + std::to_string(i), i % 2 ? "odd" : "even"));
  s.update_run({"R4", sdk::run_state::succeeded, 0, 2000, {}});
  s.flush();
  auto all = s.list_runs({{}, std::nullopt, {}, 3});
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].id, "R4");
  auto next = s.list_runs({{}, std::nullopt, all.back().id, 3});
  ASSERT_EQ(next.size(), 2u);
  EXPECT_EQ(next[0].id, "R1");
  EXPECT_EQ(s.list_runs({"odd", std::nullopt, {}, 10}).size(), 2u);
  EXPECT_EQ(s.list_runs({{}, sdk::run_state::succeeded, {}, 10}).size(), 1u);
}

TEST(SqliteStore, PrunesFinishedRunsByCountAndAge) {
  hookflow::testing::temp_dir dir;
  st::sqlite_store s((dir / "h.db").string());
  for (int i = 0; i < 6; ++i) {
    insert(s, run("R" + std::to_string(i), "wf", 1000 * (i + 1)));
    if (i != 0) s.update_run({"R" + std::to_string(i), sdk::run_state::succeeded, 0, 1, {}});
  }
  s.flush();
  // R0 is unfinished and is never pruned. Keep the newest 3 runs.
  EXPECT_EQ(s.prune({0, 3}, 0), 2);  // R1, R2
  EXPECT_TRUE(s.get_run("R0").ok());
  EXPECT_FALSE(s.get_run("R2").ok());
  EXPECT_TRUE(s.get_run("R3").ok());
  EXPECT_EQ(s.prune({2500, 0}, 7000), 1);  // R3 (created 4000 < 7000 - 2500)
  EXPECT_TRUE(s.get_run("R4").ok());
}

TEST(SqliteStore, GroupCommitAnswersEveryConcurrentInsert) {
  hookflow::testing::temp_dir dir;
  st::sqlite_store s((dir / "h.db").string());
  constexpr int n = 2000;
  std::atomic<int> done{0};
  for (int i = 0; i < n; ++i)
    s.insert_run(run("R" + std::to_string(i), "wf"), [&](sdk::result<sdk::run_receipt> r) {
      EXPECT_TRUE(r.ok());
      ++done;
    });
  s.flush();
  EXPECT_EQ(done.load(), n);
  EXPECT_EQ(s.unfinished_runs().size(), static_cast<std::size_t>(n));
}

TEST(SqliteStore, RejectsADuplicateRunIdWithoutLosingTheOthers) {
  hookflow::testing::temp_dir dir;
  st::sqlite_store s((dir / "h.db").string());
  ASSERT_TRUE(insert(s, run("R1", "wf")).ok());
  auto again = insert(s, run("R1", "wf"));
  EXPECT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), sdk::status_code::unavailable);
  EXPECT_TRUE(insert(s, run("R2", "wf")).ok());
}

TEST(SqliteStore, AFailingWriteInAGroupIsUndoneAloneAndTheRestCommit) {
  hookflow::testing::temp_dir dir;
  st::sqlite_store s((dir / "h.db").string());
  ASSERT_TRUE(insert(s, run("R0", "wf")).ok());
  // Queued without waiting, so they share transactions with the duplicate among them.
  std::vector<sdk::result<sdk::run_receipt>> outcomes(101, sdk::status{});
  for (int i = 1; i <= 101; ++i) {
    std::string id = i == 50 ? "R0" : "R" + std::to_string(i);
    s.insert_run(run(id, "wf"), [&outcomes, i](sdk::result<sdk::run_receipt> r) { outcomes[i - 1] = std::move(r); });
  }
  s.flush();
  for (int i = 1; i <= 101; ++i) EXPECT_EQ(outcomes[i - 1].ok(), i != 50) << "insert " << i;
  EXPECT_EQ(s.unfinished_runs().size(), 101u);  // R0 and the 100 others
}

TEST(SqliteStore, CheckpointsTheWalIntoTheDatabaseWhileOpen) {
  hookflow::testing::temp_dir dir;
  const auto db = dir / "h.db";
  st::sqlite_store s(db.string());
  s.flush();
  const auto initial = std::filesystem::file_size(db);
  const std::string big(3200, 'x');  // ~5000 WAL pages in all: past the 4000-page threshold, short of 8000
  for (int i = 0; i < 6000; ++i) {
    auto r = run("R" + std::to_string(i), "wf");
    r.trigger_json = json::serialize(json::object{{"body", big}});
    s.insert_run(std::move(r), [](sdk::result<sdk::run_receipt> x) { EXPECT_TRUE(x.ok()); });
  }
  s.flush();
  // The checkpointer copies committed pages into the database file in the background.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::filesystem::file_size(db) < initial + 4 * 1024 * 1024 && std::chrono::steady_clock::now() < deadline) {
    s.flush();  // a commit re-requests a checkpoint if the last one found nothing to copy
    std::this_thread::yield();
  }
  EXPECT_GE(std::filesystem::file_size(db), initial + 4 * 1024 * 1024);
}

TEST(SqliteStore, KeepsTheWalNearItsLimitUnderSustainedWrites) {
  hookflow::testing::temp_dir dir;
  const auto db = dir / "h.db";
  st::sqlite_store s(db.string());
  const auto wal = dir / "h.db-wal";
  const std::string big = json::serialize(json::object{{"body", std::string(16000, 'x')}});
  // ~100 MB in all, three times the limit, written as fast as the store takes it.
  constexpr std::uintmax_t limit_bytes = 8000 * 4096;
  constexpr std::uintmax_t slack = 12 * 1024 * 1024;  // one group (<= 8 MiB) past the limit, frame headers
  for (int i = 0; i < 6000; ++i) {
    auto r = run("R" + std::to_string(i), "wf");
    r.trigger_json = big;
    s.insert_run(std::move(r), [](sdk::result<sdk::run_receipt> x) { EXPECT_TRUE(x.ok()); });
  }
  // Sampled while the writer works through the queue without a pause.
  auto drained = std::async(std::launch::async, [&] { s.flush(); });
  std::uintmax_t largest = 0;
  while (drained.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready) {
    std::error_code ec;
    largest = std::max(largest, std::filesystem::file_size(wal, ec));
    std::this_thread::yield();
  }
  largest = std::max(largest, std::filesystem::file_size(wal));
  EXPECT_GT(largest, limit_bytes / 2);  // the WAL did fill up: the bound below was exercised
  EXPECT_LT(largest, limit_bytes + slack);
}

TEST(SqliteStore, AWaitingWriteFromACallbackIsRefusedNotDeadlocked) {
  hookflow::testing::temp_dir dir;
  st::sqlite_store s((dir / "h.db").string());
  std::promise<sdk::status> inner;
  s.insert_run(run("R1", "wf"), [&](sdk::result<sdk::run_receipt>) {
    inner.set_value(s.put_workflow({"wf", R"({"id":"wf"})", 5}));
  });
  auto st = inner.get_future().get();
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("store callback"), std::string::npos) << st.message();
}

TEST(SqliteStore, WritesIssuedByCallbacksDuringShutdownAreKept) {
  hookflow::testing::temp_dir dir;
  const auto db = (dir / "h.db").string();
  {
    st::sqlite_store s(db);
    s.insert_run(run("R1", "wf"), [&](sdk::result<sdk::run_receipt>) {
      s.update_run({"R1", sdk::run_state::succeeded, 1100, 1200, {}});
    });
  }  // destroyed at once: the callback's write must still land
  st::sqlite_store s(db);
  auto r = s.get_run("R1");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->state, sdk::run_state::succeeded);
}

// --- batched writes (urgency::batched) ------------------------------------------------------

constexpr auto forever = std::chrono::hours(1);  // a batching delay no test outlasts

TEST(SqliteStore, ABatchedWriteAloneIsCommittedAfterTheBatchingDelay) {
  hookflow::testing::temp_dir dir;
  st::sqlite_store s((dir / "h.db").string(), std::chrono::milliseconds(20));
  ASSERT_TRUE(insert(s, run("R1", "wf")).ok());
  std::promise<void> committed;
  s.update_run({"R1", sdk::run_state::running, 1100, 0, {}}, [&] { committed.set_value(); });
  ASSERT_EQ(committed.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(s.get_run("R1")->state, sdk::run_state::running);
}

TEST(SqliteStore, AnUrgentWriteCommitsTheWaitingBatchedOnesWithIt) {
  hookflow::testing::temp_dir dir;
  st::sqlite_store s((dir / "h.db").string(), forever);
  ASSERT_TRUE(insert(s, run("R1", "wf")).ok());
  // Each callback notes the batch it ran in; the hook ends a batch.
  std::atomic<int> batch{0};
  s.set_after_callbacks([&] { ++batch; });
  std::promise<int> batched_in, urgent_in;
  s.save_step("R1", {}, st::run_update{"R1", sdk::run_state::succeeded, 1100, 1200, {}},
              [&] { batched_in.set_value(batch.load()); });
  // Not needed for a pass: time for a store that commits the batched write alone (the fault
  // this test finds) to do so, with its fsync, before the urgent write comes.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  s.insert_run(run("R2", "wf"), [&](sdk::result<sdk::run_receipt>) { urgent_in.set_value(batch.load()); });
  auto batched = batched_in.get_future(), urgent = urgent_in.get_future();
  ASSERT_EQ(urgent.wait_for(std::chrono::seconds(10)), std::future_status::ready) << "the urgent write waited";
  ASSERT_EQ(batched.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(batched.get(), urgent.get()) << "the batched write was committed on its own";
  s.set_after_callbacks(nullptr);
}

TEST(SqliteStore, FlushCommitsBatchedWritesWithoutWaitingForTheDelay) {
  hookflow::testing::temp_dir dir;
  st::sqlite_store s((dir / "h.db").string(), forever);
  ASSERT_TRUE(insert(s, run("R1", "wf")).ok());
  bool committed = false;  // set on the syncer thread before flush returns
  s.update_run({"R1", sdk::run_state::failed, 1100, 1200, "boom"}, [&] { committed = true; });
  s.flush();
  EXPECT_TRUE(committed);
  EXPECT_EQ(s.get_run("R1")->error, "boom");
}

TEST(SqliteStore, CommitSoonCommitsBatchedWritesWithoutWaitingForTheDelay) {
  hookflow::testing::temp_dir dir;
  st::sqlite_store s((dir / "h.db").string(), forever);
  ASSERT_TRUE(insert(s, run("R1", "wf")).ok());
  std::promise<void> committed;
  s.update_run({"R1", sdk::run_state::failed, 1100, 1200, "boom"}, [&] { committed.set_value(); });
  s.commit_soon();
  ASSERT_EQ(committed.get_future().wait_for(std::chrono::seconds(30)), std::future_status::ready);
  EXPECT_EQ(s.get_run("R1")->error, "boom");
}

}  // namespace
