// Registration entry of the `webhook` plugin; the logic lives in webhook_lib.
#include "binding_config.hpp"
#include "settings.hpp"
#include "webhook_trigger.hpp"

#include <hookflow/sdk/plugin.hpp>

namespace {

using namespace hookflow;

sdk::result<std::unique_ptr<sdk::trigger>> create(const sdk::component_context& ctx) {
  auto settings = triggers::webhook::parse_settings(ctx.settings);
  if (!settings) return settings.error();
  return std::unique_ptr<sdk::trigger>(
      std::make_unique<triggers::webhook::webhook_trigger>(std::move(settings).value(), *ctx.services));
}

void register_webhook(sdk::registrar& r) {
  r.plugin_settings(triggers::webhook::settings_schema());
  r.add_trigger({"webhook",
                 "Starts a run for each HTTP call to the workflow's webhook URL "
                 "(<public_url>/run/<hook id>)",
                 triggers::webhook::binding_schema(), &create});
}

}  // namespace

HOOKFLOW_PLUGIN("webhook", "0.1.0", "Incoming webhook trigger (HTTP/1.1, Boost.Beast)", "Apache-2.0",
                "https://github.com/hookflow/hookflow", register_webhook)
