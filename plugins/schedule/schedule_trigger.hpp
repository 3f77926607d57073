#pragma once
// The `schedule` trigger: starts runs of bound workflows on a timer.
//
// Threads: the sdk::trigger methods are called by the host one at a time; one timer thread
// (started by start(), joined by stop()) fires due schedules. Both sides share the binding
// table under `mutex_`; host_services calls (submit, state) are made without holding it.
//
// Clock: all schedule arithmetic uses host_services::now() (wall time, UTC). The timer thread
// checks that clock every `tick` of real time, so a firing starts at most one tick late and a
// test's fake clock drives the schedule without real waiting.
//
// Restarts: the last fired slot ("last_scheduled_at") and the pause flag ("paused") are kept
// with state_put. Slots missed while the engine was down (or while paused, or skipped by a
// clock jump) are not replayed: the schedule continues with the next slot after now. An
// interval schedule keeps its phase from the last fired slot (or from the first bind).

#include "binding_config.hpp"

#include <hookflow/sdk/services.hpp>
#include <hookflow/sdk/trigger.hpp>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace hookflow::plugins::schedule {

class schedule_trigger final : public sdk::trigger {
 public:
  using time_point = std::chrono::system_clock::time_point;

  /// `services` must outlive the trigger.
  schedule_trigger(sdk::host_services& services, std::chrono::milliseconds tick);
  /// Stops the timer thread if stop() was not called.
  ~schedule_trigger() override;

  sdk::status start() override;
  /// Wakes and joins the timer thread at once (it never sleeps through a stop request); an
  /// in-progress firing finishes first. No submit happens after stop() returns.
  void stop() override;

  /// Errors: invalid_argument for a bad schedule (see read_binding); a state read failure.
  /// Re-binding with the same schedule keeps the next firing; a new schedule starts afresh.
  sdk::status bind(const sdk::binding& b) override;
  void unbind(const std::string& workflow_id) override;

  /// {"schedule": "every 5m" | "cron ...", "next_run": ISO-8601 | null when paused, "paused"}.
  sdk::result<boost::json::object> describe(const std::string& workflow_id) override;
  /// `run-now` → {"run_id"} (waits up to 10 s for the host to accept the run), `pause` →
  /// {"paused": true}, `resume` → {"paused": false}. Errors: not_found for an unbound workflow
  /// or an unknown command; the host's refusal for run-now.
  sdk::result<boost::json::object> command(const std::string& workflow_id, const std::string& name,
                                           const boost::json::object& args) override;
  std::vector<sdk::command_info> commands() const override;

 private:
  struct entry {
    timing when;
    boost::json::object payload;
    time_point anchor;    // interval phase: the last fired slot or the first bind
    time_point next_due;  // meaningful when not paused
    bool paused = false;
  };
  struct due_firing {
    std::string workflow_id;
    time_point scheduled_at;
    boost::json::object payload;
  };

  void run_timer();
  /// Takes every due firing and moves each entry to its next slot after `now`. Caller holds mutex_.
  std::vector<due_firing> take_due(time_point now);
  void fire(const due_firing& firing, time_point fired_at);
  sdk::result<boost::json::object> run_now(const std::string& workflow_id, const boost::json::object& payload);
  sdk::result<boost::json::object> set_paused(const std::string& workflow_id, bool paused);

  sdk::host_services& services_;
  const std::chrono::milliseconds tick_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::string, entry> entries_;
  bool stopping_ = false;
  std::thread timer_;
};

}  // namespace hookflow::plugins::schedule
