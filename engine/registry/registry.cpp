#include "registry.hpp"

#include <boost/json/serialize.hpp>

namespace hookflow::engine::registry {
namespace json = boost::json;
namespace {

// Wraps a component so that its plugin outlives it.
template <class T>
std::shared_ptr<T> hold(std::unique_ptr<T> instance, std::shared_ptr<loader::plugin> owner) {
  return std::shared_ptr<T>(instance.release(), [owner = std::move(owner)](T* p) mutable {
    delete p;
    owner.reset();
  });
}

}  // namespace

bool registry::add(std::shared_ptr<loader::plugin> p, std::vector<loader::diagnostic>& diagnostics) {
  auto clash = [&](const std::string& type, const std::shared_ptr<loader::plugin>& other) {
    diagnostics.push_back(
        {p->info.path, "duplicate", "component type \"" + type + "\" is already registered by " + other->info.path});
  };
  bool ok = true;
  for (const auto& t : p->triggers)
    if (auto it = triggers_.find(t.type); it != triggers_.end()) clash(t.type, it->second.plugin), ok = false;
  for (const auto& a : p->actions)
    if (auto it = actions_.find(a.type); it != actions_.end()) clash(a.type, it->second.plugin), ok = false;
  if (!ok) return false;
  for (const auto& t : p->triggers) triggers_[t.type] = {&t, p, nullptr};
  for (const auto& a : p->actions) actions_[a.type] = {&a, p, nullptr};
  plugins_.push_back(std::move(p));
  return true;
}

void registry::remove_plugin(const std::string& name) {
  std::erase_if(triggers_, [&](const auto& kv) { return kv.second.plugin->info.name == name; });
  std::erase_if(actions_, [&](const auto& kv) { return kv.second.plugin->info.name == name; });
  std::erase_if(plugins_, [&](const auto& p) { return p->info.name == name; });
}

void registry::instantiate(const json::object& plugin_settings, const context_factory& make_context,
                           std::vector<loader::diagnostic>& diagnostics) {
  std::vector<std::string> broken;
  for (const auto& p : plugins_) {
    auto it = plugin_settings.find(p->info.name);
    std::vector<sdk::config_error> errors;
    auto settings = sdk::validate_config(p->settings, it == plugin_settings.end() ? json::value() : it->value(),
                                         "/plugins/" + p->info.name, errors);
    if (!errors.empty()) {
      for (const auto& e : errors) diagnostics.push_back({p->info.path, "settings", e.path + ": " + e.message});
      broken.push_back(p->info.name);
      continue;
    }
    auto ctx = make_context(*p);
    ctx.settings = std::move(settings);
    auto failed = [&](const std::string& type, const std::string& why) {
      diagnostics.push_back({p->info.path, "create", "cannot create \"" + type + "\": " + why});
      broken.push_back(p->info.name);
    };
    auto create = [&](auto& entry, const auto& spec) -> bool {
      try {
        auto made = spec.create(ctx);
        if (!made.ok()) return failed(spec.type, made.error().message()), false;
        if (!made.value()) return failed(spec.type, "the factory returned nothing"), false;
        entry.instance = hold(std::move(made).value(), p);
        return true;
      } catch (const std::exception& e) {
        return failed(spec.type, std::string("the factory threw: ") + e.what()), false;
      }
    };
    bool ok = true;
    for (const auto& t : p->triggers) ok = ok && create(triggers_.at(t.type), t);
    for (const auto& a : p->actions) ok = ok && create(actions_.at(a.type), a);
  }
  for (const auto& name : broken) remove_plugin(name);
}

const trigger_entry* registry::trigger(const std::string& type) const {
  auto it = triggers_.find(type);
  return it == triggers_.end() ? nullptr : &it->second;
}

const action_entry* registry::action(const std::string& type) const {
  auto it = actions_.find(type);
  return it == actions_.end() ? nullptr : &it->second;
}

std::shared_ptr<loader::plugin> registry::plugin(const std::string& name) const {
  for (const auto& p : plugins_)
    if (p->info.name == name) return p;
  return nullptr;
}

const sdk::config_schema* registry::trigger_fields(const std::string& type) const {
  auto* e = trigger(type);
  return e ? &e->spec->binding_fields : nullptr;
}

const sdk::config_schema* registry::action_fields(const std::string& type) const {
  auto* e = action(type);
  return e ? &e->spec->fields : nullptr;
}

std::shared_ptr<sdk::action> registry::action_instance(const std::string& type) const {
  auto* e = action(type);
  return e ? e->instance : nullptr;
}

std::vector<std::string> registry::trigger_types() const {
  std::vector<std::string> out;
  for (const auto& [k, _] : triggers_) out.push_back(k);
  return out;
}

std::vector<std::string> registry::action_types() const {
  std::vector<std::string> out;
  for (const auto& [k, _] : actions_) out.push_back(k);
  return out;
}

}  // namespace hookflow::engine::registry
