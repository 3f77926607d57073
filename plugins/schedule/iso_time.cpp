#include "iso_time.hpp"

#include <cstdio>

namespace hookflow::plugins::schedule {

using namespace std::chrono;

std::string format_iso(system_clock::time_point t) {
  auto ms = floor<milliseconds>(t);
  auto day = floor<days>(ms);
  year_month_day ymd(day);
  hh_mm_ss hms(ms - day);
  char out[40];
  std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()), static_cast<int>(hms.subseconds().count()));
  return out;
}

std::optional<system_clock::time_point> parse_iso(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS.mmmZ: 24 characters, digits everywhere but the separators.
  constexpr std::string_view shape = "0000-00-00T00:00:00.000Z";
  if (text.size() != shape.size()) return std::nullopt;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    bool digit = text[i] >= '0' && text[i] <= '9';
    if (shape[i] == '0' ? !digit : text[i] != shape[i]) return std::nullopt;
  }
  auto number = [&](std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  year_month_day ymd{year(number(0, 4)), month(static_cast<unsigned>(number(5, 2))),
                     day(static_cast<unsigned>(number(8, 2)))};
  int h = number(11, 2), m = number(14, 2), s = number(17, 2);
  if (!ymd.ok() || h > 23 || m > 59 || s > 59) return std::nullopt;
  return sys_days(ymd) + hours(h) + minutes(m) + seconds(s) + milliseconds(number(20, 3));
}

}  // namespace hookflow::plugins::schedule
