// The catch-all HOOKFLOW_PLUGIN compiles into every plugin: an exception from the author's
// code becomes an `internal` status inside the plugin, never an exception in the host.
#include <hookflow/sdk/guard.hpp>

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
  guarded_trigger t(std::make_unique<throwing_trigger>(), nullptr);
  EXPECT_EQ(t.start().message(), "start threw: no port");
  EXPECT_EQ(t.bind(binding{}).message(), "bind threw a non-standard exception");
  EXPECT_EQ(t.describe("w").error().message(), "describe threw: d");
  EXPECT_EQ(t.command("w", "x", {}).error().code(), status_code::internal);
  EXPECT_NO_THROW(t.stop());
  EXPECT_NO_THROW(t.unbind("w"));
  EXPECT_TRUE(t.commands().empty());
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
