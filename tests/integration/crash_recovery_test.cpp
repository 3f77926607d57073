// kill -9 of a serving engine with runs queued and in flight, then a restart: every accepted
// run reaches a final state and none is lost.
#include "engine/store/sqlite_store.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

namespace {

namespace store = hookflow::engine::store;
namespace sdk = hookflow::sdk;
using hookflow::testing::child_process;
using hookflow::testing::temp_dir;
using hookflow::testing::wait_until;
using hookflow::testing::write_file;

constexpr int runs = 300;

std::size_t count_state(const std::string& db, std::optional<sdk::run_state> state) {
  store::sqlite_store s(db);
  return s.list_runs({{}, state, {}, 100000}).size();
}

TEST(CrashRecovery, KillNineThenRestartFinishesEveryAcceptedRun) {
  temp_dir dir;
  write_file(dir / "hookflow.json", R"({"data_dir": "var", "plugin_dirs": [")" HOOKFLOW_TEST_ACTIONS_DIR
                                    R"(", ")" HOOKFLOW_BUNDLED_PLUGIN_DIR R"("],
                                      "workflow_dirs": ["workflows"], "runner": {"workers": 2},
                                      "admin": {"listen": "127.0.0.1:0"}})");
  write_file(dir / "workflows" / "burst.json",
             R"({"id": "burst", "trigger": {"type": "test.burst", "config": {"count": )" + std::to_string(runs) + R"(}},
      "steps": [{"id": "a", "type": "test.sleep", "config": {"ms": 5}}, {"id": "b", "type": "test.echo", "config": {"text": "{{$request.n}}"}}]})");
  const auto db = (dir / "var" / "hookflow.db").string();
  const std::vector<std::string> argv{HOOKFLOW_BINARY, "serve", "--config", (dir / "hookflow.json").string()};
  {
    child_process engine(argv, (dir / "first.log").string());
    // Kill once every run is stored and some, not all, have finished.
    ASSERT_TRUE(wait_until([&] {
      return std::filesystem::exists(db) && count_state(db, std::nullopt) == runs &&
             count_state(db, sdk::run_state::succeeded) >= 20;
    })) << hookflow::testing::read_file(dir / "first.log");
    engine.kill_hard();
  }
  auto finished_before = count_state(db, sdk::run_state::succeeded);
  ASSERT_LT(finished_before, static_cast<std::size_t>(runs)) << "the engine finished everything before the kill";

  child_process engine(argv, (dir / "second.log").string());
  ASSERT_TRUE(wait_until([&] { return count_state(db, sdk::run_state::succeeded) == runs; }))
      << count_state(db, sdk::run_state::succeeded) << " of " << runs << " succeeded\n"
      << hookflow::testing::read_file(dir / "second.log");
  EXPECT_EQ(count_state(db, std::nullopt), static_cast<std::size_t>(runs));  // none lost, none doubled
  EXPECT_EQ(engine.terminate(), 0);
}

}  // namespace
