// The catch-all HOOKFLOW_PLUGIN compiles into every plugin: an exception from the author's
// code becomes an `internal` status inside the plugin, never an exception in the host.
#include <hookflow/sdk/guard.hpp>
#include <hookflow/sdk/testing/test_host.hpp>

#include <gtest/gtest.h>

#include <stdexcept>

namespace hookflow::sdk {
namespace {

using detail::guarded_action;
using detail::guarded_trigger;
namespace json = boost::json;

struct throwing_action final : action {
  result<json::value> execute(const json::object&, const execution_context&) override {
    throw std::runtime_error("boom");
  }
};

struct throwing_trigger final : trigger {
  status start() override { throw std::runtime_error("no port"); }
  void stop() override { throw std::runtime_error("stuck"); }
  status bind(const binding&) override { throw 42; }
  void unbind(const std::string&) override { throw std::runtime_error("gone"); }
  result<json::object> describe(const std::string&) override { throw std::runtime_error("d"); }
  result<json::object> command(const std::string&, const std::string&, const json::object&) override {
    throw std::runtime_error("c");
  }
  std::vector<command_info> commands() const override { throw std::runtime_error("list"); }
};

TEST(Guard, AnActionThatThrowsFailsItsStepWithoutRetry) {
  guarded_action a(std::make_unique<throwing_action>());
  auto out = a.execute({}, execution_context{});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code(), status_code::internal);
  EXPECT_EQ(out.error().message(), "action threw: boom");
  EXPECT_FALSE(out.error().retryable());
}

TEST(Guard, ATriggerThatThrowsAnswersWithStatusesAndNeverThrows) {
  testing::test_host host;
  guarded_trigger t(std::make_unique<throwing_trigger>(), "test.throwing", &host);
  EXPECT_EQ(t.start().message(), "start threw: no port");
  EXPECT_EQ(t.bind(binding{}).message(), "bind threw a non-standard exception");
  EXPECT_EQ(t.describe("w").error().message(), "describe threw: d");
  EXPECT_EQ(t.command("w", "x", {}).error().code(), status_code::internal);
  EXPECT_NO_THROW(t.stop());
  EXPECT_NO_THROW(t.unbind("w"));
  EXPECT_TRUE(t.commands().empty());
  // What had no status to return went to the log, naming the trigger (and the workflow).
  auto logs = host.logs();
  ASSERT_EQ(logs.size(), 3u);
  EXPECT_EQ(logs[0].message, "stop threw: stuck");
  EXPECT_EQ(logs[0].fields.at("trigger"), "test.throwing");
  EXPECT_EQ(logs[1].message, "unbind threw: gone");
  EXPECT_EQ(logs[1].fields.at("workflow"), "w");
  EXPECT_EQ(logs[2].message, "commands threw: list");
  EXPECT_EQ(logs[0].level, log_level::error);
}

TEST(Guard, RegisteredComponentsAreWrapped) {
  struct recording final : registrar {
    void plugin_settings(config_schema) override {}
    void add_trigger(trigger_spec s) override { trigger_spec_ = std::move(s); }
    void add_action(action_spec s) override { action_spec_ = std::move(s); }
    void fail(std::string) override {}
    trigger_spec trigger_spec_;
    action_spec action_spec_;
  } host;
  detail::guarding_registrar r(host);
  r.add_action({"a", "", {}, [](const component_context&) -> result<std::unique_ptr<action>> {
                  return std::unique_ptr<action>(std::make_unique<throwing_action>());
                }});
  r.add_trigger({"t", "", {}, [](const component_context&) -> result<std::unique_ptr<trigger>> {
                   return std::unique_ptr<trigger>(std::make_unique<throwing_trigger>());
                 }});
  auto a = host.action_spec_.create(component_context{});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ((*a)->execute({}, execution_context{}).error().message(), "action threw: boom");
  auto t = host.trigger_spec_.create(component_context{});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ((*t)->start().message(), "start threw: no port");
}

TEST(Guard, AFactoryThatThrowsFailsItsCreation) {
  struct recording final : registrar {
    void plugin_settings(config_schema) override {}
    void add_trigger(trigger_spec) override {}
    void add_action(action_spec s) override { spec = std::move(s); }
    void fail(std::string) override {}
    action_spec spec;
  } host;
  detail::guarding_registrar r(host);
  r.add_action({"t", "", {}, [](const component_context&) -> result<std::unique_ptr<action>> {
                  throw std::runtime_error("no config");
                }});
  auto made = host.spec.create(component_context{});
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.error().message(), "the factory threw: no config");
}

}  // namespace
}  // namespace hookflow::sdk
