#pragma once
// The engine: loads plugins, opens the store, keeps the workflows, runs them, and hands each
// plugin its host services. Embedders use this class; `hookflow serve` is a thin shell over it.
//
// Lifetime: start() once, stop() once (also done by the destructor). Shutdown order:
// stop triggers -> drain runs -> flush the store -> destroy components -> unload plugins.
// Threads: workflow methods and trigger commands are serialized by an internal mutex; the
// workflow lookup used by runs is safe from any thread.

#include "config.hpp"

#include "../loader/loader.hpp"
#include "../registry/registry.hpp"
#include "../runner/runner.hpp"
#include "../store/store.hpp"
#include "../telemetry/logger.hpp"
#include "../telemetry/metrics.hpp"
#include "../workflow/definition.hpp"

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <thread>

namespace hookflow::engine::admin {
class api;
class server;
}  // namespace hookflow::engine::admin

namespace hookflow::engine::host {

class plugin_services;

/// Where a workflow came from: files in workflow_dirs are read-only to the API.
enum class workflow_origin { store, file };

struct workflow_entry {
  std::shared_ptr<const workflow::definition> definition;
  workflow_origin origin = workflow_origin::store;
  std::string file;  // for workflow_origin::file
};

/// The answer to a change of workflow.
struct apply_result {
  bool created = false;
  std::vector<sdk::config_error> errors;  // validation errors (nothing changed)
  sdk::status status;                     // other failures (nothing changed)
};

class engine {
 public:
  engine(engine_config config, telemetry::logger& log);
  ~engine();
  engine(const engine&) = delete;
  engine& operator=(const engine&) = delete;

  /// Loads everything and starts listening. Throws std::runtime_error when the store cannot be
  /// opened; plugin and workflow problems are logged and kept as diagnostics instead.
  void start();
  void stop();

  /// Validates, stores and (re)binds a workflow definition given as JSON text.
  apply_result apply_workflow(std::string_view json_text);
  sdk::status delete_workflow(const std::string& id);
  std::vector<workflow_entry> workflows() const;
  std::shared_ptr<const workflow::definition> find_workflow(const std::string& id) const;

  sdk::result<boost::json::object> describe_trigger(const std::string& workflow_id);
  sdk::result<std::vector<sdk::command_info>> trigger_commands(const std::string& workflow_id);
  sdk::result<boost::json::object> trigger_command(const std::string& workflow_id, const std::string& command,
                                                   const boost::json::object& args);

  const registry::registry& components() const { return registry_; }
  const std::vector<loader::diagnostic>& diagnostics() const { return diagnostics_; }
  runner::runner& runs() { return *runner_; }
  store::store& storage() { return *store_; }
  telemetry::metrics& metrics() { return metrics_; }
  telemetry::logger& log() { return log_; }
  const engine_config& config() const { return config_; }
  /// The admin API's bound "host:port" (after start).
  const std::string& admin_address() const { return admin_address_; }

 private:
  friend class plugin_services;

  void load_plugins();
  void load_workflows();
  void load_workflow_file(const std::filesystem::path& file);
  /// Installs `def` (replacing any previous one) and binds or unbinds its trigger.
  sdk::status install(std::shared_ptr<const workflow::definition> def, workflow_origin origin, std::string file);
  void start_triggers();
  void start_admin();
  void retention_loop();
  sdk::status bind(const workflow::definition& def);
  void unbind(const workflow::definition& def);
  plugin_services& services_for(const std::string& plugin_name);

  engine_config config_;
  telemetry::logger& log_;
  telemetry::metrics metrics_;
  std::unique_ptr<store::store> store_;
  registry::registry registry_;
  std::vector<loader::diagnostic> diagnostics_;
  std::map<std::string, std::unique_ptr<plugin_services>> services_;  // by plugin name
  std::unique_ptr<plugin_services> runner_services_;                  // for actions
  std::unique_ptr<runner::runner> runner_;
  std::unique_ptr<admin::api> admin_api_;
  std::unique_ptr<admin::server> admin_server_;
  std::string admin_address_;
  std::thread retention_thread_;
  std::mutex retention_mutex_;
  std::condition_variable retention_cv_;

  mutable std::shared_mutex workflows_mutex_;  // guards workflows_
  std::map<std::string, workflow_entry> workflows_;
  std::mutex control_mutex_;  // serializes changes and trigger calls
  bool started_ = false;
  bool bindings_live_ = false;              // triggers started and the runner running
  std::set<std::string> started_triggers_;  // types whose start() succeeded
  bool stopped_ = false;
};

}  // namespace hookflow::engine::host
