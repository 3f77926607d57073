#pragma once
// The config tables of the `schedule` trigger: per-workflow binding fields and plugin settings.

#include <hookflow/sdk/config.hpp>

namespace hookflow::plugins::schedule {

/// `every` | `cron` (exactly one; checked by read_binding) and `payload`.
sdk::config_schema binding_fields();

/// `tick_ms`: how often the timer thread compares the clock with the next firing.
sdk::config_schema plugin_settings_schema();

}  // namespace hookflow::plugins::schedule
