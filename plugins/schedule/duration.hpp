#pragma once
// Durations for the `every` field: one or more <integer><unit> parts, largest unit first,
// units ms, s, m, h, d. Examples: "250ms", "30s", "5m", "1h30m", "1d".

#include <hookflow/sdk/status.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace hookflow::plugins::schedule {

/// The longest accepted interval: a schedule that fires less often than this is a cron job.
inline constexpr std::chrono::milliseconds max_interval = std::chrono::hours(24 * 366);

/// Errors: invalid_argument naming the problem, e.g. `"5x": unknown unit "x" (use ms, s, m, h
/// or d)`. The result is at least 1 ms and at most `max_interval`.
sdk::result<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace hookflow::plugins::schedule
