#pragma once
// The runner executes runs: a bounded queue, a pool of worker threads, steps in order with
// `$steps.<id>` outputs, per-step retries with exponential backoff and jitter.
//
// Run states: queued -> running -> succeeded | failed. A run is stored (durably) before
// `submit` reports success; its progress is stored as it goes, so `start` after a crash
// resumes every queued or running run (a step that was in flight runs again).
//
// Threads: all public methods are thread-safe. Callbacks are called on runner or store
// threads, never with a runner lock held.

#include "../store/store.hpp"
#include "../telemetry/logger.hpp"
#include "../telemetry/metrics.hpp"
#include "../workflow/definition.hpp"

#include <hookflow/sdk/services.hpp>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace hookflow::engine::runner {

namespace sdk = hookflow::sdk;

struct options {
  int workers = 4;
  std::size_t queue_capacity = 10000;  // runs accepted and not yet finished
  std::chrono::milliseconds drain_timeout{10000};
};

/// The current definition of a workflow; null when there is none.
using workflow_lookup = std::function<std::shared_ptr<const workflow::definition>(const std::string&)>;

class runner {
 public:
  runner(store::store& store, workflow_lookup lookup, sdk::host_services& action_services, telemetry::logger& log,
         telemetry::metrics& metrics, options opts);
  ~runner();
  runner(const runner&) = delete;
  runner& operator=(const runner&) = delete;

  /// Starts the threads and resumes the store's unfinished runs. Returns how many resumed.
  std::size_t start();
  /// Refuses new runs, lets queued work drain for up to `drain_timeout`, finishes the steps in
  /// flight, then stops the threads. Unfinished runs stay stored and resume at the next start.
  void stop();

  /// See host_services::submit. `retry_of` links a replayed run to its original.
  void submit(sdk::run_request request, sdk::submit_callback done, std::string retry_of = {});
  /// See host_services::await_run.
  void await_run(const std::string& run_id, std::chrono::milliseconds timeout, sdk::await_callback done);

  /// Runs accepted and not finished.
  std::size_t depth() const;

 private:
  struct job;
  struct waiter {
    std::chrono::steady_clock::time_point deadline;
    sdk::await_callback done;
  };

  void worker_loop();
  void timer_loop();
  /// Queues a run just stored, from a store callback: wake_for_stored_runs, which the store
  /// calls after each batch of callbacks, wakes the workers.
  void enqueue_stored(std::shared_ptr<job> j);
  void wake_for_stored_runs();
  /// Runs steps until the run ends, waits for a retry, or the runner stops.
  void advance(const std::shared_ptr<job>& j);
  /// Ends the run; `last_step`, when given, is stored in the same write.
  void finish(const std::shared_ptr<job>& j, sdk::run_state state, std::string error,
              std::optional<store::step_record> last_step = std::nullopt);
  std::chrono::milliseconds backoff(const workflow::retry_policy& policy, int next_attempt);

  store::store& store_;
  workflow_lookup lookup_;
  sdk::host_services& action_services_;
  telemetry::logger& log_;
  telemetry::metrics& metrics_;
  options opts_;

  mutable std::mutex mutex_;
  std::condition_variable work_cv_;
  std::condition_variable timer_cv_;
  std::condition_variable idle_cv_;
  std::deque<std::shared_ptr<job>> ready_;
  std::multimap<std::chrono::steady_clock::time_point, std::shared_ptr<job>> delayed_;
  std::unordered_map<std::string, std::vector<waiter>> waiters_;
  std::unordered_set<std::string> active_;  // run ids accepted and not finished
  std::size_t accepted_ = 0;                // includes runs whose insert is still in flight
  std::size_t busy_ = 0;                    // workers inside advance()
  std::size_t idle_workers_ = 0;            // workers waiting on work_cv_
  std::size_t waking_workers_ = 0;          // of those, how many have been notified
  bool accepting_ = false;
  bool stopping_ = false;
  std::mt19937_64 jitter_rng_{std::random_device{}()};
  std::vector<std::thread> workers_;
  std::thread timer_;
};

}  // namespace hookflow::engine::runner
