#pragma once
// UTC timestamps as text, the form used in trigger data and state: "2026-01-31T23:59:00.000Z"
// (always milliseconds, always 'Z').

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace hookflow::plugins::schedule {

std::string format_iso(std::chrono::system_clock::time_point t);

/// Reads exactly the form `format_iso` writes; nullopt for anything else.
std::optional<std::chrono::system_clock::time_point> parse_iso(std::string_view text);

}  // namespace hookflow::plugins::schedule
