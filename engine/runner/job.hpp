#pragma once
// A run in memory while the runner works on it (private to the runner).

#include "runner.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace hookflow::engine::runner {

struct runner::job {
  std::string run_id;
  std::string workflow_id;
  boost::json::value trigger_data;  // $request
  boost::json::value steps;         // $steps: object of step id -> output
  boost::json::value run_info;      // $run: {id, started_at}
  boost::json::value last_output;
  std::size_t next_step = 0;
  int attempt = 1;  // of the next step
  bool started = false;
};

inline std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace hookflow::engine::runner
