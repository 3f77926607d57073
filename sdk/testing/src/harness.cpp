#include <hookflow/sdk/testing/harness.hpp>

#include "engine/loader/loader.hpp"

#include <cstdlib>
#include <future>
#include <thread>

namespace hookflow::sdk::testing {
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

std::string error_list(const std::vector<config_error>& errors) {
  std::string out;
  for (const auto& e : errors) out += (out.empty() ? "" : "; ") + e.path + ": " + e.message;
  return out;
}

// Calls a plugin method on its own thread. A call still running after `timeout` is abandoned:
// its thread is detached and keeps `keep_alive` (the component, and so its library) alive. A
// call that returns in time is joined, so the thread's thread-local state (OpenSSL's error
// queue, say) is freed before the caller goes on, not while the process exits (LeakSanitizer
// reported such a queue as a leak when the test binary ended first).
template <class T, class F>
result<T> guarded(F call, std::chrono::milliseconds timeout, std::shared_ptr<void> keep_alive, const char* what) {
  auto promise = std::make_shared<std::promise<result<T>>>();
  auto future = promise->get_future();
  std::thread worker([promise, call = std::move(call), keep_alive, what]() mutable {
    result<T> outcome = status{};
    try {
      outcome = call();
    } catch (const std::exception& e) {
      outcome = status(status_code::internal, std::string(what) + " threw: " + e.what(), false);
    } catch (...) {
      outcome = status(status_code::internal, std::string(what) + " threw a non-standard exception", false);
    }
    // Release what the call holds before the caller resumes, so that a component whose last
    // owner this thread is gets destroyed now, not after the test (or the process) has ended.
    { auto done = std::move(call); }
    keep_alive.reset();
    promise->set_value(std::move(outcome));
  });
  if (future.wait_for(timeout) == std::future_status::timeout) {
    worker.detach();
    return status(status_code::deadline_exceeded,
                  std::string(what) + " blocked past its timeout of " + std::to_string(timeout.count()) + " ms");
  }
  worker.join();
  return future.get();
}

}  // namespace

struct plugin_harness::impl {
  std::shared_ptr<engine::loader::plugin> plugin;
  std::string error;
  plugin_description description;
  fs::path data_dir;

  component_context context(const json::value& settings, test_host& host, status& problem) {
    std::vector<config_error> errors;
    auto validated = validate_config(plugin->settings, settings, "/plugins/" + plugin->info.name, errors);
    if (!errors.empty()) problem = invalid_argument("invalid settings: " + error_list(errors));
    return component_context{std::move(validated), &host, (data_dir / "plugins" / plugin->info.name).string(),
                             data_dir.string()};
  }
};

plugin_harness::plugin_harness(const fs::path& plugin_file) : impl_(std::make_unique<impl>()) {
  engine::loader::diagnostic problem;
  impl_->plugin = engine::loader::load_plugin(plugin_file, problem);
  if (!impl_->plugin) {
    impl_->error = "[" + problem.stage + "] " + problem.reason + " (" + problem.path + ")";
    return;
  }
  const auto& info = impl_->plugin->info;
  auto& d = impl_->description;
  d = {info.name,      info.version,   info.description,        info.license, info.contact,
       info.abi_major, info.abi_minor, impl_->plugin->settings, {},           {}};
  for (const auto& t : impl_->plugin->triggers) d.trigger_types.push_back(t.type);
  for (const auto& a : impl_->plugin->actions) d.action_types.push_back(a.type);
  std::string pattern = (fs::temp_directory_path() / "hookflow-harness-XXXXXX").string();
  if (mkdtemp(pattern.data())) impl_->data_dir = pattern;
}

plugin_harness::~plugin_harness() {
  std::error_code ec;
  if (!impl_->data_dir.empty()) fs::remove_all(impl_->data_dir, ec);
}

bool plugin_harness::loaded() const {
  return impl_->plugin != nullptr;
}
const std::string& plugin_harness::error() const {
  return impl_->error;
}
const plugin_description& plugin_harness::describe() const {
  return impl_->description;
}

result<std::shared_ptr<action_under_test>> plugin_harness::action(const std::string& type,
                                                                  const json::value& settings) {
  if (!loaded()) return status(status_code::failed_precondition, "plugin not loaded: " + impl_->error);
  for (const auto& spec : impl_->plugin->actions) {
    if (spec.type != type) continue;
    status problem;
    auto ctx = impl_->context(settings, host_, problem);
    if (!problem.ok()) return problem;
    auto made = guarded<std::unique_ptr<sdk::action>>([&spec, ctx] { return spec.create(ctx); },
                                                      std::chrono::seconds(10), impl_->plugin, "create");
    if (!made.ok()) return made.error();
    if (!made.value()) return internal_error("the factory of \"" + type + "\" returned nothing");
    auto out = std::make_shared<action_under_test>();
    auto owner = impl_->plugin;
    out->action_ = std::shared_ptr<sdk::action>(made.value().release(), [owner](sdk::action* a) { delete a; });
    out->fields_ = &spec.fields;
    out->host_ = &host_;
    return out;
  }
  return not_found("the plugin registers no action \"" + type + "\"");
}

result<std::shared_ptr<trigger_under_test>> plugin_harness::trigger(const std::string& type,
                                                                    const json::value& settings) {
  if (!loaded()) return status(status_code::failed_precondition, "plugin not loaded: " + impl_->error);
  for (const auto& spec : impl_->plugin->triggers) {
    if (spec.type != type) continue;
    status problem;
    auto ctx = impl_->context(settings, host_, problem);
    if (!problem.ok()) return problem;
    auto made = guarded<std::unique_ptr<sdk::trigger>>([&spec, ctx] { return spec.create(ctx); },
                                                       std::chrono::seconds(10), impl_->plugin, "create");
    if (!made.ok()) return made.error();
    if (!made.value()) return internal_error("the factory of \"" + type + "\" returned nothing");
    auto out = std::make_shared<trigger_under_test>();
    auto owner = impl_->plugin;
    out->trigger_ = std::shared_ptr<sdk::trigger>(made.value().release(), [owner](sdk::trigger* t) { delete t; });
    out->fields_ = &spec.binding_fields;
    return out;
  }
  return not_found("the plugin registers no trigger \"" + type + "\"");
}

result<json::value> action_under_test::execute(const json::value& config, std::chrono::milliseconds timeout,
                                               int attempt) {
  std::vector<config_error> errors;
  auto validated = validate_config(*fields_, config, "", errors);
  if (!errors.empty()) return invalid_argument("invalid config: " + error_list(errors));
  execution_context ctx{"run-test", "workflow-test", "step-test", attempt, std::chrono::steady_clock::now() + timeout,
                        host_};
  auto target = action_;
  auto out = guarded<json::value>([target, validated, ctx] { return target->execute(validated, ctx); }, timeout,
                                  action_, "execute");
  if (out.ok() && !out.value().is_object() && !out.value().is_null())
    return invalid_argument("execute returned malformed output: a JSON object (or null) is required");
  return out;
}

status trigger_under_test::start() {
  auto t = trigger_;
  auto r = guarded<bool>(
      [t]() -> result<bool> {
        auto st = t->start();
        if (!st.ok()) return st;
        return true;
      },
      std::chrono::seconds(10), trigger_, "start");
  return r.error();
}

void trigger_under_test::stop() {
  trigger_->stop();
}

status trigger_under_test::bind(const std::string& workflow_id, const json::value& config) {
  std::vector<config_error> errors;
  auto validated = validate_config(*fields_, config, "/trigger/config", errors);
  if (!errors.empty()) return invalid_argument("invalid config: " + error_list(errors));
  auto t = trigger_;
  auto r = guarded<bool>(
      [t, workflow_id, validated]() -> result<bool> {
        auto st = t->bind({workflow_id, workflow_id, validated});
        if (!st.ok()) return st;
        return true;
      },
      std::chrono::seconds(10), trigger_, "bind");
  return r.error();
}

void trigger_under_test::unbind(const std::string& workflow_id) {
  trigger_->unbind(workflow_id);
}

result<json::object> trigger_under_test::describe(const std::string& workflow_id) {
  auto t = trigger_;
  return guarded<json::object>([t, workflow_id] { return t->describe(workflow_id); }, std::chrono::seconds(10),
                               trigger_, "describe");
}

result<json::object> trigger_under_test::command(const std::string& workflow_id, const std::string& name,
                                                 const json::object& args) {
  auto t = trigger_;
  return guarded<json::object>([t, workflow_id, name, args] { return t->command(workflow_id, name, args); },
                               std::chrono::seconds(10), trigger_, "command");
}

}  // namespace hookflow::sdk::testing
