#pragma once
// What one firing submits: the run's trigger data and its de-duplication key.

#include <hookflow/sdk/services.hpp>

#include <boost/json/object.hpp>

#include <chrono>
#include <string>

namespace hookflow::plugins::schedule {

/// Trigger data {"scheduled_at", "fired_at", "payload"} (ISO-8601 UTC). Scheduled firings carry
/// the dedup key "schedule:<scheduled_at>", so that the engine starts one run per slot even if
/// a slot were submitted twice; `run-now` firings carry none.
sdk::run_request make_run_request(const std::string& workflow_id, std::chrono::system_clock::time_point scheduled_at,
                                  std::chrono::system_clock::time_point fired_at, const boost::json::object& payload,
                                  bool scheduled);

}  // namespace hookflow::plugins::schedule
