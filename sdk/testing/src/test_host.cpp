#include <hookflow/sdk/testing/test_host.hpp>

#include "engine/template/template.hpp"

#include <boost/json/serialize.hpp>

namespace hookflow::sdk::testing {

std::vector<run_request> test_host::submits() const {
  std::lock_guard lock(mutex_);
  return submits_;
}

bool test_host::wait_for_submits(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return submitted_.wait_for(lock, timeout, [&] { return submits_.size() >= count; });
}

std::vector<test_host::log_line> test_host::logs() const {
  std::lock_guard lock(mutex_);
  return logs_;
}

double test_host::counter(std::string_view name, const boost::json::object& labels) const {
  std::lock_guard lock(mutex_);
  auto it = counters_.find(std::string(name) + boost::json::serialize(labels));
  return it == counters_.end() ? 0 : it->second;
}

std::map<std::string, std::string> test_host::state(const std::string& workflow_id) const {
  std::lock_guard lock(mutex_);
  auto it = state_.find(workflow_id);
  return it == state_.end() ? std::map<std::string, std::string>{} : it->second;
}

void test_host::refuse_submits(status answer) {
  std::lock_guard lock(mutex_);
  refusal_ = std::move(answer);
}

void test_host::set_outcome(run_outcome outcome) {
  std::lock_guard lock(mutex_);
  outcomes_[outcome.run_id] = std::move(outcome);
}

void test_host::set_now(std::chrono::system_clock::time_point t) {
  std::lock_guard lock(mutex_);
  now_ = t;
}

void test_host::advance(std::chrono::milliseconds d) {
  std::lock_guard lock(mutex_);
  now_ += d;
}

void test_host::submit(run_request request, submit_callback done) {
  result<run_receipt> answer = status{};
  {
    std::lock_guard lock(mutex_);
    if (!refusal_.ok()) {
      answer = refusal_;
    } else {
      submits_.push_back(std::move(request));
      answer = run_receipt{"run-" + std::to_string(submits_.size()), false};
    }
  }
  submitted_.notify_all();
  done(std::move(answer));
}

void test_host::await_run(const std::string& run_id, std::chrono::milliseconds, await_callback done) {
  run_outcome outcome{run_id, run_state::succeeded, {}, {}};
  {
    std::lock_guard lock(mutex_);
    if (auto it = outcomes_.find(run_id); it != outcomes_.end()) outcome = it->second;
  }
  done(std::move(outcome));
}

result<std::optional<std::string>> test_host::state_get(const std::string& workflow_id, const std::string& key) {
  std::lock_guard lock(mutex_);
  auto wf = state_.find(workflow_id);
  if (wf == state_.end()) return std::optional<std::string>();
  auto it = wf->second.find(key);
  return it == wf->second.end() ? std::optional<std::string>() : std::optional<std::string>(it->second);
}

status test_host::state_put(const std::string& workflow_id, const std::string& key, const std::string& value) {
  std::lock_guard lock(mutex_);
  state_[workflow_id][key] = value;
  return {};
}

status test_host::state_erase(const std::string& workflow_id, const std::string& key) {
  std::lock_guard lock(mutex_);
  state_[workflow_id].erase(key);
  return {};
}

void test_host::log(log_level level, std::string_view message, const boost::json::object& fields) {
  std::lock_guard lock(mutex_);
  logs_.push_back({level, std::string(message), fields});
}

void test_host::count(std::string_view name, const boost::json::object& labels, double amount) {
  std::lock_guard lock(mutex_);
  counters_[std::string(name) + boost::json::serialize(labels)] += amount;
}

void test_host::observe(std::string_view name, const boost::json::object& labels, double) {
  std::lock_guard lock(mutex_);
  counters_[std::string(name) + "_count" + boost::json::serialize(labels)] += 1;
}

std::chrono::system_clock::time_point test_host::now() {
  std::lock_guard lock(mutex_);
  return now_;
}

result<std::string> test_host::render(std::string_view template_text, const boost::json::value& context) {
  auto t = engine::template_::compiled_template::compile(template_text);
  if (!t.ok()) return t.error();
  return t->render(context);
}

}  // namespace hookflow::sdk::testing
