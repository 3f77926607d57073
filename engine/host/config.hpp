#pragma once
// The engine's configuration file (JSON). Key names are a contract:
//   { "data_dir": "var", "plugin_dirs": [...], "workflow_dirs": [...],
//     "admin": { "listen": "127.0.0.1:8081", "allow_remote": false },
//     "plugins": { "<plugin name>": { ...that plugin's settings... } },
//     "runner": { "workers": 4, "queue_capacity": 10000, "drain_timeout_ms": 10000 },
//     "retention": { "max_age_days": 14, "max_runs": 10000 },
//     "log_level": "info" }
// Every key is optional.

#include "../runner/runner.hpp"
#include "../store/store.hpp"

#include <hookflow/sdk/config.hpp>
#include <hookflow/sdk/services.hpp>

#include <boost/json/object.hpp>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace hookflow::engine::host {

struct engine_config {
  std::filesystem::path data_dir = "var";
  std::vector<std::filesystem::path> plugin_dirs;  // empty: the bundled plugins
  std::vector<std::filesystem::path> workflow_dirs;
  std::string admin_listen = "127.0.0.1:8081";
  bool admin_allow_remote = false;  // needed to bind the admin API to a non-loopback address
  boost::json::object plugins;
  runner::options runner;
  store::retention retention{14LL * 24 * 3600 * 1000, 10000};
  hookflow::sdk::log_level log_level = hookflow::sdk::log_level::info;
};

/// Thrown with every problem of a config file, one per line ("/path: message").
struct config_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Parses a config document. Relative paths are taken relative to `base_dir` (the config
/// file's folder). Throws config_error.
engine_config parse_config(std::string_view text, const std::filesystem::path& base_dir);
engine_config load_config_file(const std::filesystem::path& file);

/// Where the bundled plugins live: <folder of the executable>/../lib/hookflow/plugins.
std::filesystem::path bundled_plugin_dir();

}  // namespace hookflow::engine::host
