#include "loader.hpp"

#include <hookflow/sdk/abi.hpp>

#include <boost/dll/shared_library.hpp>

#include <algorithm>
#include <map>

namespace hookflow::engine::loader {
namespace dll = boost::dll;
namespace fs = std::filesystem;
namespace {

// Collects what a plugin's register call adds.
class collecting_registrar final : public sdk::registrar {
 public:
  explicit collecting_registrar(plugin& p) : plugin_(p) {}
  void plugin_settings(sdk::config_schema fields) override { plugin_.settings = std::move(fields); }
  void add_trigger(sdk::trigger_spec spec) override {
    if (spec.type.empty() || !spec.create) return fail("a trigger was registered without a type or factory");
    plugin_.triggers.push_back(std::move(spec));
  }
  void add_action(sdk::action_spec spec) override {
    if (spec.type.empty() || !spec.create) return fail("an action was registered without a type or factory");
    plugin_.actions.push_back(std::move(spec));
  }
  void fail(std::string reason) override {
    if (failure_.empty()) failure_ = std::move(reason);
  }
  const std::string& failure() const { return failure_; }

 private:
  plugin& plugin_;
  std::string failure_;
};

std::string safe(const char* s) {
  return s ? s : "";
}

// dlerror text is useful; Boost's suffix (an errno string) is not.
std::string open_error(const std::exception& e) {
  std::string what = e.what();
  auto start = what.find("dlerror system message: ");
  if (start == std::string::npos) return what;
  start += 24;
  auto end = what.find(")", start);
  return what.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace

plugin::~plugin() {
  // Specs own std::function objects whose code lives in the library: drop them first.
  triggers.clear();
  actions.clear();
}

std::shared_ptr<plugin> load_plugin(const fs::path& file, diagnostic& problem) {
  const auto path = fs::absolute(file).lexically_normal();
  problem = {path.string(), "", ""};
  auto p = std::make_shared<plugin>();
  p->info.path = path.string();
  try {
    p->library = std::make_shared<dll::shared_library>(path, dll::load_mode::rtld_now | dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    problem.stage = "open";
    problem.reason = "not a loadable shared library: " + open_error(e);
    return nullptr;
  }
  if (!p->library->has(HOOKFLOW_PLUGIN_ENTRY_NAME)) {
    problem.stage = "entry";
    problem.reason = "no \"" HOOKFLOW_PLUGIN_ENTRY_NAME "\" entry: not a Hookflow plugin (use HOOKFLOW_PLUGIN)";
    return nullptr;
  }
  // The alias is a pointer variable holding the entry function's address.
  auto entry = p->library->get_alias<const hookflow_plugin_descriptor*()>(HOOKFLOW_PLUGIN_ENTRY_NAME);
  const hookflow_plugin_descriptor* d = entry ? entry() : nullptr;
  if (!d) {
    problem.stage = "entry";
    problem.reason = "the entry returned no descriptor";
    return nullptr;
  }
  p->info.abi_major = d->abi_major;
  p->info.abi_minor = d->abi_minor;
  const auto host = std::to_string(HOOKFLOW_SDK_ABI_MAJOR) + "." + std::to_string(HOOKFLOW_SDK_ABI_MINOR);
  const auto theirs = std::to_string(d->abi_major) + "." + std::to_string(d->abi_minor);
  if (d->abi_major != HOOKFLOW_SDK_ABI_MAJOR) {
    problem.stage = "abi";
    problem.reason = "built for SDK ABI " + theirs + ", but this engine has SDK ABI " + host +
                     ": the major versions differ; rebuild the plugin against SDK " +
                     std::to_string(HOOKFLOW_SDK_ABI_MAJOR) + ".x";
    return nullptr;
  }
  if (d->abi_minor > HOOKFLOW_SDK_ABI_MINOR) {
    problem.stage = "abi";
    problem.reason = "built for SDK ABI " + theirs + ", newer than this engine's SDK ABI " + host +
                     ": upgrade the engine or rebuild the plugin against SDK " + host;
    return nullptr;
  }
  // Every 1.x descriptor holds at least 1.0's fields: later minors only append.
  if (d->struct_size < HOOKFLOW_SDK_DESCRIPTOR_V1_0_SIZE || !d->name || !*d->name || !d->register_components) {
    problem.stage = "abi";
    problem.reason = "malformed descriptor (size " + std::to_string(d->struct_size) + ", name or register missing)";
    return nullptr;
  }
  p->info.name = safe(d->name);
  p->info.version = safe(d->version);
  p->info.description = safe(d->description);
  p->info.license = safe(d->license);
  p->info.contact = safe(d->contact);

  collecting_registrar registrar(*p);
  d->register_components(&registrar);
  if (!registrar.failure().empty()) {
    problem.stage = "register";
    problem.reason = registrar.failure();
    return nullptr;
  }
  if (p->triggers.empty() && p->actions.empty()) {
    problem.stage = "register";
    problem.reason = "the plugin registered no trigger and no action";
    return nullptr;
  }
  return p;
}

load_report load_plugins(const std::vector<fs::path>& folders) {
  load_report report;
  std::map<std::string, std::string> names;  // plugin name -> file
  for (const auto& folder : folders) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
      if (it->path().extension() == ".so" && !it->is_directory()) files.push_back(it->path());
    if (ec) {
      report.diagnostics.push_back({folder.string(), "open", "cannot read plugin folder: " + ec.message()});
      continue;
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      diagnostic problem;
      auto p = load_plugin(file, problem);
      if (!p) {
        report.diagnostics.push_back(std::move(problem));
        continue;
      }
      auto [it, fresh] = names.emplace(p->info.name, p->info.path);
      if (!fresh) {
        report.diagnostics.push_back(
            {p->info.path, "duplicate", "plugin name \"" + p->info.name + "\" is already loaded from " + it->second});
        continue;
      }
      report.plugins.push_back(std::move(p));
    }
  }
  return report;
}

}  // namespace hookflow::engine::loader
