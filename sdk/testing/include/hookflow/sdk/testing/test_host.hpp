#pragma once
// Host services that a plugin test controls: submits are captured (and answered with run ids
// "run-1", "run-2", …), state lives in memory, the clock is fake, logs and metrics are kept
// for inspection. Thread-safe, like the engine's.

#include <hookflow/sdk/services.hpp>

#include <boost/json/object.hpp>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace hookflow::sdk::testing {

class test_host final : public host_services {
 public:
  struct log_line {
    log_level level;
    std::string message;
    boost::json::object fields;
  };

  // --- what the plugin did -------------------------------------------------------------------
  std::vector<run_request> submits() const;
  /// Blocks until at least `count` runs were submitted or `timeout` passed; true if reached.
  bool wait_for_submits(std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;
  std::vector<log_line> logs() const;
  /// Sum of a counter, e.g. counter("requests_total", {{"status","202"}}); 0 when never counted.
  double counter(std::string_view name, const boost::json::object& labels = {}) const;
  /// Everything stored under a workflow.
  std::map<std::string, std::string> state(const std::string& workflow_id) const;

  // --- what the host answers -----------------------------------------------------------------
  /// The status the next submits answer with (ok by default: a new run id).
  void refuse_submits(status answer);
  /// What await_run answers for a run id (default: succeeded with null output, at once).
  void set_outcome(run_outcome outcome);
  /// The fake clock (starts at 2026-01-01T00:00:00Z).
  void set_now(std::chrono::system_clock::time_point t);
  void advance(std::chrono::milliseconds d);

  // --- host_services -------------------------------------------------------------------------
  void submit(run_request request, submit_callback done) override;
  void await_run(const std::string& run_id, std::chrono::milliseconds timeout, await_callback done) override;
  result<std::optional<std::string>> state_get(const std::string& workflow_id, const std::string& key) override;
  status state_put(const std::string& workflow_id, const std::string& key, const std::string& value) override;
  status state_erase(const std::string& workflow_id, const std::string& key) override;
  void log(log_level level, std::string_view message, const boost::json::object& fields) override;
  void count(std::string_view name, const boost::json::object& labels, double amount) override;
  void observe(std::string_view name, const boost::json::object& labels, double value) override;
  std::chrono::system_clock::time_point now() override;
  result<std::string> render(std::string_view template_text, const boost::json::value& context) override;

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable submitted_;
  std::vector<run_request> submits_;
  status refusal_;
  std::map<std::string, run_outcome> outcomes_;
  std::map<std::string, std::map<std::string, std::string>> state_;
  std::vector<log_line> logs_;
  std::map<std::string, double> counters_;
  std::chrono::system_clock::time_point now_ = std::chrono::system_clock::time_point(std::chrono::seconds(1767225600));
};

}  // namespace hookflow::sdk::testing
