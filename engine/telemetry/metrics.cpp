#include "metrics.hpp"

#include <array>
#include <charconv>

namespace hookflow::engine::telemetry {
namespace {

// Seconds: from 0.5 ms to 60 s.
constexpr std::array<double, 14> bucket_bounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                               0.1,    0.25,  0.5,    1,     2.5,  10,    60};

void append_escaped(std::string& out, std::string_view v) {
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
}

// The series key, `a="x",b="y"`, built in a per-thread buffer: a metric update on a hot path
// allocates nothing once its series exists.
const std::string& label_text(const boost::json::object& labels) {
  thread_local std::string out;
  out.clear();
  for (const auto& [k, v] : labels) {
    if (!out.empty()) out += ',';
    out.append(k.data(), k.size()).append("=\"");
    append_escaped(out, v.is_string() ? std::string_view(v.get_string()) : "");
    out += '"';
  }
  return out;
}

const std::string& prefixed(std::string_view name) {
  thread_local std::string out;
  out.assign("hookflow_").append(name);
  return out;
}

template <class Map>
typename Map::mapped_type& series(Map& map, const std::string& key) {
  auto it = map.find(key);
  if (it == map.end()) it = map.emplace(key, typename Map::mapped_type{}).first;
  return it->second;
}

std::string number(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc{} ? std::string(buf, end) : std::string("NaN");
}

std::string with_label(const std::string& labels, const std::string& extra) {
  if (labels.empty()) return "{" + extra + "}";
  return "{" + labels + "," + extra + "}";
}

}  // namespace

metrics::family& metrics::family_for(std::string_view name, family_type type) {
  auto it = families_.find(name);
  if (it == families_.end()) it = families_.emplace(std::string(name), family{type, {}, {}}).first;
  return it->second;
}

void metrics::count(std::string_view name, const boost::json::object& labels, double amount) {
  const auto& key = label_text(labels);
  const auto& full = prefixed(name);
  std::lock_guard lock(mutex_);
  series(family_for(full, family_type::counter).values, key) += amount;
}

void metrics::set_gauge(std::string_view name, const boost::json::object& labels, double value) {
  const auto& key = label_text(labels);
  const auto& full = prefixed(name);
  std::lock_guard lock(mutex_);
  series(family_for(full, family_type::gauge).values, key) = value;
}

void metrics::observe(std::string_view name, const boost::json::object& labels, double value) {
  const auto& key = label_text(labels);
  const auto& full = prefixed(name);
  std::lock_guard lock(mutex_);
  auto& h = series(family_for(full, family_type::histogram).histograms, key);
  if (h.buckets.empty()) h.buckets.assign(bucket_bounds.size(), 0);
  for (std::size_t i = 0; i < bucket_bounds.size(); ++i)
    if (value <= bucket_bounds[i]) {
      ++h.buckets[i];
      break;
    }
  ++h.count;
  h.sum += value;
}

std::string metrics::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& [name, fam] : families_) {
    const char* type = fam.type == family_type::counter ? "counter"
                       : fam.type == family_type::gauge ? "gauge"
                                                        : "histogram";
    out += "# TYPE " + name + " " + type + "\n";
    for (const auto& [labels, v] : fam.values)
      out += name + (labels.empty() ? "" : "{" + labels + "}") + " " + number(v) + "\n";
    for (const auto& [labels, h] : fam.histograms) {
      std::uint64_t cumulative = 0;
      for (std::size_t i = 0; i < bucket_bounds.size(); ++i) {
        cumulative += h.buckets[i];
        out += name + "_bucket" + with_label(labels, "le=\"" + number(bucket_bounds[i]) + "\"") + " " +
               std::to_string(cumulative) + "\n";
      }
      out += name + "_bucket" + with_label(labels, "le=\"+Inf\"") + " " + std::to_string(h.count) + "\n";
      out += name + "_sum" + (labels.empty() ? "" : "{" + labels + "}") + " " + number(h.sum) + "\n";
      out += name + "_count" + (labels.empty() ? "" : "{" + labels + "}") + " " + std::to_string(h.count) + "\n";
    }
  }
  return out;
}

}  // namespace hookflow::engine::telemetry
