#pragma once
// The host services one plugin sees: state is namespaced by the plugin's name, and a trigger
// may only submit runs for workflows bound to one of its own trigger types.

#include <hookflow/sdk/services.hpp>

#include <set>
#include <string>

namespace hookflow::engine::host {

class engine;

class plugin_services final : public hookflow::sdk::host_services {
 public:
  plugin_services(engine& e, std::string plugin_name, std::set<std::string> trigger_types)
      : engine_(e), plugin_(std::move(plugin_name)), trigger_types_(std::move(trigger_types)) {}

  void submit(hookflow::sdk::run_request request, hookflow::sdk::submit_callback done) override;
  void await_run(const std::string& run_id, std::chrono::milliseconds timeout,
                 hookflow::sdk::await_callback done) override;
  hookflow::sdk::result<std::optional<std::string>> state_get(const std::string& workflow_id,
                                                              const std::string& key) override;
  hookflow::sdk::status state_put(const std::string& workflow_id, const std::string& key,
                                  const std::string& value) override;
  hookflow::sdk::status state_erase(const std::string& workflow_id, const std::string& key) override;
  void log(hookflow::sdk::log_level level, std::string_view message, const boost::json::object& fields) override;
  void count(std::string_view name, const boost::json::object& labels, double amount) override;
  void observe(std::string_view name, const boost::json::object& labels, double value) override;
  std::chrono::system_clock::time_point now() override { return std::chrono::system_clock::now(); }
  hookflow::sdk::result<std::string> render(std::string_view template_text, const boost::json::value& context) override;

 private:
  engine& engine_;
  std::string plugin_;
  std::set<std::string> trigger_types_;
};

}  // namespace hookflow::engine::host
