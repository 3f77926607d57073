#include "duration.hpp"

#include <array>
#include <cstdint>
#include <utility>

namespace hookflow::plugins::schedule {
namespace {

struct unit {
  std::string_view name;
  std::int64_t ms;
};
// Longest names first, so that "ms" is not read as "m" followed by garbage.
constexpr std::array<unit, 5> units{{{"ms", 1}, {"s", 1000}, {"m", 60'000}, {"h", 3'600'000}, {"d", 86'400'000}}};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

sdk::status problem(std::string_view text, const std::string& what) {
  return sdk::invalid_argument("\"" + std::string(text) + "\": " + what);
}

}  // namespace

sdk::result<std::chrono::milliseconds> parse_duration(std::string_view text) {
  if (text.empty()) return problem(text, "empty duration (use e.g. 30s, 5m, 1h, 250ms)");
  std::int64_t total = 0;
  std::int64_t previous_unit = INT64_MAX;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i])) return problem(text, "expected a number at position " + std::to_string(i + 1));
    std::int64_t amount = 0;
    for (; i < text.size() && is_digit(text[i]); ++i) {
      amount = amount * 10 + (text[i] - '0');
      if (amount > max_interval.count()) return problem(text, "too long (at most 366d)");
    }
    std::size_t end = i;
    while (end < text.size() && !is_digit(text[end])) ++end;
    std::string_view name = text.substr(i, end - i);
    if (name.empty()) return problem(text, "a number needs a unit (ms, s, m, h or d)");
    const unit* found = nullptr;
    for (const auto& u : units)
      if (u.name == name) found = &u;
    if (!found) return problem(text, "unknown unit \"" + std::string(name) + "\" (use ms, s, m, h or d)");
    if (found->ms >= previous_unit) return problem(text, "units must go from largest to smallest, each once");
    previous_unit = found->ms;
    total += amount * found->ms;
    if (total > max_interval.count()) return problem(text, "too long (at most 366d)");
    i = end;
  }
  if (total == 0) return problem(text, "the interval must be longer than zero");
  return std::chrono::milliseconds(total);
}

}  // namespace hookflow::plugins::schedule
