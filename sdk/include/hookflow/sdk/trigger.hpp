#pragma once
// A trigger starts runs: it listens for events (an HTTP call, a timer) and submits runs to the
// host. One trigger object exists per plugin instance; workflows are bound to it.

#include <hookflow/sdk/abi.hpp>
#include <hookflow/sdk/config.hpp>
#include <hookflow/sdk/status.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <vector>

HOOKFLOW_SDK_BEGIN_NAMESPACE

/// A workflow attached to a trigger. `config` has been validated against the trigger's
/// `binding_fields` (defaults filled in).
struct binding {
  std::string workflow_id;
  std::string workflow_name;
  boost::json::object config;
};

/// An operation a trigger offers on one workflow (e.g. `generate-token`).
struct command_info {
  std::string name;
  std::string description;
};

/// Threads: `start`, `stop`, `bind`, `unbind`, `describe` and `command` are called by the host
/// one at a time (never concurrently with each other), from host threads. The trigger calls
/// `host_services` from any of its threads. Errors are returned, never thrown; an exception
/// escaping a call is caught inside the plugin by the HOOKFLOW_PLUGIN catch-all (guard.hpp)
/// and returned as `internal` (logged, for `stop` and `unbind`).
class trigger {
 public:
  virtual ~trigger() = default;

  /// Begins listening. Called once, before any `bind`.
  virtual status start() = 0;
  /// Stops accepting new events; in-flight submits may still complete. Called once; after it
  /// the trigger must not call `host_services::submit` again.
  virtual void stop() = 0;

  /// Attaches a workflow, or replaces its config when it is bound already.
  virtual status bind(const binding& b) = 0;
  /// Detaches a workflow; events for it are refused from now on.
  virtual void unbind(const std::string& workflow_id) = 0;

  /// Public information about a bound workflow (for the webhook: url, enabled, auth). Never
  /// contains a secret.
  virtual result<boost::json::object> describe(const std::string& workflow_id) = 0;

  /// Runs a named operation; `args` is the command's JSON argument object. Unknown names give
  /// `not_found`.
  virtual result<boost::json::object> command(const std::string& workflow_id, const std::string& name,
                                              const boost::json::object& args) = 0;
  virtual std::vector<command_info> commands() const = 0;
};

HOOKFLOW_SDK_END_NAMESPACE
