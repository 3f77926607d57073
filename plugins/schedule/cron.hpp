#pragma once
// Five-field cron expressions, evaluated in UTC:
//   minute(0-59) hour(0-23) day-of-month(1-31) month(1-12 or JAN-DEC) day-of-week(0-7 or SUN-SAT, 0 and 7 = Sunday)
// Each field is `*` or a comma list of `N`, `A-B`, `*/S` and `A-B/S`.
// Day matching follows Vixie cron: when day-of-month and day-of-week are both restricted (neither
// starts with `*`), a day matches if EITHER matches; otherwise both must match. As in Vixie
// cron, a field written `*/S` counts as starting with `*`.

#include <hookflow/sdk/status.hpp>

#include <bitset>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace hookflow::plugins::schedule {

class cron_expression {
 public:
  /// Errors: invalid_argument naming the field and the problem, e.g.
  /// `cron "0 25 * * *": hour: 25 is out of range 0-23`. Expressions that can never match
  /// (e.g. "0 0 30 2 *") are refused too.
  static sdk::result<cron_expression> parse(std::string_view text);

  /// The first whole minute strictly after `after` that matches. Always found for a parsed
  /// expression (the search spans the 8-year worst case of February 29).
  std::chrono::system_clock::time_point next_after(std::chrono::system_clock::time_point after) const;

  const std::string& text() const noexcept { return text_; }

 private:
  cron_expression() = default;
  bool day_matches(std::chrono::sys_days day) const;
  bool can_ever_match() const;

  std::string text_;
  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> days_;     // 1-31
  std::bitset<13> months_;   // 1-12
  std::bitset<7> weekdays_;  // 0-6, Sunday = 0
  bool days_star_ = false;   // day-of-month field starts with '*'
  bool weekdays_star_ = false;
};

}  // namespace hookflow::plugins::schedule
