// Tests the plugin file itself, loaded the way the engine loads it.
#include <hookflow/sdk/testing/harness.hpp>

#include <gtest/gtest.h>

namespace {

using hookflow::sdk::testing::plugin_harness;

TEST(Greet, LoadsWithItsDescriptor) {
  plugin_harness h(GREET_PLUGIN);
  ASSERT_TRUE(h.loaded()) << h.error();
  EXPECT_EQ(h.describe().name, "greet");
  EXPECT_EQ(h.describe().action_types, std::vector<std::string>{"greet"});
}

TEST(Greet, GreetsWithDefaultsAndSettings) {
  plugin_harness h(GREET_PLUGIN);
  auto action = h.action("greet", {{"punctuation", "?"}});
  ASSERT_TRUE(action.ok()) << action.error().message();
  auto out = (*action)->execute({{"name", "Ada"}});
  ASSERT_TRUE(out.ok()) << out.error().message();
  EXPECT_EQ(out->at("text"), "Hello, Ada?");
}

TEST(Greet, RefusesConfigOutsideItsTable) {
  plugin_harness h(GREET_PLUGIN);
  auto action = h.action("greet");
  ASSERT_TRUE(action.ok());
  auto out = (*action)->execute({{"name", "Ada"}, {"greeting", "Yo"}});
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.error().message().find("/greeting"), std::string::npos) << out.error().message();
}

TEST(Greet, ReportsAnEmptyNameAsInvalid) {
  plugin_harness h(GREET_PLUGIN);
  auto out = (*h.action("greet"))->execute({{"name", ""}});
  ASSERT_FALSE(out.ok());
  EXPECT_FALSE(out.error().retryable());
}

}  // namespace
