#include "schema.hpp"

namespace hookflow::plugins::schedule {

sdk::config_schema binding_fields() {
  sdk::config_field every{"every", sdk::field_type::string,
                          "Fire at this interval, e.g. \"30s\", \"5m\", \"1h30m\", \"250ms\" (units ms s m h d); "
                          "exclusive with cron"};
  sdk::config_field cron{"cron", sdk::field_type::string,
                         "Fire on this 5-field cron expression in UTC (minute hour day-of-month month day-of-week), "
                         "e.g. \"*/15 * * * *\"; exclusive with every"};
  sdk::config_field payload{"payload", sdk::field_type::object, "Passed to each run as $request.payload"};
  payload.default_value = boost::json::object{};
  return {every, cron, payload};
}

sdk::config_schema plugin_settings_schema() {
  sdk::config_field tick{"tick_ms", sdk::field_type::integer,
                         "How often (milliseconds) the timer compares the clock with the next firing; a firing "
                         "starts at most this late"};
  tick.default_value = 250;
  tick.min = 1;
  tick.max = 60'000;
  return {tick};
}

}  // namespace hookflow::plugins::schedule
