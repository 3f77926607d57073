#include "logger.hpp"

#include <boost/json/serialize.hpp>

#include <chrono>
#include <ctime>

namespace hookflow::engine::telemetry {
namespace {

const char* level_name(hookflow::sdk::log_level level) {
  switch (level) {
    case hookflow::sdk::log_level::debug: return "debug";
    case hookflow::sdk::log_level::info: return "info";
    case hookflow::sdk::log_level::warn: return "warn";
    case hookflow::sdk::log_level::error: return "error";
  }
  return "info";
}

std::string timestamp() {
  auto now = std::chrono::system_clock::now();
  auto secs = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  auto n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof buf - n, ".%03dZ", static_cast<int>(ms));
  return buf;
}

}  // namespace

void logger::log(hookflow::sdk::log_level level, std::string_view message, const boost::json::object& fields) {
  if (level < min_level_) return;
  boost::json::object line;
  line["ts"] = timestamp();
  line["level"] = level_name(level);
  line["msg"] = message;
  for (const auto& [k, v] : fields)
    if (!line.contains(k)) line[k] = v;
  auto text = boost::json::serialize(line);
  text += '\n';
  std::lock_guard lock(mutex_);
  std::fwrite(text.data(), 1, text.size(), out_);
  std::fflush(out_);
}

}  // namespace hookflow::engine::telemetry
