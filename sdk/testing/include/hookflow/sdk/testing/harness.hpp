#pragma once
// Test a plugin file alone, with no engine: the harness loads the `.so` through the engine's
// own loader (same descriptor checks, same diagnostics), validates configs against the
// plugin's tables exactly as the engine does, and calls the plugin through guards that turn
// a throw, a malformed output or a call that blocks past its timeout into a clear failure.
//
//   hookflow::sdk::testing::plugin_harness h(PLUGIN_PATH);
//   ASSERT_TRUE(h.loaded()) << h.error();
//   auto greet = h.action("greet");
//   auto out = greet->execute({{"name", "Ada"}});
//   ASSERT_TRUE(out.ok()) << out.error().message();

#include <hookflow/sdk/testing/test_host.hpp>

#include <hookflow/sdk/action.hpp>
#include <hookflow/sdk/config.hpp>
#include <hookflow/sdk/trigger.hpp>

#include <filesystem>
#include <memory>

namespace hookflow::sdk::testing {

struct plugin_description {
  std::string name, version, description, license, contact;
  unsigned abi_major = 0, abi_minor = 0;
  config_schema settings;
  std::vector<std::string> trigger_types, action_types;
};

class action_under_test {
 public:
  /// Validates `config` against the action's fields (errors: invalid_argument listing every
  /// "/path: message"), then calls execute on its own thread. Fails with deadline_exceeded
  /// when execute has not returned after `timeout` (the call is abandoned), internal when it
  /// throws, invalid_argument when its output is not a JSON object or null.
  result<boost::json::value> execute(const boost::json::value& config,
                                     std::chrono::milliseconds timeout = std::chrono::seconds(5), int attempt = 1);
  const config_schema& fields() const { return *fields_; }

 private:
  friend class plugin_harness;
  std::shared_ptr<action> action_;
  const config_schema* fields_ = nullptr;
  test_host* host_ = nullptr;
};

class trigger_under_test {
 public:
  status start();
  void stop();
  /// Validates `config` against the trigger's binding fields first.
  status bind(const std::string& workflow_id, const boost::json::value& config = boost::json::object{});
  void unbind(const std::string& workflow_id);
  result<boost::json::object> describe(const std::string& workflow_id);
  result<boost::json::object> command(const std::string& workflow_id, const std::string& name,
                                      const boost::json::object& args = {});
  trigger& get() { return *trigger_; }

 private:
  friend class plugin_harness;
  std::shared_ptr<trigger> trigger_;
  const config_schema* fields_ = nullptr;
};

class plugin_harness {
 public:
  explicit plugin_harness(const std::filesystem::path& plugin_file);
  ~plugin_harness();
  plugin_harness(const plugin_harness&) = delete;
  plugin_harness& operator=(const plugin_harness&) = delete;

  /// False when the loader refused the file; `error()` then says why ("[stage] reason").
  bool loaded() const;
  const std::string& error() const;
  const plugin_description& describe() const;
  test_host& host() { return host_; }

  /// Creates a component; `settings` is validated against the plugin's settings table.
  /// `data_dir` defaults to a fresh temporary folder removed with the harness.
  result<std::shared_ptr<action_under_test>> action(const std::string& type,
                                                    const boost::json::value& settings = boost::json::object{});
  result<std::shared_ptr<trigger_under_test>> trigger(const std::string& type,
                                                      const boost::json::value& settings = boost::json::object{});

 private:
  struct impl;
  test_host host_;  // declared first: outlives the components in impl_
  std::unique_ptr<impl> impl_;
};

}  // namespace hookflow::sdk::testing
