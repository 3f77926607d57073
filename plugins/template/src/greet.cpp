// The `greet` action: renders a greeting. Copy this folder to start your own plugin.
#include <hookflow/sdk/plugin.hpp>

namespace {

namespace sdk = hookflow::sdk;
namespace json = boost::json;

// Reentrant: execute() only reads its arguments, so the runner may call it from many threads.
class greet_action final : public sdk::action {
 public:
  explicit greet_action(std::string punctuation) : punctuation_(std::move(punctuation)) {}

  sdk::result<json::value> execute(const json::object& config, const sdk::execution_context&) override {
    // The engine validated the config against the table below: both keys are strings here.
    std::string name(config.at("name").as_string());
    if (name.empty()) return sdk::invalid_argument("name rendered to an empty string");
    std::string text = std::string(config.at("greeting").as_string()) + ", " + name + punctuation_;
    return json::value(json::object{{"text", text}});
  }

 private:
  std::string punctuation_;
};

void register_greet(sdk::registrar& r) {
  // Plugin settings: "plugins": {"greet": {"punctuation": "!"}} in the engine config.
  sdk::config_field punctuation{"punctuation", sdk::field_type::string, "Appended to every greeting"};
  punctuation.default_value = "!";
  r.plugin_settings({punctuation});

  sdk::config_field name{"name", sdk::field_type::string, "Who to greet (a template)", true};
  name.templated = true;
  sdk::config_field greeting{"greeting", sdk::field_type::string, "The greeting word"};
  greeting.default_value = "Hello";
  greeting.allowed = {"Hello", "Hi", "Welcome"};

  r.add_action({"greet",
                "Greets someone; output {\"text\"}",
                {name, greeting},
                [](const sdk::component_context& ctx) -> sdk::result<std::unique_ptr<sdk::action>> {
                  std::string p(ctx.settings.at("punctuation").as_string());
                  return std::unique_ptr<sdk::action>(std::make_unique<greet_action>(std::move(p)));
                }});
}

}  // namespace

HOOKFLOW_PLUGIN("greet", "1.0.0", "Greets people (the plugin template)", "Apache-2.0", "you@example.com",
                register_greet)
