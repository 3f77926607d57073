#pragma once
// A small Prometheus registry: counters and histograms with labels, rendered in the text
// exposition format. Thread-safe. Names are prefixed with "hookflow_".

#include <boost/json/object.hpp>

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace hookflow::engine::telemetry {

class metrics {
 public:
  void count(std::string_view name, const boost::json::object& labels, double amount = 1);
  void observe(std::string_view name, const boost::json::object& labels, double value);
  void set_gauge(std::string_view name, const boost::json::object& labels, double value);

  /// The text exposition format (version 0.0.4).
  std::string render() const;

 private:
  struct histogram {
    std::vector<std::uint64_t> buckets;  // cumulative counts are computed when rendering
    std::uint64_t count = 0;
    double sum = 0;
  };
  enum class family_type { counter, gauge, histogram };
  struct family {
    family_type type;
    std::map<std::string, double, std::less<>> values;         // label text -> value (counters, gauges)
    std::map<std::string, histogram, std::less<>> histograms;  // label text -> histogram
  };

  family& family_for(std::string_view name, family_type type);

  mutable std::mutex mutex_;
  std::map<std::string, family, std::less<>> families_;
};

}  // namespace hookflow::engine::telemetry
