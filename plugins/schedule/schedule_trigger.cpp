#include "schedule_trigger.hpp"

#include "firing.hpp"
#include "iso_time.hpp"

#include <future>
#include <memory>

namespace hookflow::plugins::schedule {
namespace json = boost::json;

namespace {

constexpr const char* last_slot_key = "last_scheduled_at";
constexpr const char* paused_key = "paused";
constexpr auto run_now_wait = std::chrono::seconds(10);

sdk::status not_bound(const std::string& workflow_id) {
  return sdk::not_found("workflow \"" + workflow_id + "\" is not bound to the schedule trigger");
}

}  // namespace

schedule_trigger::schedule_trigger(sdk::host_services& services, std::chrono::milliseconds tick)
    : services_(services), tick_(tick) {}

schedule_trigger::~schedule_trigger() {
  stop();
}

sdk::status schedule_trigger::start() {
  std::lock_guard lock(mutex_);
  if (timer_.joinable()) return {};
  stopping_ = false;
  timer_ = std::thread([this] { run_timer(); });
  return {};
}

void schedule_trigger::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (timer_.joinable()) timer_.join();
}

sdk::status schedule_trigger::bind(const sdk::binding& b) {
  auto config = read_binding(b.config);
  if (!config) return config.error();
  auto paused = services_.state_get(b.workflow_id, paused_key);
  if (!paused) return paused.error();
  auto last_text = services_.state_get(b.workflow_id, last_slot_key);
  if (!last_text) return last_text.error();
  std::optional<time_point> last;
  if (last_text.value()) last = parse_iso(*last_text.value());

  auto now = services_.now();
  std::lock_guard lock(mutex_);
  if (auto it = entries_.find(b.workflow_id); it != entries_.end() && it->second.when.text() == config->when.text()) {
    it->second.payload = std::move(config->payload);
    return {};
  }
  auto after = last && *last > now ? *last : now;
  auto anchor = last.value_or(now);
  entry e{config->when, std::move(config->payload), anchor, config->when.next_after(after, anchor),
          paused.value() == std::optional<std::string>("true")};
  entries_.insert_or_assign(b.workflow_id, std::move(e));
  return {};
}

void schedule_trigger::unbind(const std::string& workflow_id) {
  std::lock_guard lock(mutex_);
  entries_.erase(workflow_id);
}

sdk::result<json::object> schedule_trigger::describe(const std::string& workflow_id) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(workflow_id);
  if (it == entries_.end()) return not_bound(workflow_id);
  const auto& e = it->second;
  json::value next = e.paused ? json::value(nullptr) : json::value(format_iso(e.next_due));
  return json::object{{"schedule", e.when.text()}, {"next_run", std::move(next)}, {"paused", e.paused}};
}

sdk::result<json::object> schedule_trigger::command(const std::string& workflow_id, const std::string& name,
                                                    const json::object&) {
  json::object payload;
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(workflow_id);
    if (it == entries_.end()) return not_bound(workflow_id);
    payload = it->second.payload;
  }
  if (name == "run-now") return run_now(workflow_id, payload);
  if (name == "pause") return set_paused(workflow_id, true);
  if (name == "resume") return set_paused(workflow_id, false);
  return sdk::not_found("the schedule trigger has no command \"" + name + "\" (run-now, pause, resume)");
}

std::vector<sdk::command_info> schedule_trigger::commands() const {
  return {{"run-now", "Starts a run now, outside the schedule; returns {\"run_id\"}"},
          {"pause", "Stops firing until resumed (kept across restarts); returns {\"paused\": true}"},
          {"resume", "Fires again from the next slot after now; returns {\"paused\": false}"}};
}

sdk::result<json::object> schedule_trigger::run_now(const std::string& workflow_id, const json::object& payload) {
  auto now = services_.now();
  auto receipt = std::make_shared<std::promise<sdk::result<sdk::run_receipt>>>();
  auto answer = receipt->get_future();
  services_.submit(make_run_request(workflow_id, now, now, payload, false),
                   [receipt](sdk::result<sdk::run_receipt> r) { receipt->set_value(std::move(r)); });
  if (answer.wait_for(run_now_wait) != std::future_status::ready)
    return sdk::unavailable("the engine did not accept the run within 10 s");
  auto r = answer.get();
  if (!r) return r.error();
  return json::object{{"run_id", r->run_id}};
}

sdk::result<json::object> schedule_trigger::set_paused(const std::string& workflow_id, bool paused) {
  if (auto st = services_.state_put(workflow_id, paused_key, paused ? "true" : "false"); !st) return st;
  auto now = services_.now();
  std::lock_guard lock(mutex_);
  auto it = entries_.find(workflow_id);
  if (it == entries_.end()) return not_bound(workflow_id);
  auto& e = it->second;
  if (e.paused && !paused) e.next_due = e.when.next_after(now, e.anchor);
  e.paused = paused;
  return json::object{{"paused", paused}};
}

void schedule_trigger::run_timer() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    auto due = take_due(services_.now());
    for (const auto& firing : due) {
      if (stopping_) break;
      lock.unlock();
      fire(firing, services_.now());
      lock.lock();
    }
    if (due.empty()) wake_.wait_for(lock, tick_, [this] { return stopping_; });
  }
}

std::vector<schedule_trigger::due_firing> schedule_trigger::take_due(time_point now) {
  std::vector<due_firing> due;
  for (auto& [workflow_id, e] : entries_) {
    if (e.paused || e.next_due > now) continue;
    due.push_back({workflow_id, e.next_due, e.payload});
    e.anchor = e.next_due;
    e.next_due = e.when.next_after(now, e.anchor);
  }
  return due;
}

void schedule_trigger::fire(const due_firing& firing, time_point fired_at) {
  auto* services = &services_;  // outlives this trigger, unlike `this`
  services_.submit(make_run_request(firing.workflow_id, firing.scheduled_at, fired_at, firing.payload, true),
                   [services, workflow_id = firing.workflow_id](sdk::result<sdk::run_receipt> r) {
                     if (!r)
                       services->log(sdk::log_level::warn, "scheduled run refused",
                                     {{"workflow", workflow_id}, {"error", r.error().message()}});
                   });
  if (auto st = services_.state_put(firing.workflow_id, last_slot_key, format_iso(firing.scheduled_at)); !st)
    services_.log(sdk::log_level::warn, "could not save the schedule's last firing",
                  {{"workflow", firing.workflow_id}, {"error", st.message()}});
}

}  // namespace hookflow::plugins::schedule
