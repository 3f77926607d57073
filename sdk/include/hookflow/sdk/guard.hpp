#pragma once
// The catch-all at the plugin boundary. HOOKFLOW_PLUGIN compiles these wrappers into the
// plugin: every component the author registers is wrapped, so that an exception thrown by the
// author's code becomes a status (`internal`, not retryable) inside the plugin and never
// crosses into the host. Calls with no status to return (`stop`, `unbind`, `commands`) log
// what they caught through the plugin's host services, naming the trigger type.
// Plugin authors do not use this header directly.

#include <hookflow/sdk/action.hpp>
#include <hookflow/sdk/registrar.hpp>
#include <hookflow/sdk/services.hpp>
#include <hookflow/sdk/status.hpp>
#include <hookflow/sdk/trigger.hpp>

#include <exception>
#include <memory>
#include <string>
#include <utility>

HOOKFLOW_SDK_BEGIN_NAMESPACE
namespace detail {

/// The message of the exception being handled, prefixed with `what` ("action threw: boom").
inline std::string caught(const char* what) noexcept {
  try {
    throw;
  } catch (const std::exception& e) {
    return std::string(what) + " threw: " + e.what();
  } catch (...) {
    return std::string(what) + " threw a non-standard exception";
  }
}

/// Runs `call`, turning an exception into an `internal` status named after `what`.
template <class Result, class Call>
Result guarded(const char* what, Call&& call) noexcept {
  try {
    return call();
  } catch (...) {
    return status(status_code::internal, caught(what), false);
  }
}

class guarded_action final : public action {
 public:
  explicit guarded_action(std::unique_ptr<action> inner) : inner_(std::move(inner)) {}
  result<boost::json::value> execute(const boost::json::object& config, const execution_context& ctx) override {
    return guarded<result<boost::json::value>>("action", [&] { return inner_->execute(config, ctx); });
  }

 private:
  std::unique_ptr<action> inner_;
};

class guarded_trigger final : public trigger {
 public:
  guarded_trigger(std::unique_ptr<trigger> inner, std::string type, host_services* services)
      : inner_(std::move(inner)), type_(std::move(type)), services_(services) {}
  status start() override {
    return guarded<status>("start", [&] { return inner_->start(); });
  }
  void stop() override {
    try {
      inner_->stop();
    } catch (...) {
      report(caught("stop"), {});
    }
  }
  status bind(const binding& b) override {
    return guarded<status>("bind", [&] { return inner_->bind(b); });
  }
  void unbind(const std::string& workflow_id) override {
    try {
      inner_->unbind(workflow_id);
    } catch (...) {
      report(caught("unbind"), workflow_id);
    }
  }
  result<boost::json::object> describe(const std::string& workflow_id) override {
    return guarded<result<boost::json::object>>("describe", [&] { return inner_->describe(workflow_id); });
  }
  result<boost::json::object> command(const std::string& workflow_id, const std::string& name,
                                      const boost::json::object& args) override {
    return guarded<result<boost::json::object>>("command", [&] { return inner_->command(workflow_id, name, args); });
  }
  std::vector<command_info> commands() const override {
    try {
      return inner_->commands();
    } catch (...) {
      report(caught("commands"), {});
      return {};
    }
  }

 private:
  void report(const std::string& message, const std::string& workflow_id) const noexcept {
    try {
      if (!services_) return;
      boost::json::object fields{{"trigger", type_}};
      if (!workflow_id.empty()) fields["workflow"] = workflow_id;
      services_->log(log_level::error, message, fields);
    } catch (...) {
      // Nothing is left to tell.
    }
  }
  std::unique_ptr<trigger> inner_;
  std::string type_;
  host_services* services_;
};

/// Forwards registration to the host's registrar with each factory wrapped: a factory that
/// throws fails its creation, and what it creates is guarded.
class guarding_registrar final : public registrar {
 public:
  explicit guarding_registrar(registrar& host) : host_(host) {}
  void plugin_settings(config_schema fields) override { host_.plugin_settings(std::move(fields)); }
  void add_trigger(trigger_spec spec) override {
    spec.create = [create = std::move(spec.create),
                   type = spec.type](const component_context& ctx) -> result<std::unique_ptr<trigger>> {
      auto made = guarded<result<std::unique_ptr<trigger>>>("the factory", [&] { return create(ctx); });
      if (!made.ok() || !made.value()) return made;
      return std::unique_ptr<trigger>(std::make_unique<guarded_trigger>(std::move(made).value(), type, ctx.services));
    };
    host_.add_trigger(std::move(spec));
  }
  void add_action(action_spec spec) override {
    spec.create = [create = std::move(spec.create)](const component_context& ctx) -> result<std::unique_ptr<action>> {
      auto made = guarded<result<std::unique_ptr<action>>>("the factory", [&] { return create(ctx); });
      if (!made.ok() || !made.value()) return made;
      return std::unique_ptr<action>(std::make_unique<guarded_action>(std::move(made).value()));
    };
    host_.add_action(std::move(spec));
  }
  void fail(std::string reason) override { host_.fail(std::move(reason)); }

 private:
  registrar& host_;
};

}  // namespace detail
HOOKFLOW_SDK_END_NAMESPACE
