// The `schedule` plugin: registers the `schedule` trigger (logic in schedule_lib).
#include "schedule_trigger.hpp"
#include "schema.hpp"

#include <hookflow/sdk/plugin.hpp>

namespace {

namespace schedule = hookflow::plugins::schedule;
namespace sdk = hookflow::sdk;

sdk::result<std::unique_ptr<sdk::trigger>> create(const sdk::component_context& ctx) {
  auto tick = std::chrono::milliseconds(ctx.settings.at("tick_ms").as_int64());
  return std::unique_ptr<sdk::trigger>(std::make_unique<schedule::schedule_trigger>(*ctx.services, tick));
}

void register_schedule(sdk::registrar& r) {
  r.plugin_settings(schedule::plugin_settings_schema());
  r.add_trigger({"schedule",
                 "Starts runs on a timer: every N (\"5m\") or a 5-field cron expression in UTC; $request is "
                 "{\"scheduled_at\", \"fired_at\", \"payload\"}",
                 schedule::binding_fields(), &create});
}

}  // namespace

HOOKFLOW_PLUGIN("schedule", "1.0.0", "Starts workflow runs on a timer (interval or cron, UTC)", "Apache-2.0",
                "https://github.com/hookflow/hookflow", register_schedule)
