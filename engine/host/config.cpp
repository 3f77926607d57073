#include "config.hpp"

#include "../workflow/definition.hpp"

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/json/stream_parser.hpp>

#include <fstream>
#include <sstream>

namespace hookflow::engine::host {
namespace json = boost::json;
namespace fs = std::filesystem;
namespace sdk = hookflow::sdk;
namespace {

const sdk::config_schema& schema() {
  static const sdk::config_schema s = [] {
    sdk::config_field admin{"admin", sdk::field_type::object, "Admin API: {\"listen\": \"host:port\"}"};
    sdk::config_field plugins{"plugins", sdk::field_type::object, "Settings per plugin, by plugin name"};
    sdk::config_field runner{"runner", sdk::field_type::object,
                             "{\"workers\", \"queue_capacity\", \"drain_timeout_ms\"}"};
    sdk::config_field retention{"retention", sdk::field_type::object, "{\"max_age_days\", \"max_runs\"}"};
    sdk::config_field level{"log_level", sdk::field_type::string, "debug, info, warn or error"};
    level.allowed = {"debug", "info", "warn", "error"};
    return sdk::config_schema{
        {"data_dir", sdk::field_type::string, "Folder for the database, outbox and plugin data"},
        {"plugin_dirs", sdk::field_type::string_list, "Folders scanned for plugin files (*.so)"},
        {"workflow_dirs", sdk::field_type::string_list, "Folders scanned for workflow definitions (*.json)"},
        admin,
        plugins,
        runner,
        retention,
        level};
  }();
  return s;
}

std::int64_t int_member(const json::object& obj, std::string_view key, std::int64_t fallback, std::int64_t lo,
                        std::int64_t hi, const std::string& path, std::vector<sdk::config_error>& errors) {
  auto it = obj.find(key);
  if (it == obj.end()) return fallback;
  if (!it->value().is_int64() || it->value().get_int64() < lo || it->value().get_int64() > hi) {
    errors.push_back({path + "/" + std::string(key),
                      "expected an integer between " + std::to_string(lo) + " and " + std::to_string(hi)});
    return fallback;
  }
  return it->value().get_int64();
}

void check_only(const json::object& obj, std::initializer_list<std::string_view> keys, const std::string& path,
                std::vector<sdk::config_error>& errors) {
  for (const auto& [k, _] : obj) {
    bool known = false;
    for (auto key : keys) known = known || key == k;
    if (!known) errors.push_back({path + "/" + std::string(k), "unknown key"});
  }
}

fs::path resolve(const fs::path& base, std::string_view p) {
  fs::path path(p);
  return path.is_absolute() ? path : (base / path).lexically_normal();
}

}  // namespace

engine_config parse_config(std::string_view text, const fs::path& base_dir) {
  json::stream_parser parser;
  boost::system::error_code ec;
  auto consumed = parser.write(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) throw config_error("invalid JSON at " + workflow::line_and_column(text, consumed) + ": " + ec.message());
  auto doc = parser.release();

  std::vector<sdk::config_error> errors;
  auto v = sdk::validate_config(schema(), doc, "", errors);
  engine_config cfg;
  if (auto* d = v.if_contains("data_dir"); d && d->is_string())  // not a string: an error already
    cfg.data_dir = resolve(base_dir, d->get_string());
  else
    cfg.data_dir = resolve(base_dir, "var");
  if (auto* d = v.if_contains("plugin_dirs"); d && d->is_array())
    for (const auto& p : d->as_array())
      if (p.is_string()) cfg.plugin_dirs.push_back(resolve(base_dir, p.get_string()));
  if (auto* d = v.if_contains("workflow_dirs"); d && d->is_array())
    for (const auto& p : d->as_array())
      if (p.is_string()) cfg.workflow_dirs.push_back(resolve(base_dir, p.get_string()));
  if (auto* a = v.if_contains("admin"); a && a->is_object()) {
    check_only(a->get_object(), {"listen", "allow_remote"}, "/admin", errors);
    if (auto* l = a->get_object().if_contains("listen")) {
      if (l->is_string())
        cfg.admin_listen = std::string(l->get_string());
      else
        errors.push_back({"/admin/listen", "expected a string \"host:port\""});
    }
    if (auto* a2 = a->get_object().if_contains("allow_remote")) {
      if (a2->is_bool())
        cfg.admin_allow_remote = a2->get_bool();
      else
        errors.push_back({"/admin/allow_remote", "expected true or false"});
    }
  }
  if (auto* p = v.if_contains("plugins"); p && p->is_object()) {
    cfg.plugins = p->get_object();
    for (const auto& [name, settings] : cfg.plugins)
      if (!settings.is_object()) errors.push_back({"/plugins/" + std::string(name), "expected an object"});
  }
  if (auto* r = v.if_contains("runner"); r && r->is_object()) {
    const auto& o = r->get_object();
    check_only(o, {"workers", "queue_capacity", "drain_timeout_ms"}, "/runner", errors);
    cfg.runner.workers = static_cast<int>(int_member(o, "workers", cfg.runner.workers, 1, 1024, "/runner", errors));
    cfg.runner.queue_capacity = static_cast<std::size_t>(int_member(
        o, "queue_capacity", static_cast<std::int64_t>(cfg.runner.queue_capacity), 1, 10'000'000, "/runner", errors));
    cfg.runner.drain_timeout = std::chrono::milliseconds(
        int_member(o, "drain_timeout_ms", cfg.runner.drain_timeout.count(), 0, 3'600'000, "/runner", errors));
  }
  if (auto* r = v.if_contains("retention"); r && r->is_object()) {
    const auto& o = r->get_object();
    check_only(o, {"max_age_days", "max_runs"}, "/retention", errors);
    cfg.retention.max_age_ms = int_member(o, "max_age_days", 14, 0, 36500, "/retention", errors) * 24 * 3600 * 1000;
    cfg.retention.max_runs = int_member(o, "max_runs", 10000, 0, 1'000'000'000, "/retention", errors);
  }
  if (auto* l = v.if_contains("log_level"); l && l->is_string()) {
    std::string_view s = l->get_string();
    cfg.log_level = s == "debug"   ? sdk::log_level::debug
                    : s == "warn"  ? sdk::log_level::warn
                    : s == "error" ? sdk::log_level::error
                                   : sdk::log_level::info;
  }
  if (!errors.empty()) {
    std::string msg;
    for (const auto& e : errors) msg += (msg.empty() ? "" : "\n") + e.path + ": " + e.message;
    throw config_error(msg);
  }
  return cfg;
}

engine_config load_config_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw config_error(file.string() + ": cannot read the config file");
  std::stringstream ss;
  ss << in.rdbuf();
  try {
    return parse_config(ss.str(), fs::absolute(file).parent_path());
  } catch (const config_error& e) {
    throw config_error(file.string() + ":\n" + e.what());
  }
}

fs::path bundled_plugin_dir() {
  return (boost::dll::program_location().parent_path() / ".." / "lib" / "hookflow" / "plugins").lexically_normal();
}

}  // namespace hookflow::engine::host
