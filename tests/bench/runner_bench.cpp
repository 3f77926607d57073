// End-to-end one-step runs through the real engine: submit -> durable insert (group commit,
// synchronous=FULL) -> worker -> test.echo action -> step and run records committed.
// Baseline: the same number of bare SQLite INSERTs into a WAL database with synchronous=FULL,
// committed in groups of 256 (what durability costs on this disk). Report: runs/s and the ratio.
#include "engine/host/engine.hpp"
#include "support/temp_dir.hpp"

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <condition_variable>
#include <cstdio>

namespace {

namespace json = boost::json;
namespace sdk = hookflow::sdk;
constexpr int runs_per_iteration = 5000;

void BM_baseline_sqlite_group_insert(benchmark::State& state) {
  hookflow::testing::temp_dir dir;
  sqlite3* db = nullptr;
  sqlite3_open((dir / "b.db").c_str(), &db);
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (id TEXT, data TEXT)", nullptr,
               nullptr, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?, ?)", -1, &st, nullptr);
  for (auto _ : state) {
    for (int i = 0; i < runs_per_iteration; ++i) {
      if (i % 256 == 0) sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
      auto id = std::to_string(i);
      sqlite3_bind_text(st, 1, id.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 2, "{\"n\":1}", -1, SQLITE_STATIC);
      sqlite3_step(st);
      sqlite3_reset(st);
      if (i % 256 == 255 || i == runs_per_iteration - 1) sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  state.SetItemsProcessed(state.iterations() * runs_per_iteration);
}

void BM_engine_one_step_runs(benchmark::State& state) {
  hookflow::testing::temp_dir dir;
  FILE* log_file = std::fopen((dir / "engine.log").c_str(), "w");
  hookflow::engine::telemetry::logger log(log_file, sdk::log_level::warn);
  hookflow::engine::host::engine_config cfg;
  cfg.data_dir = dir / "var";
  cfg.plugin_dirs = {HOOKFLOW_TEST_ACTIONS_DIR};
  cfg.runner.workers = 2;
  cfg.admin_listen = "127.0.0.1:0";
  cfg.runner.queue_capacity = runs_per_iteration * 2;
  hookflow::engine::host::engine engine(cfg, log);
  engine.start();
  auto applied = engine.apply_workflow(R"({"id": "bench", "trigger": {"type": "test.burst", "config": {"count": 0}},
      "steps": [{"id": "echo", "type": "test.echo", "config": {"text": "{{$request.n}}"}}]})");
  if (!applied.errors.empty() || !applied.status.ok()) state.SkipWithError("cannot apply the workflow");

  std::mutex m;
  std::condition_variable cv;
  int finished = 0;
  for (auto _ : state) {
    finished = 0;
    for (int i = 0; i < runs_per_iteration; ++i) {
      engine.runs().submit({"bench", json::object{{"n", i}}, {}}, [&](sdk::result<sdk::run_receipt> r) {
        if (!r.ok()) state.SkipWithError(r.error().message().c_str());
        engine.runs().await_run(r->run_id, std::chrono::minutes(5), [&](sdk::result<sdk::run_outcome>) {
          std::lock_guard lock(m);
          if (++finished == runs_per_iteration) cv.notify_one();
        });
      });
    }
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return finished == runs_per_iteration; });
  }
  state.SetItemsProcessed(state.iterations() * runs_per_iteration);
  engine.stop();
  std::fclose(log_file);
}

BENCHMARK(BM_baseline_sqlite_group_insert)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_engine_one_step_runs)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
