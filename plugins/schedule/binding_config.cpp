#include "binding_config.hpp"

#include "duration.hpp"

namespace hookflow::plugins::schedule {

sdk::result<binding_config> read_binding(const boost::json::object& config) {
  const auto* every = config.if_contains("every");
  const auto* cron = config.if_contains("cron");
  bool has_every = every && !every->is_null();
  bool has_cron = cron && !cron->is_null();
  if (has_every == has_cron)
    return sdk::invalid_argument(
        "/trigger/config: give exactly one of \"every\" (e.g. \"5m\") and \"cron\" (e.g. "
        "\"*/5 * * * *\")");
  boost::json::object payload;
  if (const auto* p = config.if_contains("payload"); p && p->is_object()) payload = p->as_object();
  if (has_every) {
    std::string text(every->as_string());
    auto interval = parse_duration(text);
    if (!interval) return sdk::invalid_argument("/trigger/config/every: " + interval.error().message());
    return binding_config{timing(*interval, text), std::move(payload)};
  }
  auto expression = cron_expression::parse(cron->as_string());
  if (!expression) return sdk::invalid_argument("/trigger/config/cron: " + expression.error().message());
  return binding_config{timing(*expression), std::move(payload)};
}

}  // namespace hookflow::plugins::schedule
