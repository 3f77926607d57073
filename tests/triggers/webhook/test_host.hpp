#pragma once
// A small in-process host for the webhook tests: records submits, keeps plugin state in a map,
// answers await_run from a table, has a settable clock. Thread-safe like the real host.

#include <hookflow/sdk/services.hpp>

#include <boost/json/serialize.hpp>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace hookflow::triggers::webhook::testing {

class test_host final : public sdk::host_services {
 public:
  void submit(sdk::run_request request, sdk::submit_callback done) override {
    sdk::result<sdk::run_receipt> answer = sdk::run_receipt{};
    {
      std::lock_guard lock(mutex_);
      if (defer_) {  // answered later by release_submits(), as a slow store would
        deferred_.emplace_back(std::move(request), std::move(done));
        changed_.notify_all();
        return;
      }
      if (!submit_error_.ok()) {
        answer = submit_error_;
      } else {
        sdk::run_receipt receipt{"run-" + std::to_string(submits_.size() + 1), false};
        if (!request.dedup_key.empty()) {
          auto [it, fresh] = dedup_.emplace(request.workflow_id + "/" + request.dedup_key, receipt.run_id);
          receipt = {it->second, !fresh};
        }
        if (!receipt.duplicate) submits_.push_back(request);
        answer = receipt;
      }
    }
    changed_.notify_all();
    done(std::move(answer));
  }

  void await_run(const std::string& run_id, std::chrono::milliseconds, sdk::await_callback done) override {
    sdk::run_outcome outcome{run_id, sdk::run_state::running, nullptr, ""};
    {
      std::lock_guard lock(mutex_);
      if (auto it = outcomes_.find(run_id); it != outcomes_.end()) outcome = it->second;
    }
    done(outcome);
  }

  sdk::result<std::optional<std::string>> state_get(const std::string& workflow, const std::string& key) override {
    std::lock_guard lock(mutex_);
    auto it = state_.find(workflow + "/" + key);
    return it == state_.end() ? std::optional<std::string>() : std::optional<std::string>(it->second);
  }
  sdk::status state_put(const std::string& workflow, const std::string& key, const std::string& value) override {
    std::lock_guard lock(mutex_);
    state_[workflow + "/" + key] = value;
    return {};
  }
  sdk::status state_erase(const std::string& workflow, const std::string& key) override {
    std::lock_guard lock(mutex_);
    state_.erase(workflow + "/" + key);
    return {};
  }

  void log(sdk::log_level, std::string_view message, const boost::json::object& fields) override {
    std::lock_guard lock(mutex_);
    boost::json::object line = fields;
    line["msg"] = message;
    logs_.push_back(boost::json::serialize(line));
    changed_.notify_all();
  }
  void count(std::string_view name, const boost::json::object& labels, double amount) override {
    std::lock_guard lock(mutex_);
    counters_[std::string(name) + boost::json::serialize(labels)] += amount;
  }
  void observe(std::string_view name, const boost::json::object&, double) override {
    std::lock_guard lock(mutex_);
    counters_[std::string(name) + "_count"] += 1;
  }
  std::chrono::system_clock::time_point now() override {
    std::lock_guard lock(mutex_);
    return now_;
  }
  sdk::result<std::string> render(std::string_view, const boost::json::value&) override {
    return sdk::invalid_argument("not used by the webhook");
  }

  // Test controls.
  /// Holds every submit's answer until release_submits().
  void defer_submits() {
    std::lock_guard lock(mutex_);
    defer_ = true;
  }
  void release_submits() {
    std::vector<std::pair<sdk::run_request, sdk::submit_callback>> held;
    {
      std::lock_guard lock(mutex_);
      defer_ = false;
      held.swap(deferred_);
    }
    for (auto& [request, done] : held) submit(std::move(request), std::move(done));
  }
  /// Waits until `count` submits are held.
  bool wait_for_deferred(std::size_t count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(10), [&] { return deferred_.size() >= count; });
  }
  /// Waits until a log line containing `text` appears.
  bool wait_for_log(const std::string& text) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(10), [&] {
      for (const auto& l : logs_)
        if (l.find(text) != std::string::npos) return true;
      return false;
    });
  }
  void set_now(std::chrono::system_clock::time_point t) {
    std::lock_guard lock(mutex_);
    now_ = t;
  }
  void fail_submits_with(sdk::status s) {
    std::lock_guard lock(mutex_);
    submit_error_ = std::move(s);
  }
  void set_outcome(const std::string& run_id, sdk::run_outcome outcome) {
    std::lock_guard lock(mutex_);
    outcomes_[run_id] = std::move(outcome);
  }
  std::vector<sdk::run_request> submits() {
    std::lock_guard lock(mutex_);
    return submits_;
  }
  std::vector<std::string> logs() {
    std::lock_guard lock(mutex_);
    return logs_;
  }
  double counter(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = counters_.find(key);
    return it == counters_.end() ? 0 : it->second;
  }
  std::optional<std::string> state(const std::string& workflow, const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = state_.find(workflow + "/" + key);
    return it == state_.end() ? std::nullopt : std::optional<std::string>(it->second);
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<sdk::run_request> submits_;
  std::map<std::string, std::string> dedup_;
  std::map<std::string, std::string> state_;
  std::map<std::string, sdk::run_outcome> outcomes_;
  std::map<std::string, double> counters_;
  std::vector<std::string> logs_;
  sdk::status submit_error_;
  bool defer_ = false;
  std::vector<std::pair<sdk::run_request, sdk::submit_callback>> deferred_;
  std::chrono::system_clock::time_point now_ = std::chrono::system_clock::now();
};

}  // namespace hookflow::triggers::webhook::testing
