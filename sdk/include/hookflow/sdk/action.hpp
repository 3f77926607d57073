#pragma once
// An action does the work of one workflow step (send an email, call a URL).

#include <hookflow/sdk/abi.hpp>
#include <hookflow/sdk/status.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <string>

HOOKFLOW_SDK_BEGIN_NAMESPACE

class host_services;

/// Facts about the step being executed.
struct execution_context {
  std::string run_id;
  std::string workflow_id;
  std::string step_id;
  int attempt = 1;  // 1 for the first try
  /// The step counts as timed out after this instant; long operations should give up by
  /// then. A default-constructed value (the epoch) means no deadline.
  std::chrono::steady_clock::time_point deadline;
  host_services* services = nullptr;  // never null during execute
};

/// Threads: `execute` is reentrant and called concurrently from several runner threads.
/// Errors are returned as a status whose `retryable()` tells the runner whether another
/// attempt may succeed. An exception escaping `execute` is caught inside the plugin by the
/// HOOKFLOW_PLUGIN catch-all (guard.hpp) and fails the step (not retried).
class action {
 public:
  virtual ~action() = default;

  /// `config` is the step's config, validated against the action's fields and with every
  /// templated field rendered. The returned JSON becomes `$steps.<step id>`.
  virtual result<boost::json::value> execute(const boost::json::object& config, const execution_context& ctx) = 0;
};

HOOKFLOW_SDK_END_NAMESPACE
