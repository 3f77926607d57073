// The schedule plugin file, loaded through the SDK harness and driven by the test host's fake
// clock (it starts at 2026-01-01T00:00:00Z). The trigger checks the clock every 2 ms of real
// time, so a firing follows a clock advance at once; tests wait on submits, never on time.
#include <hookflow/sdk/testing/harness.hpp>

#include <gtest/gtest.h>
#include <boost/json/serialize.hpp>

#include <chrono>

namespace {

namespace json = boost::json;
namespace sdk = hookflow::sdk;
using namespace std::chrono_literals;
using hookflow::sdk::testing::plugin_harness;
using hookflow::sdk::testing::trigger_under_test;

class ScheduleTrigger : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(h_.loaded()) << h_.error();
    trigger_ = make_trigger();
    ASSERT_TRUE(trigger_);
    ASSERT_TRUE(trigger_->start().ok());
  }
  void TearDown() override {
    if (trigger_) trigger_->stop();
  }

  std::shared_ptr<trigger_under_test> make_trigger(std::int64_t tick_ms = 2) {
    auto t = h_.trigger("schedule", json::object{{"tick_ms", tick_ms}});
    EXPECT_TRUE(t.ok()) << t.error().message();
    return t.ok() ? t.value() : nullptr;
  }

  json::object describe(const std::string& workflow = "wf") {
    auto d = trigger_->describe(workflow);
    EXPECT_TRUE(d.ok()) << d.error().message();
    return d.ok() ? d.value() : json::object{};
  }

  const json::object& request(std::size_t n) {  // the n-th submitted trigger data, 0-based
    submits_ = h_.host().submits();
    return submits_.at(n).trigger_data.as_object();
  }

  // Lets the timer thread look at the clock several times: for "nothing fired" checks only.
  bool fires_within_a_few_ticks(std::size_t count) { return h_.host().wait_for_submits(count, 100ms); }

  plugin_harness h_{HOOKFLOW_SCHEDULE_PLUGIN};
  std::shared_ptr<trigger_under_test> trigger_;
  std::vector<sdk::run_request> submits_;
};

TEST_F(ScheduleTrigger, RegistersTheScheduleTriggerWithItsSettings) {
  const auto& d = h_.describe();
  EXPECT_EQ(d.name, "schedule");
  EXPECT_EQ(d.trigger_types, std::vector<std::string>{"schedule"});
  ASSERT_EQ(d.settings.size(), 1u);
  EXPECT_EQ(d.settings[0].name, "tick_ms");
}

TEST_F(ScheduleTrigger, FiresWhenTheClockReachesTheInterval) {
  ASSERT_TRUE(trigger_->bind("wf", json::object{{"every", "30s"}, {"payload", {{"kind", "report"}}}}).ok());
  EXPECT_EQ(describe()["next_run"], "2026-01-01T00:00:30.000Z");
  h_.host().advance(29s);
  EXPECT_FALSE(fires_within_a_few_ticks(1));
  h_.host().advance(1s);
  ASSERT_TRUE(h_.host().wait_for_submits(1));
  auto submits = h_.host().submits();
  EXPECT_EQ(submits[0].workflow_id, "wf");
  EXPECT_EQ(submits[0].dedup_key, "schedule:2026-01-01T00:00:30.000Z");
  EXPECT_EQ(json::serialize(submits[0].trigger_data),
            R"({"scheduled_at":"2026-01-01T00:00:30.000Z","fired_at":"2026-01-01T00:00:30.000Z",)"
            R"("payload":{"kind":"report"}})");
  EXPECT_EQ(describe()["next_run"], "2026-01-01T00:01:00.000Z");
}

TEST_F(ScheduleTrigger, FiresAgainAtEachInterval) {
  ASSERT_TRUE(trigger_->bind("wf", json::object{{"every", "250ms"}}).ok());
  for (std::size_t n = 1; n <= 3; ++n) {
    h_.host().advance(250ms);
    ASSERT_TRUE(h_.host().wait_for_submits(n));
  }
  EXPECT_EQ(request(2).at("scheduled_at"), "2026-01-01T00:00:00.750Z");
  EXPECT_EQ(request(0).at("payload"), json::object{});
}

TEST_F(ScheduleTrigger, FiresOnCronMinutesInUtc) {
  ASSERT_TRUE(trigger_->bind("wf", json::object{{"cron", "*/15 9-17 * * MON-FRI"}}).ok());
  // 2026-01-01 is a Thursday.
  EXPECT_EQ(describe()["next_run"], "2026-01-01T09:00:00.000Z");
  h_.host().advance(9h);
  ASSERT_TRUE(h_.host().wait_for_submits(1));
  EXPECT_EQ(request(0).at("scheduled_at"), "2026-01-01T09:00:00.000Z");
  EXPECT_EQ(describe()["next_run"], "2026-01-01T09:15:00.000Z");
}

TEST_F(ScheduleTrigger, ReportsWhenAFiringStartedLate) {
  ASSERT_TRUE(trigger_->bind("wf", json::object{{"every", "1m"}}).ok());
  h_.host().advance(61s);
  ASSERT_TRUE(h_.host().wait_for_submits(1));
  EXPECT_EQ(request(0).at("scheduled_at"), "2026-01-01T00:01:00.000Z");
  EXPECT_EQ(request(0).at("fired_at"), "2026-01-01T00:01:01.000Z");
}

TEST_F(ScheduleTrigger, FiresOnceAfterAClockJumpAndDoesNotReplayMissedSlots) {
  ASSERT_TRUE(trigger_->bind("wf", json::object{{"every", "1m"}}).ok());
  h_.host().advance(10min + 30s);
  ASSERT_TRUE(h_.host().wait_for_submits(1));
  EXPECT_FALSE(fires_within_a_few_ticks(2));
  EXPECT_EQ(describe()["next_run"], "2026-01-01T00:11:00.000Z");
}

TEST_F(ScheduleTrigger, PauseStopsFiringAndResumeContinuesFromNow) {
  ASSERT_TRUE(trigger_->bind("wf", json::object{{"every", "1m"}}).ok());
  auto paused = trigger_->command("wf", "pause");
  ASSERT_TRUE(paused.ok()) << paused.error().message();
  EXPECT_EQ(paused.value(), (json::object{{"paused", true}}));
  EXPECT_EQ(describe(), (json::object{{"schedule", "every 1m"}, {"next_run", nullptr}, {"paused", true}}));
  h_.host().advance(5min + 10s);
  EXPECT_FALSE(fires_within_a_few_ticks(1));

  auto resumed = trigger_->command("wf", "resume");
  ASSERT_TRUE(resumed.ok()) << resumed.error().message();
  EXPECT_EQ(resumed.value(), (json::object{{"paused", false}}));
  EXPECT_EQ(describe()["next_run"], "2026-01-01T00:06:00.000Z");
  h_.host().advance(50s);
  ASSERT_TRUE(h_.host().wait_for_submits(1));
  EXPECT_EQ(request(0).at("scheduled_at"), "2026-01-01T00:06:00.000Z");
}

TEST_F(ScheduleTrigger, KeepsThePauseAcrossARestart) {
  ASSERT_TRUE(trigger_->bind("wf", json::object{{"every", "1m"}}).ok());
  ASSERT_TRUE(trigger_->command("wf", "pause").ok());
  EXPECT_EQ(h_.host().state("wf").at("paused"), "true");
  trigger_->stop();

  trigger_ = make_trigger();
  ASSERT_TRUE(trigger_->start().ok());
  ASSERT_TRUE(trigger_->bind("wf", json::object{{"every", "1m"}}).ok());
  EXPECT_EQ(describe()["paused"], true);
  h_.host().advance(2min);
  EXPECT_FALSE(fires_within_a_few_ticks(1));
}

TEST_F(ScheduleTrigger, KeepsItsPhaseAcrossARestartWithoutReplayingMissedSlots) {
  ASSERT_TRUE(trigger_->bind("wf", json::object{{"every", "1m"}}).ok());
  h_.host().advance(1min);
  ASSERT_TRUE(h_.host().wait_for_submits(1));
  trigger_->stop();
  EXPECT_EQ(h_.host().state("wf").at("last_scheduled_at"), "2026-01-01T00:01:00.000Z");

  h_.host().advance(10min + 20s);  // the engine is down: ten slots pass
  trigger_ = make_trigger();
  ASSERT_TRUE(trigger_->start().ok());
  ASSERT_TRUE(trigger_->bind("wf", json::object{{"every", "1m"}}).ok());
  EXPECT_EQ(describe()["next_run"], "2026-01-01T00:12:00.000Z");
  EXPECT_FALSE(fires_within_a_few_ticks(2));
}

TEST_F(ScheduleTrigger, DoesNotFireACronSlotTwiceAcrossAQuickRestart) {
  ASSERT_TRUE(trigger_->bind("wf", json::object{{"cron", "0 * * * *"}}).ok());
  h_.host().advance(1h);
  ASSERT_TRUE(h_.host().wait_for_submits(1));
  trigger_->stop();
  h_.host().set_now(std::chrono::system_clock::time_point(std::chrono::seconds(1767225600)) +
                    59min);  // clock went back

  trigger_ = make_trigger();
  ASSERT_TRUE(trigger_->start().ok());
  ASSERT_TRUE(trigger_->bind("wf", json::object{{"cron", "0 * * * *"}}).ok());
  EXPECT_EQ(describe()["next_run"], "2026-01-01T02:00:00.000Z");
}

TEST_F(ScheduleTrigger, RunNowSubmitsAtOnceAndReturnsTheRunId) {
  ASSERT_TRUE(trigger_->bind("wf", json::object{{"every", "1h"}, {"payload", {{"a", 1}}}}).ok());
  h_.host().advance(5s);
  auto r = trigger_->command("wf", "run-now");
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r.value(), (json::object{{"run_id", "run-1"}}));
  auto submits = h_.host().submits();
  ASSERT_EQ(submits.size(), 1u);
  EXPECT_EQ(submits[0].dedup_key, "");
  EXPECT_EQ(json::serialize(submits[0].trigger_data),
            R"({"scheduled_at":"2026-01-01T00:00:05.000Z","fired_at":"2026-01-01T00:00:05.000Z","payload":{"a":1}})");
  EXPECT_EQ(describe()["next_run"], "2026-01-01T01:00:00.000Z");  // the schedule is unchanged
}

TEST_F(ScheduleTrigger, RunNowPassesTheHostsRefusalOn) {
  ASSERT_TRUE(trigger_->bind("wf", json::object{{"every", "1h"}}).ok());
  h_.host().refuse_submits(sdk::status(sdk::status_code::resource_exhausted, "queue full"));
  auto r = trigger_->command("wf", "run-now");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), sdk::status_code::resource_exhausted);
}

TEST_F(ScheduleTrigger, DescribesTheScheduleAsWritten) {
  ASSERT_TRUE(trigger_->bind("a", json::object{{"every", "1h30m"}}).ok());
  ASSERT_TRUE(trigger_->bind("b", json::object{{"cron", "0 9 * * 1-5"}}).ok());
  EXPECT_EQ(describe("a"),
            (json::object{{"schedule", "every 1h30m"}, {"next_run", "2026-01-01T01:30:00.000Z"}, {"paused", false}}));
  EXPECT_EQ(
      describe("b"),
      (json::object{{"schedule", "cron 0 9 * * 1-5"}, {"next_run", "2026-01-01T09:00:00.000Z"}, {"paused", false}}));
}

TEST_F(ScheduleTrigger, RebindingKeepsTheNextRunUnlessTheScheduleChanges) {
  ASSERT_TRUE(trigger_->bind("wf", json::object{{"every", "1m"}}).ok());
  h_.host().advance(30s);
  ASSERT_TRUE(trigger_->bind("wf", json::object{{"every", "1m"}, {"payload", {{"v", 2}}}}).ok());
  EXPECT_EQ(describe()["next_run"], "2026-01-01T00:01:00.000Z");
  ASSERT_TRUE(trigger_->bind("wf", json::object{{"every", "5m"}}).ok());
  EXPECT_EQ(describe()["next_run"], "2026-01-01T00:05:30.000Z");
}

TEST_F(ScheduleTrigger, RefusesABindingWithBothOrNeitherScheduleOrABadOne) {
  auto both = trigger_->bind("wf", json::object{{"every", "1m"}, {"cron", "* * * * *"}});
  EXPECT_EQ(both.code(), sdk::status_code::invalid_argument);
  EXPECT_NE(both.message().find("exactly one of \"every\""), std::string::npos) << both.message();
  EXPECT_EQ(trigger_->bind("wf", json::object{}).code(), sdk::status_code::invalid_argument);

  auto cron = trigger_->bind("wf", json::object{{"cron", "61 * * * *"}});
  EXPECT_EQ(cron.message(), "/trigger/config/cron: cron \"61 * * * *\": minute: 61 is out of range 0-59");
  auto every = trigger_->bind("wf", json::object{{"every", "soon"}});
  EXPECT_NE(every.message().find("/trigger/config/every: \"soon\""), std::string::npos) << every.message();
  auto unknown = trigger_->bind("wf", json::object{{"every", "1m"}, {"timezone", "CET"}});
  EXPECT_EQ(unknown.code(), sdk::status_code::invalid_argument);
  EXPECT_FALSE(trigger_->describe("wf").ok());
}

TEST_F(ScheduleTrigger, AnswersNotFoundForUnboundWorkflowsAndUnknownCommands) {
  EXPECT_EQ(trigger_->describe("nope").error().code(), sdk::status_code::not_found);
  EXPECT_EQ(trigger_->command("nope", "pause").error().code(), sdk::status_code::not_found);
  ASSERT_TRUE(trigger_->bind("wf", json::object{{"every", "1m"}}).ok());
  auto r = trigger_->command("wf", "explode");
  EXPECT_EQ(r.error().code(), sdk::status_code::not_found);
  EXPECT_NE(r.error().message().find("run-now, pause, resume"), std::string::npos);
  std::vector<std::string> names;
  for (const auto& c : trigger_->get().commands()) names.push_back(c.name);
  EXPECT_EQ(names, (std::vector<std::string>{"run-now", "pause", "resume"}));
}

TEST_F(ScheduleTrigger, StopsFiringForAnUnboundWorkflow) {
  ASSERT_TRUE(trigger_->bind("wf", json::object{{"every", "1m"}}).ok());
  trigger_->unbind("wf");
  h_.host().advance(2min);
  EXPECT_FALSE(fires_within_a_few_ticks(1));
}

TEST_F(ScheduleTrigger, SubmitsNothingAfterStop) {
  ASSERT_TRUE(trigger_->bind("wf", json::object{{"every", "1m"}}).ok());
  trigger_->stop();
  h_.host().advance(2min);
  EXPECT_FALSE(fires_within_a_few_ticks(1));
}

TEST_F(ScheduleTrigger, StopJoinsPromptlyEvenWithALongTick) {
  trigger_->stop();
  trigger_ = make_trigger(60'000);  // the thread would sleep a minute if stop did not wake it
  ASSERT_TRUE(trigger_->start().ok());
  ASSERT_TRUE(trigger_->bind("wf", json::object{{"every", "1m"}}).ok());
  auto began = std::chrono::steady_clock::now();
  trigger_->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - began, 5s);
}

}  // namespace
