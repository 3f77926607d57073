// `plugins list`, `plugins describe` and `validate`: read-only commands that load plugins
// without starting anything.
#include "commands.hpp"

#include "../host/config.hpp"
#include "../loader/loader.hpp"
#include "../registry/registry.hpp"
#include "../workflow/definition.hpp"

#include <boost/json/serialize.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

namespace hookflow::engine::cli {
namespace json = boost::json;
namespace fs = std::filesystem;
namespace {

struct loaded {
  registry::registry components;
  std::vector<loader::diagnostic> diagnostics;
};

std::unique_ptr<loaded> load(const std::vector<fs::path>& dirs) {
  auto out = std::make_unique<loaded>();
  auto report = loader::load_plugins(dirs.empty() ? std::vector<fs::path>{host::bundled_plugin_dir()} : dirs);
  out->diagnostics = std::move(report.diagnostics);
  for (auto& p : report.plugins) out->components.add(std::move(p), out->diagnostics);
  return out;
}

json::array fields_json(const sdk::config_schema& schema) {
  json::array out;
  for (const auto& f : schema) {
    json::object o{
        {"name", f.name}, {"type", sdk::to_string(f.type)}, {"required", f.required}, {"description", f.description}};
    if (!f.default_value.is_null()) o["default"] = f.default_value;
    if (f.secret) o["secret"] = true;
    if (f.templated) o["templated"] = true;
    if (!f.allowed.empty()) {
      json::array a;
      for (const auto& v : f.allowed) a.emplace_back(v);
      o["allowed"] = std::move(a);
    }
    out.push_back(std::move(o));
  }
  return out;
}

void print_fields(const char* title, const sdk::config_schema& schema) {
  std::cout << "  " << title << (schema.empty() ? ": none\n" : ":\n");
  for (const auto& f : schema) {
    std::cout << "    " << f.name << " (" << sdk::to_string(f.type) << (f.required ? ", required" : "")
              << (f.templated ? ", templated" : "") << (f.secret ? ", secret" : "") << ")";
    if (!f.default_value.is_null()) std::cout << " default " << json::serialize(f.default_value);
    if (!f.allowed.empty()) {
      std::cout << " one of";
      for (const auto& a : f.allowed) std::cout << " " << a;
    }
    std::cout << "\n      " << f.description << "\n";
  }
}

void print_diagnostics(const std::vector<loader::diagnostic>& diagnostics) {
  for (const auto& d : diagnostics) std::cerr << "refused " << d.path << " [" << d.stage << "]: " << d.reason << "\n";
}

}  // namespace

int plugins_list(const std::vector<fs::path>& dirs, bool as_json) {
  auto l = load(dirs);
  if (as_json) {
    json::array plugins, refused;
    for (const auto& p : l->components.plugins()) {
      json::array components;
      for (const auto& t : p->triggers) components.push_back(json::object{{"kind", "trigger"}, {"type", t.type}});
      for (const auto& a : p->actions) components.push_back(json::object{{"kind", "action"}, {"type", a.type}});
      plugins.push_back(
          json::object{{"name", p->info.name},
                       {"version", p->info.version},
                       {"sdk", std::to_string(p->info.abi_major) + "." + std::to_string(p->info.abi_minor)},
                       {"path", p->info.path},
                       {"description", p->info.description},
                       {"components", std::move(components)}});
    }
    for (const auto& d : l->diagnostics)
      refused.push_back(json::object{{"path", d.path}, {"stage", d.stage}, {"reason", d.reason}});
    std::cout << json::serialize(json::object{{"plugins", plugins}, {"refused", refused}}) << "\n";
  } else {
    std::printf("%-12s %-10s %-6s %s\n", "NAME", "VERSION", "SDK", "COMPONENTS");
    for (const auto& p : l->components.plugins()) {
      std::string comps;
      for (const auto& t : p->triggers) comps += (comps.empty() ? "" : ", ") + t.type + " (trigger)";
      for (const auto& a : p->actions) comps += (comps.empty() ? "" : ", ") + a.type + " (action)";
      std::printf("%-12s %-10s %-6s %s\n", p->info.name.c_str(), p->info.version.c_str(),
                  (std::to_string(p->info.abi_major) + "." + std::to_string(p->info.abi_minor)).c_str(), comps.c_str());
    }
    print_diagnostics(l->diagnostics);
  }
  return l->diagnostics.empty() ? 0 : 1;
}

int plugins_describe(const std::vector<fs::path>& dirs, const std::string& name, bool as_json) {
  auto l = load(dirs);
  auto p = l->components.plugin(name);
  if (!p) {
    std::cerr << "hookflow: no plugin named \"" << name << "\"\n";
    print_diagnostics(l->diagnostics);
    return 1;
  }
  if (as_json) {
    json::array triggers, actions;
    for (const auto& t : p->triggers)
      triggers.push_back(
          json::object{{"type", t.type}, {"description", t.description}, {"config", fields_json(t.binding_fields)}});
    for (const auto& a : p->actions)
      actions.push_back(
          json::object{{"type", a.type}, {"description", a.description}, {"config", fields_json(a.fields)}});
    std::cout << json::serialize(json::object{{"name", p->info.name},
                                              {"version", p->info.version},
                                              {"description", p->info.description},
                                              {"license", p->info.license},
                                              {"contact", p->info.contact},
                                              {"settings", fields_json(p->settings)},
                                              {"triggers", triggers},
                                              {"actions", actions}})
              << "\n";
    return 0;
  }
  std::cout << p->info.name << " " << p->info.version << " — " << p->info.description << "\n"
            << "  file: " << p->info.path << "\n  license: " << p->info.license << "\n  contact: " << p->info.contact
            << "\n  SDK ABI: " << p->info.abi_major << "." << p->info.abi_minor << "\n";
  print_fields("settings (engine config \"plugins\")", p->settings);
  for (const auto& t : p->triggers) {
    std::cout << "\ntrigger " << t.type << " — " << t.description << "\n";
    print_fields("config (workflow \"trigger\": {\"config\": {...}})", t.binding_fields);
  }
  for (const auto& a : p->actions) {
    std::cout << "\naction " << a.type << " — " << a.description << "\n";
    print_fields("config (step \"config\": {...})", a.fields);
  }
  return 0;
}

int validate(const std::vector<fs::path>& dirs, const std::vector<fs::path>& files) {
  auto l = load(dirs);
  int rc = 0;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::cerr << file.string() << ": cannot read the file\n";
      rc = 1;
      continue;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    auto text = ss.str();
    auto outcome = workflow::parse(std::string_view(text), l->components);
    if (outcome.errors.empty()) {
      std::cout << file.string() << ": ok (workflow \"" << outcome.workflow->id << "\")\n";
      continue;
    }
    rc = 1;
    for (const auto& e : outcome.errors) std::cerr << file.string() << ": " << e.path << ": " << e.message << "\n";
  }
  return rc;
}

}  // namespace hookflow::engine::cli
