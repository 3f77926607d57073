#pragma once
// Structured logging: one JSON object per line ({"ts","level","msg",...fields}) to a stream
// (stderr by default). Thread-safe; a line is written with one call so lines never interleave.

#include <hookflow/sdk/services.hpp>

#include <boost/json/object.hpp>

#include <cstdio>
#include <mutex>
#include <string_view>

namespace hookflow::engine::telemetry {

class logger {
 public:
  explicit logger(std::FILE* out = stderr, hookflow::sdk::log_level min_level = hookflow::sdk::log_level::info)
      : out_(out), min_level_(min_level) {}

  void log(hookflow::sdk::log_level level, std::string_view message, const boost::json::object& fields = {});
  void info(std::string_view message, const boost::json::object& fields = {}) {
    log(hookflow::sdk::log_level::info, message, fields);
  }
  void warn(std::string_view message, const boost::json::object& fields = {}) {
    log(hookflow::sdk::log_level::warn, message, fields);
  }
  void error(std::string_view message, const boost::json::object& fields = {}) {
    log(hookflow::sdk::log_level::error, message, fields);
  }
  void set_min_level(hookflow::sdk::log_level level) { min_level_ = level; }
  /// Whether a line of this level would be written (callers skip building it otherwise).
  bool enabled(hookflow::sdk::log_level level) const { return level >= min_level_; }

 private:
  std::FILE* out_;
  hookflow::sdk::log_level min_level_;
  std::mutex mutex_;
};

}  // namespace hookflow::engine::telemetry
