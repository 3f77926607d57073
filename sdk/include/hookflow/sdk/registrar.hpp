#pragma once
// Registration: a plugin's `register` function adds its components here, by type name.

#include <hookflow/sdk/abi.hpp>
#include <hookflow/sdk/action.hpp>
#include <hookflow/sdk/config.hpp>
#include <hookflow/sdk/services.hpp>
#include <hookflow/sdk/status.hpp>
#include <hookflow/sdk/trigger.hpp>

#include <boost/json/object.hpp>

#include <functional>
#include <memory>
#include <string>

HOOKFLOW_SDK_BEGIN_NAMESPACE

/// What a factory gets: the plugin's settings (`plugins.<plugin name>` of the engine config,
/// validated against `plugin_settings` with defaults filled in) and the host services, which
/// outlive every component.
struct component_context {
  boost::json::object settings;
  host_services* services = nullptr;
  std::string data_dir;         // a folder the plugin may write to: <engine data_dir>/plugins/<name>
  std::string engine_data_dir;  // the engine's data folder (shared; e.g. the mail outbox lives there)
};

struct trigger_spec {
  std::string type;  // e.g. "webhook"; unique across all loaded plugins
  std::string description;
  config_schema binding_fields;  // per-workflow config (`trigger.config` of a definition)
  std::function<result<std::unique_ptr<trigger>>(const component_context&)> create;
};

struct action_spec {
  std::string type;  // e.g. "email.send"; unique across all loaded plugins
  std::string description;
  config_schema fields;  // per-step config (`steps[].config` of a definition)
  std::function<result<std::unique_ptr<action>>(const component_context&)> create;
};

/// Implemented by the host. Only valid during the `register` call.
class registrar {
 public:
  virtual ~registrar() = default;
  /// The plugin-level settings table (`plugins.<name>` in the engine config). At most once.
  virtual void plugin_settings(config_schema fields) = 0;
  virtual void add_trigger(trigger_spec spec) = 0;
  virtual void add_action(action_spec spec) = 0;
  /// Reports that registration failed; the host refuses the whole plugin file.
  virtual void fail(std::string reason) = 0;
};

HOOKFLOW_SDK_END_NAMESPACE
