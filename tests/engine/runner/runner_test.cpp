#include "support/engine_fixture.hpp"

#include <boost/json/parse.hpp>

namespace {

namespace sdk = hookflow::sdk;
namespace json = boost::json;
using Runner = hookflow::testing::engine_fixture;

TEST_F(Runner, PassesStepOutputsToLaterSteps) {
  start();
  apply("two", R"([{"id": "first", "type": "test.echo", "config": {"text": "got {{$request.title}}"}},
                   {"id": "second", "type": "log", "config": {"message": "{{$steps.first.text}} in {{$workflow.id}}"}}])");
  auto r = submit("two", json::object{{"title", "news"}});
  ASSERT_TRUE(r.ok()) << r.error().message();
  auto out = wait_for(r->run_id);
  EXPECT_EQ(out.state, sdk::run_state::succeeded);
  EXPECT_EQ(out.output.at("message"), "got news in two");
  auto stored = engine_->storage().get_run(r->run_id);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->steps.size(), 2u);
  EXPECT_EQ(stored->steps[1].rendered_config.at("message"), "got news in two");
}

TEST_F(Runner, RetriesARetryableErrorWithBackoffThenSucceeds) {
  start();
  apply("flaky", R"([{"id": "f", "type": "test.flaky", "config": {"succeed_on": 3},
                      "retry": {"max_attempts": 5, "initial_delay_ms": 20, "max_delay_ms": 40}}])");
  auto began = std::chrono::steady_clock::now();
  auto r = submit("flaky");
  auto out = wait_for(r->run_id);
  EXPECT_EQ(out.state, sdk::run_state::succeeded);
  EXPECT_EQ(out.output.at("attempt"), 3);
  // Two waits of at least half their nominal delay (jitter): 10 ms + 20 ms.
  EXPECT_GE(std::chrono::steady_clock::now() - began, std::chrono::milliseconds(30));
  auto stored = engine_->storage().get_run(r->run_id);
  EXPECT_EQ(stored->steps.at(0).attempts, 3);
}

TEST_F(Runner, FailsAfterTheLastAttemptAndKeepsTheError) {
  start();
  apply("never", R"([{"id": "f", "type": "test.flaky", "config": {"succeed_on": 0},
                      "retry": {"max_attempts": 2, "initial_delay_ms": 1}}])");
  auto out = wait_for(submit("never")->run_id);
  EXPECT_EQ(out.state, sdk::run_state::failed);
  EXPECT_EQ(out.error, "step \"f\" failed after 2 attempts: flaky failure on attempt 2");
}

TEST_F(Runner, DoesNotRetryPermanentErrorsOrExceptions) {
  start();
  apply("perm", R"([{"id": "f", "type": "test.fail", "retry": {"max_attempts": 5, "initial_delay_ms": 1}}])");
  apply("boom", R"([{"id": "t", "type": "test.throw", "retry": {"max_attempts": 5, "initial_delay_ms": 1}}])");
  auto perm = wait_for(submit("perm")->run_id);
  EXPECT_EQ(perm.error, "step \"f\" failed after 1 attempt: permanent failure");
  auto boom = wait_for(submit("boom")->run_id);
  EXPECT_EQ(boom.error, "step \"t\" failed after 1 attempt: action threw: boom");
}

TEST_F(Runner, FailsAStepWhoseOutputIsNotAnObject) {
  start();
  apply("bad", R"([{"id": "m", "type": "test.malformed", "retry": {"max_attempts": 3, "initial_delay_ms": 1}}])");
  auto out = wait_for(submit("bad")->run_id);
  EXPECT_EQ(
      out.error,
      "step \"m\" failed after 1 attempt: the action returned malformed output: a JSON object (or null) is required");
}

TEST_F(Runner, CountsAStepPastItsTimeoutAsFailed) {
  start();
  apply("slow", R"([{"id": "s", "type": "test.sleep", "config": {"ms": 50}, "timeout_ms": 10}])");
  auto out = wait_for(submit("slow")->run_id);
  EXPECT_EQ(out.state, sdk::run_state::failed);
  EXPECT_NE(out.error.find("over its timeout of 10 ms"), std::string::npos) << out.error;
}

TEST_F(Runner, RefusesRunsWhenTheQueueIsFullAndAcceptsAtTheLimit) {
  auto c = config();
  c.runner.queue_capacity = 2;
  c.runner.workers = 1;
  start(c);
  apply("slow", R"([{"id": "s", "type": "test.sleep", "config": {"ms": 300}}])");
  auto a = submit("slow"), b = submit("slow"), third = submit("slow");
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());       // at the limit
  ASSERT_FALSE(third.ok());  // past it
  EXPECT_EQ(third.error().code(), sdk::status_code::resource_exhausted);
  EXPECT_EQ(wait_for(a->run_id).state, sdk::run_state::succeeded);
}

TEST_F(Runner, AwaitTimesOutWithTheCurrentState) {
  start();
  apply("slow", R"([{"id": "s", "type": "test.sleep", "config": {"ms": 500}}])");
  auto r = submit("slow");
  auto out = wait_for(r->run_id, std::chrono::milliseconds(20));
  EXPECT_NE(out.state, sdk::run_state::succeeded);
  EXPECT_EQ(wait_for(r->run_id).state, sdk::run_state::succeeded);
}

TEST_F(Runner, RefusesUnknownWorkflowsAndRunsAfterStop) {
  start();
  EXPECT_EQ(submit("nope").error().code(), sdk::status_code::not_found);
  apply("a", R"([{"id": "s", "type": "test.echo"}])");
  engine_->runs().stop();
  EXPECT_EQ(submit("a").error().code(), sdk::status_code::failed_precondition);
}

TEST_F(Runner, ResumesUnfinishedRunsAfterRestart) {
  start();
  apply("resume", R"([{"id": "first", "type": "test.echo", "config": {"text": "one"}},
                      {"id": "second", "type": "test.echo", "config": {"text": "{{$steps.first.text}} two"}}])");
  engine_->stop();
  // A run left "running" after its first step, as a crash would leave it.
  {
    hookflow::engine::store::sqlite_store s((dir_ / "var" / "hookflow.db").string());
    hookflow::engine::store::new_run r;
    r.id = "CRASHED";
    r.workflow_id = "resume";
    // A recent run: retention prunes finished runs older than 14 days as soon as the engine starts.
    r.created_at_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    r.trigger_json = "{}";
    std::promise<void> stored;
    s.insert_run(r, [&](sdk::result<sdk::run_receipt>) { stored.set_value(); });
    stored.get_future().get();
    s.update_run({"CRASHED", sdk::run_state::running, 1, 0, {}});
    hookflow::engine::store::step_record step;
    step.step_id = "first";
    step.state = sdk::run_state::succeeded;
    step.attempts = 1;
    step.output = json::object{{"text", "one"}};
    s.save_step("CRASHED", step);
  }
  start();
  auto out = wait_for("CRASHED");
  EXPECT_EQ(out.state, sdk::run_state::succeeded);
  EXPECT_EQ(out.output.at("text"), "one two");
}

TEST_F(Runner, AGoodPluginBesideBadOnesLoadsAndRuns) {
  auto c = config();
  c.plugin_dirs = {HOOKFLOW_TEST_MIXED_DIR, HOOKFLOW_TEST_ACTIONS_DIR};
  c.plugins.erase("webhook");  // not in these folders: its settings would stop the start
  start(c);
  EXPECT_EQ(engine_->diagnostics().size(), 6u);
  apply("mixed", R"([{"id": "say", "type": "log", "config": {"message": "hello {{$request.who}}"}}])");
  auto out = wait_for(submit("mixed", json::object{{"who", "world"}})->run_id);
  EXPECT_EQ(out.output.at("message"), "hello world");
}

}  // namespace

namespace {

using Retention = hookflow::testing::engine_fixture;

TEST_F(Retention, PrunesRunHistoryBeyondTheLimitsWhenTheEngineStarts) {
  auto c = config();
  c.retention = {0, 2};  // no age limit, keep the newest 2 runs
  start(c);
  apply("keep", R"([{"id": "s", "type": "test.echo"}])");
  std::vector<std::string> ids;
  for (int i = 0; i < 4; ++i) ids.push_back(submit("keep")->run_id);
  for (const auto& id : ids) wait_for(id);
  engine_->stop();
  start(c);
  ASSERT_TRUE(hookflow::testing::wait_until([&] { return engine_->storage().list_runs({}).size() == 2; }));
  auto kept = engine_->storage().list_runs({});
  EXPECT_EQ(kept[0].id, ids[3]);
  EXPECT_EQ(kept[1].id, ids[2]);
}

}  // namespace
