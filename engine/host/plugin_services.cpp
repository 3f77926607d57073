#include "plugin_services.hpp"

#include "engine.hpp"

#include "../template/template.hpp"

namespace hookflow::engine::host {
namespace sdk = hookflow::sdk;

void plugin_services::submit(sdk::run_request request, sdk::submit_callback done) {
  auto def = engine_.find_workflow(request.workflow_id);
  if (!def || !def->enabled || !trigger_types_.contains(def->trigger_type)) {
    done(sdk::not_found("no workflow \"" + request.workflow_id + "\" is bound to a trigger of plugin \"" + plugin_ +
                        "\""));
    return;
  }
  engine_.runs().submit(std::move(request), std::move(done));
}

void plugin_services::await_run(const std::string& run_id, std::chrono::milliseconds timeout,
                                sdk::await_callback done) {
  engine_.runs().await_run(run_id, timeout, std::move(done));
}

sdk::result<std::optional<std::string>> plugin_services::state_get(const std::string& workflow_id,
                                                                   const std::string& key) {
  return engine_.storage().state_get(plugin_, workflow_id, key);
}

sdk::status plugin_services::state_put(const std::string& workflow_id, const std::string& key,
                                       const std::string& value) {
  return engine_.storage().state_put(plugin_, workflow_id, key, value);
}

sdk::status plugin_services::state_erase(const std::string& workflow_id, const std::string& key) {
  return engine_.storage().state_erase(plugin_, workflow_id, key);
}

void plugin_services::log(sdk::log_level level, std::string_view message, const boost::json::object& fields) {
  if (!engine_.log().enabled(level)) return;
  boost::json::object f = fields;
  f["plugin"] = plugin_;
  engine_.log().log(level, message, f);
}

void plugin_services::count(std::string_view name, const boost::json::object& labels, double amount) {
  engine_.metrics().count(name, labels, amount);
}

void plugin_services::observe(std::string_view name, const boost::json::object& labels, double value) {
  engine_.metrics().observe(name, labels, value);
}

sdk::result<std::string> plugin_services::render(std::string_view template_text, const boost::json::value& context) {
  auto t = template_::compiled_template::compile(template_text);
  if (!t.ok()) return t.error();
  return t->render(context);
}

}  // namespace hookflow::engine::host
