#pragma once
// Loads plugin files. For each `*.so` in the plugin folders: dlopen (RTLD_NOW | RTLD_LOCAL,
// absolute path), find the `hookflow_plugin` entry, check the C-layout descriptor (ABI major
// equal, minor not newer, struct size), and only then call the plugin's `register` to collect
// its components. Every refused file gets one diagnostic (path, stage, reason); one bad file
// never stops the others.

#include <hookflow/sdk/registrar.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace boost::dll {
class shared_library;
}

namespace hookflow::engine::loader {

namespace sdk = hookflow::sdk;

struct plugin_info {
  std::string path;
  std::string name;
  std::string version;
  std::string description;
  std::string license;
  std::string contact;
  unsigned abi_major = 0;
  unsigned abi_minor = 0;
};

/// A loaded plugin file. Members are destroyed in reverse order, so the library (declared
/// first) is unloaded only after every spec (whose code lives in it) is gone. Components the
/// plugin creates hold a shared_ptr to this object.
struct plugin {
  std::shared_ptr<boost::dll::shared_library> library;
  plugin_info info;
  sdk::config_schema settings;
  std::vector<sdk::trigger_spec> triggers;
  std::vector<sdk::action_spec> actions;
  ~plugin();
};

struct diagnostic {
  std::string path;
  std::string stage;  // "open", "entry", "abi", "register", "duplicate"
  std::string reason;
};

struct load_report {
  std::vector<std::shared_ptr<plugin>> plugins;
  std::vector<diagnostic> diagnostics;
};

/// Loads one file. On failure the diagnostic says why.
std::shared_ptr<plugin> load_plugin(const std::filesystem::path& file, diagnostic& problem);

/// Loads every `*.so` in `folders` (not recursive, sorted by name). Plugin names must be
/// unique: a second file with a loaded name is refused, naming both files.
load_report load_plugins(const std::vector<std::filesystem::path>& folders);

}  // namespace hookflow::engine::loader
