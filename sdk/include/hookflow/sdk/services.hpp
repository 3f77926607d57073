#pragma once
// What the host offers a plugin. One `host_services` object lives as long as the engine; every
// method is thread-safe and may be called from any thread, including plugin-owned threads.

#include <hookflow/sdk/abi.hpp>
#include <hookflow/sdk/status.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

HOOKFLOW_SDK_BEGIN_NAMESPACE

enum class log_level { debug, info, warn, error };

/// A run a trigger asks for.
struct run_request {
  std::string workflow_id;
  boost::json::value trigger_data;  // becomes `$request` in templates
  /// Optional de-duplication key (e.g. a delivery id). A second request with the same
  /// workflow and key returns the first run's id with `duplicate` set, and starts nothing.
  std::string dedup_key;
};

struct run_receipt {
  std::string run_id;
  bool duplicate = false;
};

enum class run_state { queued, running, succeeded, failed };
const char* to_string(run_state state) noexcept;

/// The state of a run as seen by `await_run`.
struct run_outcome {
  std::string run_id;
  run_state state = run_state::queued;
  boost::json::value output;  // the last step's output when succeeded
  std::string error;          // why it failed, when failed
};

/// Called exactly once, on a host thread; must not block for long.
using submit_callback = std::function<void(result<run_receipt>)>;
using await_callback = std::function<void(result<run_outcome>)>;

class host_services {
 public:
  virtual ~host_services() = default;

  /// Stores the run durably, then calls `done` with its id. Errors: `not_found` (no such
  /// workflow, or its trigger is another plugin's), `resource_exhausted` (queue full),
  /// `failed_precondition` (engine stopping), `unavailable` (store failure).
  virtual void submit(run_request request, submit_callback done) = 0;

  /// Calls `done` once the run has finished or `timeout` has passed, whichever is first;
  /// on timeout the outcome has the run's current (unfinished) state.
  virtual void await_run(const std::string& run_id, std::chrono::milliseconds timeout, await_callback done) = 0;

  /// Per-workflow persistent key/value state, owned by the calling plugin (keys of different
  /// plugins never clash). Writes are durable when the call returns.
  virtual result<std::optional<std::string>> state_get(const std::string& workflow_id, const std::string& key) = 0;
  virtual status state_put(const std::string& workflow_id, const std::string& key, const std::string& value) = 0;
  virtual status state_erase(const std::string& workflow_id, const std::string& key) = 0;

  /// One JSON log line; `fields` are merged into it. Never pass secrets.
  virtual void log(log_level level, std::string_view message, const boost::json::object& fields = {}) = 0;

  /// Prometheus-style metrics; `name` is prefixed with `hookflow_`. Labels are a flat object of
  /// strings.
  virtual void count(std::string_view name, const boost::json::object& labels, double amount = 1) = 0;
  virtual void observe(std::string_view name, const boost::json::object& labels, double value) = 0;

  /// Wall clock (tests may substitute a fake one).
  virtual std::chrono::system_clock::time_point now() = 0;

  /// Renders a Mustache template against `context` with the engine's rules (objects render as
  /// JSON, no HTML escaping for `text_kind::plain`). Errors: `invalid_argument` with the
  /// position of a syntax error.
  virtual result<std::string> render(std::string_view template_text, const boost::json::value& context) = 0;
};

HOOKFLOW_SDK_END_NAMESPACE
