#pragma once
// When a binding fires: at a fixed interval, or on a cron expression (UTC).

#include "cron.hpp"

#include <chrono>
#include <string>
#include <variant>

namespace hookflow::plugins::schedule {

class timing {
 public:
  using time_point = std::chrono::system_clock::time_point;

  explicit timing(std::chrono::milliseconds interval, std::string interval_text);
  explicit timing(cron_expression cron);

  /// The first firing strictly after `after`. Interval firings are `anchor + k * interval`
  /// (k >= 0), so a schedule keeps its phase across restarts; `anchor` is ignored for cron.
  time_point next_after(time_point after, time_point anchor) const;

  /// "every 5m" or "cron 0 9 * * 1-5": the schedule as the user wrote it.
  const std::string& text() const noexcept { return text_; }

 private:
  std::variant<std::chrono::milliseconds, cron_expression> rule_;
  std::string text_;
};

}  // namespace hookflow::plugins::schedule
