#include "timing.hpp"

namespace hookflow::plugins::schedule {

timing::timing(std::chrono::milliseconds interval, std::string interval_text)
    : rule_(interval), text_("every " + std::move(interval_text)) {}

timing::timing(cron_expression cron) : rule_(cron), text_("cron " + cron.text()) {}

timing::time_point timing::next_after(time_point after, time_point anchor) const {
  if (const auto* cron = std::get_if<cron_expression>(&rule_)) return cron->next_after(after);
  auto interval = std::get<std::chrono::milliseconds>(rule_);
  if (anchor > after) return anchor;
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(after - anchor);
  return anchor + (elapsed / interval + 1) * interval;
}

}  // namespace hookflow::plugins::schedule
