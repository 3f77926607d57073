#pragma once
// A real engine in a temp data folder, with the bundled plugins and test_actions loaded from
// their .so files.

#include "engine/host/engine.hpp"
#include "engine/store/sqlite_store.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <boost/json/serialize.hpp>

#include <cstdio>
#include <future>

namespace hookflow::testing {

class engine_fixture : public ::testing::Test {
 protected:
  engine::host::engine_config config() {
    engine::host::engine_config c;
    c.data_dir = dir_ / "var";
    c.plugin_dirs = {HOOKFLOW_TEST_ACTIONS_DIR, HOOKFLOW_BUNDLED_PLUGIN_DIR};
    c.runner.workers = 2;
    c.admin_listen = "127.0.0.1:0";
    c.plugins["webhook"] = boost::json::object{{"listen", "127.0.0.1:0"}};
    return c;
  }
  void start(engine::host::engine_config c) {
    engine_ = std::make_unique<engine::host::engine>(std::move(c), log_);
    engine_->start();
  }
  void start() { start(config()); }

  /// Applies a definition whose trigger submits nothing by itself.
  void apply(const std::string& id, const std::string& steps) {
    auto r = engine_->apply_workflow(R"({"id": ")" + id +
                                     R"(", "trigger": {"type": "test.burst", "config": {"count": 0}}, "steps": )" +
                                     steps + "}");
    ASSERT_TRUE(r.errors.empty()) << r.errors[0].path << ": " << r.errors[0].message;
    ASSERT_TRUE(r.status.ok()) << r.status.message();
  }

  sdk::result<sdk::run_receipt> submit(const std::string& workflow, boost::json::value data = boost::json::object{}) {
    std::promise<sdk::result<sdk::run_receipt>> p;
    engine_->runs().submit({workflow, std::move(data), {}},
                           [&](sdk::result<sdk::run_receipt> r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }

  sdk::run_outcome wait_for(const std::string& run_id, std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
    std::promise<sdk::result<sdk::run_outcome>> p;
    engine_->runs().await_run(run_id, timeout, [&](sdk::result<sdk::run_outcome> r) { p.set_value(std::move(r)); });
    auto r = p.get_future().get();
    EXPECT_TRUE(r.ok()) << r.error().message();
    return r.ok() ? r.value() : sdk::run_outcome{};
  }

  temp_dir dir_;
  FILE* log_file_ = std::fopen((dir_ / "engine.log").c_str(), "w");
  engine::telemetry::logger log_{log_file_};
  std::unique_ptr<engine::host::engine> engine_;

  void TearDown() override {
    engine_.reset();
    std::fclose(log_file_);
  }
};

}  // namespace hookflow::testing
