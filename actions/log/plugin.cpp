// The `log` action: writes a templated message to the engine log and returns it.
#include <hookflow/sdk/plugin.hpp>

namespace {

namespace sdk = hookflow::sdk;

class log_action final : public sdk::action {
 public:
  sdk::result<boost::json::value> execute(const boost::json::object& config,
                                          const sdk::execution_context& ctx) override {
    const auto& message = config.at("message").as_string();
    ctx.services->log(sdk::log_level::info, message,
                      {{"run_id", ctx.run_id}, {"workflow", ctx.workflow_id}, {"step", ctx.step_id}});
    return boost::json::value(boost::json::object{{"message", message}});
  }
};

void register_log(sdk::registrar& r) {
  sdk::config_field message{"message", sdk::field_type::string, "The text to log (a template)", true};
  message.templated = true;
  r.add_action({"log",
                "Writes a message to the engine log; output {\"message\"}",
                {message},
                [](const sdk::component_context&) -> sdk::result<std::unique_ptr<sdk::action>> {
                  return std::unique_ptr<sdk::action>(std::make_unique<log_action>());
                }});
}

}  // namespace

HOOKFLOW_PLUGIN("log", "1.0.0", "Writes templated messages to the engine log", "Apache-2.0",
                "https://github.com/hookflow/hookflow", register_log)
