// hookflow::sdk_testing: loads plugin files through the engine's loader and turns plugin
// misbehaviour into clear failures.
#include <hookflow/sdk/testing/harness.hpp>

#include <gtest/gtest.h>

namespace {

namespace sdk = hookflow::sdk;
using hookflow::sdk::testing::plugin_harness;

const std::string actions_plugin = std::string(HOOKFLOW_TEST_ACTIONS_DIR) + "/test_actions.so";
const std::string mixed = HOOKFLOW_TEST_MIXED_DIR;

TEST(Harness, LoadsAPluginAndDescribesIt) {
  plugin_harness h(actions_plugin);
  ASSERT_TRUE(h.loaded()) << h.error();
  EXPECT_EQ(h.describe().name, "test_actions");
  EXPECT_EQ(h.describe().abi_major, 1u);
  EXPECT_NE(std::find(h.describe().action_types.begin(), h.describe().action_types.end(), "test.echo"),
            h.describe().action_types.end());
}

TEST(Harness, ReportsWhyTheLoaderRefusedAFile) {
  plugin_harness wrong_major(mixed + "/wrong_abi_major.so");
  EXPECT_FALSE(wrong_major.loaded());
  EXPECT_NE(wrong_major.error().find("[abi] built for SDK ABI 2.0"), std::string::npos) << wrong_major.error();
  plugin_harness throwing(mixed + "/throwing_register.so");
  EXPECT_EQ(throwing.error().substr(0, 52), "[register] register threw: cannot initialise the fro");
  EXPECT_FALSE(throwing.action("anything").ok());
}

TEST(Harness, ExecutesWithConfigValidatedLikeTheEngine) {
  plugin_harness h(actions_plugin);
  auto echo = h.action("test.echo");
  ASSERT_TRUE(echo.ok()) << echo.error().message();
  auto out = (*echo)->execute({{"text", "hi"}}, std::chrono::seconds(5), 3);
  ASSERT_TRUE(out.ok()) << out.error().message();
  EXPECT_EQ(out->at("text"), "hi");
  EXPECT_EQ(out->at("attempt"), 3);
  auto bad = (*echo)->execute({{"text", 5}, {"nope", true}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message(),
            "invalid config: /text: expected a string, got an integer; /nope: unknown key (known keys: text, value)");
}

TEST(Harness, CatchesAnActionThatThrows) {
  plugin_harness h(actions_plugin);
  auto out = (*h.action("test.throw"))->execute(boost::json::object{});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code(), sdk::status_code::internal);
  EXPECT_EQ(out.error().message(), "action threw: boom");  // from the guard inside the plugin
}

TEST(Harness, CatchesMalformedOutput) {
  plugin_harness h(actions_plugin);
  auto out = (*h.action("test.malformed"))->execute(boost::json::object{});
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.error().message().find("malformed output"), std::string::npos);
}

TEST(Harness, CatchesAnActionThatBlocksPastItsTimeout) {
  plugin_harness h(actions_plugin);
  auto began = std::chrono::steady_clock::now();
  auto out = (*h.action("test.sleep"))->execute({{"ms", 3000}}, std::chrono::milliseconds(50));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code(), sdk::status_code::deadline_exceeded);
  EXPECT_EQ(out.error().message(), "execute blocked past its timeout of 50 ms");
  EXPECT_LT(std::chrono::steady_clock::now() - began, std::chrono::seconds(2));
}

TEST(Harness, DrivesATriggerAndCapturesItsSubmits) {
  plugin_harness h(actions_plugin);
  auto burst = h.trigger("test.burst");
  ASSERT_TRUE(burst.ok()) << burst.error().message();
  ASSERT_TRUE((*burst)->start().ok());
  EXPECT_FALSE((*burst)->bind("wf", {{"count", "three"}}).ok());
  ASSERT_TRUE((*burst)->bind("wf", {{"count", 3}}).ok());
  ASSERT_TRUE(h.host().wait_for_submits(3));
  EXPECT_EQ(h.host().submits()[2].trigger_data.at("n"), 2);
  EXPECT_EQ(h.host().state("wf").at("fired"), "yes");
  EXPECT_EQ((*burst)->command("wf", "nope").error().code(), sdk::status_code::not_found);
}

TEST(Harness, RefusesUnknownComponentsAndBadSettings) {
  plugin_harness h(actions_plugin);
  EXPECT_EQ(h.action("no.such").error().code(), sdk::status_code::not_found);
  auto bad = h.action("test.echo", {{"unexpected", 1}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message().find("/plugins/test_actions/unexpected"), std::string::npos);
}

TEST(TestHost, RendersWithTheEngineRulesAndKeepsAFakeClock) {
  hookflow::sdk::testing::test_host host;
  auto out = host.render("{{$request.body}}!", boost::json::object{{"$request", {{"body", {{"a", 1}}}}}});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, R"({"a":1}!)");
  auto t0 = host.now();
  host.advance(std::chrono::minutes(5));
  EXPECT_EQ(host.now() - t0, std::chrono::minutes(5));
}

}  // namespace
