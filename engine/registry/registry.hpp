#pragma once
// The components of the loaded plugins, by type name, and their live instances.
//
// Ownership: each instance is held by a shared_ptr whose deleter keeps the plugin (and so its
// library) alive until the instance is destroyed. Threads: `add` and `instantiate` run at
// start-up on one thread; lookups are read-only afterwards and safe from any thread.

#include "../loader/loader.hpp"
#include "../workflow/definition.hpp"

#include <hookflow/sdk/action.hpp>
#include <hookflow/sdk/trigger.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace hookflow::engine::registry {

namespace sdk = hookflow::sdk;

struct trigger_entry {
  const sdk::trigger_spec* spec = nullptr;
  std::shared_ptr<loader::plugin> plugin;
  std::shared_ptr<sdk::trigger> instance;  // after instantiate
};

struct action_entry {
  const sdk::action_spec* spec = nullptr;
  std::shared_ptr<loader::plugin> plugin;
  std::shared_ptr<sdk::action> instance;  // after instantiate
};

/// Gives each plugin its host services (state namespaced by plugin name) and data folder.
using context_factory = std::function<sdk::component_context(const loader::plugin&)>;

class registry final : public workflow::component_catalog {
 public:
  /// Adds a plugin's components. A type name already taken refuses the whole plugin, with a
  /// diagnostic naming both files; returns false then.
  bool add(std::shared_ptr<loader::plugin> p, std::vector<loader::diagnostic>& diagnostics);

  /// Creates one instance of every component. `plugin_settings` is the engine config's
  /// `plugins` object: each plugin's entry is validated against its settings table first.
  /// A plugin whose settings are wrong or whose factory fails is dropped, with a diagnostic.
  void instantiate(const boost::json::object& plugin_settings, const context_factory& make_context,
                   std::vector<loader::diagnostic>& diagnostics);

  const std::vector<std::shared_ptr<loader::plugin>>& plugins() const { return plugins_; }
  const trigger_entry* trigger(const std::string& type) const;
  const action_entry* action(const std::string& type) const;
  const std::map<std::string, trigger_entry>& triggers() const { return triggers_; }
  /// The plugin named `name`, or null.
  std::shared_ptr<loader::plugin> plugin(const std::string& name) const;

  // workflow::component_catalog
  const sdk::config_schema* trigger_fields(const std::string& type) const override;
  const sdk::config_schema* action_fields(const std::string& type) const override;
  std::shared_ptr<sdk::action> action_instance(const std::string& type) const override;
  std::vector<std::string> trigger_types() const override;
  std::vector<std::string> action_types() const override;

 private:
  void remove_plugin(const std::string& name);

  std::vector<std::shared_ptr<loader::plugin>> plugins_;
  std::map<std::string, trigger_entry> triggers_;
  std::map<std::string, action_entry> actions_;
};

}  // namespace hookflow::engine::registry
