#include "firing.hpp"

#include "iso_time.hpp"

namespace hookflow::plugins::schedule {

sdk::run_request make_run_request(const std::string& workflow_id, std::chrono::system_clock::time_point scheduled_at,
                                  std::chrono::system_clock::time_point fired_at, const boost::json::object& payload,
                                  bool scheduled) {
  auto slot = format_iso(scheduled_at);
  boost::json::object data{{"scheduled_at", slot}, {"fired_at", format_iso(fired_at)}, {"payload", payload}};
  return {workflow_id, std::move(data), scheduled ? "schedule:" + slot : std::string()};
}

}  // namespace hookflow::plugins::schedule
