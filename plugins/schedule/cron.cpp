#include "cron.hpp"

#include <array>
#include <cctype>
#include <vector>

namespace hookflow::plugins::schedule {
namespace {

using namespace std::chrono;

struct field_spec {
  const char* name;
  int low, high;
  const char* const* names;  // textual aliases for low, low+1, ... (or null)
  int name_count;
};

constexpr const char* month_names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr const char* weekday_names[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

constexpr std::array<field_spec, 5> fields{{{"minute", 0, 59, nullptr, 0},
                                            {"hour", 0, 23, nullptr, 0},
                                            {"day-of-month", 1, 31, nullptr, 0},
                                            {"month", 1, 12, month_names, 12},
                                            {"day-of-week", 0, 7, weekday_names, 7}}};

struct parse_error {
  std::string message;
};

std::vector<std::string_view> split(std::string_view text, char by) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i)
    if (i == text.size() || text[i] == by) {
      out.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

// A number or a name of `spec`; throws parse_error.
int read_value(std::string_view token, const field_spec& spec) {
  if (token.empty()) throw parse_error{"missing number"};
  if (spec.names && std::isalpha(static_cast<unsigned char>(token[0]))) {
    std::string lower;
    for (char c : token) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (int i = 0; i < spec.name_count; ++i)
      if (lower == spec.names[i]) return spec.low + i;
    throw parse_error{"unknown name \"" + std::string(token) + "\""};
  }
  int value = 0;
  for (char c : token) {
    if (c < '0' || c > '9') throw parse_error{"\"" + std::string(token) + "\" is not a number"};
    if (value <= spec.high) value = value * 10 + (c - '0');  // stops growing once out of range
  }
  if (value < spec.low || value > spec.high)
    throw parse_error{std::string(token) + " is out of range " + std::to_string(spec.low) + "-" +
                      std::to_string(spec.high)};
  return value;
}

// Sets the values one comma-list item stands for in `out` (indexed by value).
void read_item(std::string_view item, const field_spec& spec, std::vector<bool>& out) {
  std::string_view range = item;
  int step = 1;
  if (auto slash = item.find('/'); slash != std::string_view::npos) {
    range = item.substr(0, slash);
    auto step_text = item.substr(slash + 1);
    if (step_text.empty()) throw parse_error{"\"" + std::string(item) + "\": missing step after '/'"};
    for (char c : step_text)
      if (c < '0' || c > '9') throw parse_error{"\"" + std::string(item) + "\": the step must be a number"};
    step = step_text.size() > 4 ? 10000 : std::stoi(std::string(step_text));
    if (step == 0) throw parse_error{"\"" + std::string(item) + "\": the step must be at least 1"};
    if (range != "*" && range.find('-') == std::string_view::npos)
      throw parse_error{"\"" + std::string(item) + "\": a step needs a range (write */" + std::string(step_text) +
                        " or A-B/" + std::string(step_text) + ")"};
  }
  int first = spec.low, last = spec.high;
  if (range != "*") {
    auto dash = range.find('-');
    first = read_value(range.substr(0, dash), spec);
    last = dash == std::string_view::npos ? first : read_value(range.substr(dash + 1), spec);
    if (last < first)
      throw parse_error{"\"" + std::string(item) + "\": the range goes backwards (" + std::to_string(first) + " > " +
                        std::to_string(last) + ")"};
  }
  for (int v = first; v <= last; v += step) out[static_cast<std::size_t>(v)] = true;
}

std::vector<bool> read_field(std::string_view text, const field_spec& spec) {
  std::vector<bool> out(static_cast<std::size_t>(spec.high) + 1, false);
  for (auto item : split(text, ',')) {
    if (item.empty()) throw parse_error{"empty list item"};
    read_item(item, spec, out);
  }
  return out;
}

template <std::size_t N>
void copy_bits(const std::vector<bool>& from, std::bitset<N>& to) {
  for (std::size_t i = 0; i < N && i < from.size(); ++i) to[i] = from[i];
}

unsigned max_days(unsigned month) {  // February counts its leap day: it exists every 4-8 years
  constexpr unsigned days[] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return days[month];
}

}  // namespace

sdk::result<cron_expression> cron_expression::parse(std::string_view text) {
  auto quoted = "cron \"" + std::string(text) + "\": ";
  std::vector<std::string_view> parts;
  for (auto p : split(text, ' '))
    if (!p.empty()) parts.push_back(p);
  if (parts.size() != 5)
    return sdk::invalid_argument(quoted + "expected 5 fields (minute hour day-of-month month day-of-week), got " +
                                 std::to_string(parts.size()));
  cron_expression e;
  e.text_ = std::string(text);
  std::array<std::vector<bool>, 5> values;
  for (std::size_t i = 0; i < 5; ++i) {
    try {
      values[i] = read_field(parts[i], fields[i]);
    } catch (const parse_error& err) {
      return sdk::invalid_argument(quoted + fields[i].name + ": " + err.message);
    }
  }
  copy_bits(values[0], e.minutes_);
  copy_bits(values[1], e.hours_);
  copy_bits(values[2], e.days_);
  copy_bits(values[3], e.months_);
  copy_bits(values[4], e.weekdays_);
  if (values[4][7]) e.weekdays_[0] = true;  // 7 is Sunday too
  e.days_star_ = parts[2].front() == '*';
  e.weekdays_star_ = parts[4].front() == '*';
  if (!e.can_ever_match())
    return sdk::invalid_argument(quoted + "never matches: no selected month has the selected day-of-month");
  return e;
}

bool cron_expression::can_ever_match() const {
  if (!weekdays_star_) return true;  // some weekday of every month matches (OR rule, or '*' days)
  for (unsigned m = 1; m <= 12; ++m)
    for (unsigned d = 1; d <= 31; ++d)
      if (months_[m] && days_[d] && d <= max_days(m)) return true;
  return false;
}

bool cron_expression::day_matches(sys_days day) const {
  year_month_day ymd(day);
  if (!months_[static_cast<unsigned>(ymd.month())]) return false;
  bool dom = days_[static_cast<unsigned>(ymd.day())];
  bool dow = weekdays_[weekday(day).c_encoding()];
  return (days_star_ || weekdays_star_) ? (dom && dow) : (dom || dow);
}

system_clock::time_point cron_expression::next_after(system_clock::time_point after) const {
  auto start = floor<minutes>(after) + minutes(1);
  auto first_day = floor<days>(start);
  auto start_minute = static_cast<int>((start - first_day) / minutes(1));
  // 9 years cover the longest gap between two February 29ths (e.g. 2096 to 2104).
  for (auto day = first_day; day < first_day + days(366 * 9); day += days(1)) {
    if (!day_matches(day)) continue;
    int from = day == first_day ? start_minute : 0;
    for (int h = from / 60; h < 24; ++h) {
      if (!hours_[static_cast<std::size_t>(h)]) continue;
      for (int m = h == from / 60 ? from % 60 : 0; m < 60; ++m)
        if (minutes_[static_cast<std::size_t>(m)]) return day + hours(h) + minutes(m);
    }
  }
  return system_clock::time_point::max();  // unreachable for a parsed expression
}

}  // namespace hookflow::plugins::schedule
