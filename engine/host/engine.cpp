#include "engine.hpp"

#include "admin_token.hpp"
#include "plugin_services.hpp"

#include "../admin/api.hpp"
#include "../admin/server.hpp"

#include "../store/sqlite_store.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <malloc.h>

#include <fstream>
#include <set>
#include <sstream>

namespace hookflow::engine::host {
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {
std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string join(const std::vector<std::string>& problems) {
  std::string out;
  for (const auto& p : problems) out += (out.empty() ? "" : "; ") + p;
  return out;
}

std::string error_text(const std::vector<sdk::config_error>& errors) {
  std::vector<std::string> lines;
  for (const auto& e : errors) lines.push_back(e.path + ": " + e.message);
  return join(lines);
}
}  // namespace

engine::engine(engine_config config, telemetry::logger& log) : config_(std::move(config)), log_(log) {}

engine::~engine() {
  stop();
}

plugin_services& engine::services_for(const std::string& plugin_name) {
  auto& slot = services_[plugin_name];
  if (!slot) {
    std::set<std::string> types;
    if (auto p = registry_.plugin(plugin_name))
      for (const auto& t : p->triggers) types.insert(t.type);
    slot = std::make_unique<plugin_services>(*this, plugin_name, std::move(types));
  }
  return *slot;
}

void engine::start() {
  if (started_) return;
  started_ = true;
  fs::create_directories(config_.data_dir);
  store_ = std::make_unique<store::sqlite_store>((config_.data_dir / "hookflow.db").string());
  load_plugins();
  runner_services_ = std::make_unique<plugin_services>(*this, "engine", std::set<std::string>{});
  runner_ = std::make_unique<runner::runner>(
      *store_, [this](const std::string& id) { return find_workflow(id); }, *runner_services_, log_, metrics_,
      config_.runner);
  // Definitions first (resumed runs need them), then the triggers (listening, nothing bound
  // yet: one that cannot start stops the start before any resumed run executes), then the
  // runner, then the bindings: a trigger may submit as soon as it is bound.
  load_workflows();
  start_triggers();
  auto resumed = runner_->start();
  bindings_live_ = true;
  for (const auto& entry : workflows())
    if (entry.definition->enabled) bind(*entry.definition);
  start_admin();
  retention_thread_ = std::thread([this] { retention_loop(); });
  // Hands start-up garbage (plugin scans, definition parsing) back to the system where glibc
  // serves malloc (sanitizer builds, HOOKFLOW_MIMALLOC=OFF); under mimalloc it finds nothing to
  // trim, and mimalloc keeps such pages for reuse (idle cost: docs/decisions.md, Memory).
  malloc_trim(0);
  log_.info("engine started", {{"data_dir", config_.data_dir.string()},
                               {"plugins", registry_.plugins().size()},
                               {"workflows", workflows().size()},
                               {"resumed_runs", resumed}});
}

void engine::start_admin() {
  auto [host, port] = admin::split_host_port(config_.admin_listen);
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(host, ec);
  if (!ec && !address.is_loopback()) {
    if (!config_.admin_allow_remote)
      throw std::runtime_error("refusing to serve the admin API on " + config_.admin_listen +
                               " (not loopback) without \"admin\": {\"allow_remote\": true}");
    log_.warn("the admin API listens on a non-loopback address without TLS; put a TLS proxy in front",
              {{"listen", config_.admin_listen}});
  }
  auto token = load_or_create_admin_token(config_.data_dir / "admin.token");
  admin_api_ = std::make_unique<admin::api>(*this, std::move(token));
  admin_server_ = std::make_unique<admin::server>(*admin_api_, log_);
  admin_address_ = admin_server_->start(config_.admin_listen);
  // The CLI finds the API through this file.
  std::ofstream(config_.data_dir / "admin.url") << "http://" << admin_address_ << "\n";
  log_.info("admin API listening",
            {{"listen", admin_address_}, {"token_file", (config_.data_dir / "admin.token").string()}});
}

void engine::retention_loop() {
  std::unique_lock lock(retention_mutex_);
  while (!stopped_) {
    lock.unlock();
    try {
      auto pruned = store_->prune(config_.retention, now_ms());
      if (pruned > 0) log_.info("pruned run history", {{"runs", pruned}});
    } catch (const std::exception& e) {
      log_.error("pruning run history failed", {{"error", e.what()}});
    }
    lock.lock();
    retention_cv_.wait_for(lock, std::chrono::minutes(10), [&] { return stopped_; });
  }
}

void engine::start_triggers() {
  std::vector<std::string> failures;
  for (const auto& [type, entry] : registry_.triggers()) {
    sdk::status st;
    try {
      st = entry.instance->start();
    } catch (const std::exception& e) {
      st = sdk::internal_error(std::string("start threw: ") + e.what());
    }
    if (st.ok())
      started_triggers_.insert(type);
    else
      failures.push_back("trigger \"" + type + "\" failed to start: " + st.message());
  }
  // A trigger that cannot start (its listen address taken) leaves its workflows deaf: stop.
  if (!failures.empty()) throw std::runtime_error(join(failures));
}

void engine::stop() {
  if (!started_ || stopped_) return;
  {
    std::lock_guard lock(retention_mutex_);
    stopped_ = true;
  }
  retention_cv_.notify_all();
  if (retention_thread_.joinable()) retention_thread_.join();
  if (admin_server_) admin_server_->stop();
  for (const auto& [type, entry] : registry_.triggers()) {
    if (!started_triggers_.contains(type)) continue;  // stop() follows a start() that succeeded
    try {
      entry.instance->stop();
    } catch (const std::exception& e) {
      log_.error("trigger failed to stop", {{"trigger", type}, {"error", e.what()}});
    }
  }
  if (runner_) runner_->stop();
  if (store_) store_->flush();
  runner_.reset();
  {
    std::unique_lock lock(workflows_mutex_);
    workflows_.clear();
  }
  registry_ = registry::registry{};  // destroys components, then unloads their plugins
  services_.clear();
  store_.reset();
  log_.info("engine stopped");
}

void engine::load_plugins() {
  auto dirs = config_.plugin_dirs.empty() ? std::vector<fs::path>{bundled_plugin_dir()} : config_.plugin_dirs;
  auto report = loader::load_plugins(dirs);
  diagnostics_ = std::move(report.diagnostics);
  for (auto& p : report.plugins) registry_.add(std::move(p), diagnostics_);
  std::vector<std::string> misconfigured;
  for (const auto& [name, settings] : config_.plugins)
    if (!registry_.plugin(name))
      misconfigured.push_back("/plugins/" + std::string(name) + ": no plugin named \"" + std::string(name) +
                              "\" is loaded (`hookflow plugins list` shows the loaded ones and the refused files)");
  std::map<std::string, std::string> name_of_file;  // instantiate's diagnostics name the file
  for (const auto& p : registry_.plugins()) name_of_file[p->info.path] = p->info.name;
  const auto files_refused = diagnostics_.size();
  registry_.instantiate(
      config_.plugins,
      [this](const loader::plugin& p) {
        auto dir = config_.data_dir / "plugins" / p.info.name;
        return sdk::component_context{{}, &services_for(p.info.name), dir.string(), config_.data_dir.string()};
      },
      diagnostics_);
  // A file that does not load, or a plugin nobody configured that cannot be created, is
  // reported and skipped (a plugin folder may hold files built for other engines). Settings the
  // operator wrote that do not take stop the start instead: an engine without the plugin it
  // was configured for is not what anyone meant to run.
  for (std::size_t i = 0; i < diagnostics_.size(); ++i) {
    const auto& d = diagnostics_[i];
    if (i >= files_refused && config_.plugins.contains(name_of_file[d.path]))
      misconfigured.push_back(d.stage == "settings" ? d.reason : d.path + ": " + d.reason);  // settings: "/path: …"
    else
      log_.warn("plugin refused", {{"path", d.path}, {"stage", d.stage}, {"reason", d.reason}});
  }
  if (!misconfigured.empty()) throw std::runtime_error(join(misconfigured));
  for (const auto& p : registry_.plugins())
    log_.info("plugin loaded", {{"name", p->info.name}, {"version", p->info.version}, {"path", p->info.path}});
}

void engine::load_workflows() {
  for (const auto& rec : store_->list_workflows()) {
    auto outcome = workflow::parse(std::string_view(rec.definition), registry_);
    if (!outcome.workflow) {
      log_.error("stored workflow is invalid", {{"workflow", rec.id}, {"errors", error_text(outcome.errors)}});
      continue;
    }
    install(std::make_shared<workflow::definition>(std::move(*outcome.workflow)), workflow_origin::store, {});
  }
  for (const auto& dir : config_.workflow_dirs) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      if (it->path().extension() == ".json") files.push_back(it->path());
    if (ec) log_.error("cannot read workflow folder", {{"path", dir.string()}, {"error", ec.message()}});
    std::sort(files.begin(), files.end());
    for (const auto& f : files) load_workflow_file(f);
  }
}

void engine::load_workflow_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  auto text = ss.str();
  auto outcome = workflow::parse(std::string_view(text), registry_);
  if (!outcome.workflow) {
    log_.error("workflow file is invalid", {{"path", file.string()}, {"errors", error_text(outcome.errors)}});
    return;
  }
  install(std::make_shared<workflow::definition>(std::move(*outcome.workflow)), workflow_origin::file, file.string());
}

sdk::status engine::install(std::shared_ptr<const workflow::definition> def, workflow_origin origin, std::string file) {
  std::shared_ptr<const workflow::definition> previous;
  {
    std::unique_lock lock(workflows_mutex_);
    auto& slot = workflows_[def->id];
    previous = slot.definition;
    slot = {def, origin, std::move(file)};
  }
  if (!bindings_live_) return {};  // start() binds everything once the runner runs
  if (previous && (previous->trigger_type != def->trigger_type || !def->enabled)) unbind(*previous);
  return def->enabled ? bind(*def) : sdk::status{};
}

sdk::status engine::bind(const workflow::definition& def) {
  const auto* trigger = registry_.trigger(def.trigger_type);
  sdk::status st;
  try {
    st = trigger->instance->bind({def.id, def.name, def.trigger_config});
  } catch (const std::exception& e) {
    st = sdk::internal_error(std::string("bind threw: ") + e.what());
  }
  if (!st.ok()) {
    log_.error("cannot bind workflow", {{"workflow", def.id}, {"error", st.message()}});
    return st;
  }
  json::object fields{{"workflow", def.id}, {"trigger", def.trigger_type}};
  if (auto d = trigger->instance->describe(def.id); d.ok())
    for (const auto& [k, v] : d.value()) fields[k] = v;
  log_.info("workflow ready", fields);
  return {};
}

void engine::unbind(const workflow::definition& def) {
  if (const auto* t = registry_.trigger(def.trigger_type)) {
    try {
      t->instance->unbind(def.id);
    } catch (const std::exception& e) {
      log_.error("unbind threw", {{"workflow", def.id}, {"error", e.what()}});
    }
  }
}

apply_result engine::apply_workflow(std::string_view json_text) {
  std::lock_guard control(control_mutex_);
  apply_result out;
  auto outcome = workflow::parse(json_text, registry_);
  if (!outcome.workflow) {
    out.errors = std::move(outcome.errors);
    return out;
  }
  auto def = std::make_shared<workflow::definition>(std::move(*outcome.workflow));
  {
    std::shared_lock lock(workflows_mutex_);
    auto it = workflows_.find(def->id);
    if (it != workflows_.end() && it->second.origin == workflow_origin::file) {
      out.status =
          sdk::status(sdk::status_code::failed_precondition, "workflow \"" + def->id + "\" is defined by the file " +
                                                                 it->second.file + "; edit that file instead");
      return out;
    }
    out.created = it == workflows_.end();
  }
  out.status = store_->put_workflow({def->id, json::serialize(def->source), now_ms()});
  if (!out.status.ok()) return out;
  out.status = install(def, workflow_origin::store, {});
  return out;
}

sdk::status engine::delete_workflow(const std::string& id) {
  std::lock_guard control(control_mutex_);
  workflow_entry entry;
  {
    std::shared_lock lock(workflows_mutex_);
    auto it = workflows_.find(id);
    if (it == workflows_.end()) return sdk::not_found("no workflow with id \"" + id + "\"");
    if (it->second.origin == workflow_origin::file)
      return sdk::status(sdk::status_code::failed_precondition,
                         "workflow \"" + id + "\" is defined by the file " + it->second.file);
    entry = it->second;
  }
  if (auto st = store_->delete_workflow(id); !st.ok()) return st;
  unbind(*entry.definition);
  std::unique_lock lock(workflows_mutex_);
  workflows_.erase(id);
  return {};
}

std::vector<workflow_entry> engine::workflows() const {
  std::shared_lock lock(workflows_mutex_);
  std::vector<workflow_entry> out;
  for (const auto& [_, e] : workflows_) out.push_back(e);
  return out;
}

std::shared_ptr<const workflow::definition> engine::find_workflow(const std::string& id) const {
  std::shared_lock lock(workflows_mutex_);
  auto it = workflows_.find(id);
  return it == workflows_.end() ? nullptr : it->second.definition;
}

sdk::result<json::object> engine::describe_trigger(const std::string& workflow_id) {
  std::lock_guard control(control_mutex_);
  auto def = find_workflow(workflow_id);
  if (!def) return sdk::not_found("no workflow with id \"" + workflow_id + "\"");
  try {
    return registry_.trigger(def->trigger_type)->instance->describe(workflow_id);
  } catch (const std::exception& e) {
    return sdk::internal_error(std::string("describe threw: ") + e.what());
  }
}

sdk::result<std::vector<sdk::command_info>> engine::trigger_commands(const std::string& workflow_id) {
  std::lock_guard control(control_mutex_);
  auto def = find_workflow(workflow_id);
  if (!def) return sdk::not_found("no workflow with id \"" + workflow_id + "\"");
  try {
    return registry_.trigger(def->trigger_type)->instance->commands();
  } catch (const std::exception& e) {
    return sdk::internal_error(std::string("commands threw: ") + e.what());
  }
}

sdk::result<json::object> engine::trigger_command(const std::string& workflow_id, const std::string& command,
                                                  const json::object& args) {
  std::lock_guard control(control_mutex_);
  auto def = find_workflow(workflow_id);
  if (!def) return sdk::not_found("no workflow with id \"" + workflow_id + "\"");
  try {
    return registry_.trigger(def->trigger_type)->instance->command(workflow_id, command, args);
  } catch (const std::exception& e) {
    return sdk::internal_error(std::string("command threw: ") + e.what());
  }
}

}  // namespace hookflow::engine::host
