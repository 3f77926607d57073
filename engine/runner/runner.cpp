#include "runner.hpp"

#include "job.hpp"
#include "run_id.hpp"

#include "../telemetry/thread_name.hpp"

#include <boost/json/serialize.hpp>

namespace hookflow::engine::runner {
namespace json = boost::json;
using clock = std::chrono::steady_clock;

runner::runner(store::store& store, workflow_lookup lookup, sdk::host_services& action_services, telemetry::logger& log,
               telemetry::metrics& metrics, options opts)
    : store_(store),
      lookup_(std::move(lookup)),
      action_services_(action_services),
      log_(log),
      metrics_(metrics),
      opts_(opts) {}

runner::~runner() {
  stop();
}

std::size_t runner::start() {
  store_.set_after_callbacks([this] { wake_for_stored_runs(); });
  auto unfinished = store_.unfinished_runs();
  {
    std::lock_guard lock(mutex_);
    accepting_ = true;
    stopping_ = false;
    for (auto& r : unfinished) {
      auto j = std::make_shared<job>();
      j->run_id = r.id;
      j->workflow_id = r.workflow_id;
      j->trigger_data = std::move(r.trigger_data);
      j->steps = json::object();
      j->run_info = json::object{{"id", r.id}, {"started_at", r.started_at_ms ? r.started_at_ms : now_ms()}};
      j->started = r.state == sdk::run_state::running;
      for (const auto& s : r.steps) {
        if (s.state == sdk::run_state::succeeded && s.index == static_cast<int>(j->next_step)) {
          j->steps.as_object()[s.step_id] = s.output;
          j->last_output = s.output;
          ++j->next_step;
        } else if (s.index == static_cast<int>(j->next_step)) {
          j->attempt = s.attempts + 1;  // the interrupted attempt counts
        }
      }
      active_.insert(j->run_id);
      ++accepted_;
      ready_.push_back(std::move(j));
    }
  }
  for (int i = 0; i < std::max(1, opts_.workers); ++i)
    workers_.emplace_back([this] {
      telemetry::name_this_thread("hf-worker");
      worker_loop();
    });
  timer_ = std::thread([this] {
    telemetry::name_this_thread("hf-timer");
    timer_loop();
  });
  if (!unfinished.empty()) log_.info("resuming unfinished runs", {{"count", unfinished.size()}});
  return unfinished.size();
}

void runner::stop() {
  std::unique_lock lock(mutex_);
  if (workers_.empty() && !timer_.joinable()) return;
  accepting_ = false;
  idle_cv_.wait_for(lock, opts_.drain_timeout, [&] { return ready_.empty() && busy_ == 0; });
  stopping_ = true;
  lock.unlock();
  work_cv_.notify_all();
  timer_cv_.notify_all();
  for (auto& t : workers_) t.join();
  workers_.clear();
  if (timer_.joinable()) timer_.join();
  store_.set_after_callbacks(nullptr);
  // Whoever still waits learns the current state; the runs resume at the next start.
  std::unordered_map<std::string, std::vector<waiter>> waiting;
  lock.lock();
  waiting.swap(waiters_);
  lock.unlock();
  for (auto& [id, list] : waiting)
    for (auto& w : list) w.done(sdk::run_outcome{id, sdk::run_state::running, {}, {}});
}

std::size_t runner::depth() const {
  std::lock_guard lock(mutex_);
  return accepted_;
}

void runner::submit(sdk::run_request request, sdk::submit_callback done, std::string retry_of) {
  {
    std::lock_guard lock(mutex_);
    if (!accepting_) {
      done(sdk::status(sdk::status_code::failed_precondition, "the engine is stopping"));
      return;
    }
    if (accepted_ >= opts_.queue_capacity) {
      metrics_.count("runs_rejected_total", {{"reason", "queue_full"}});
      done(sdk::status(sdk::status_code::resource_exhausted,
                       "the run queue is full (" + std::to_string(opts_.queue_capacity) + " runs)"));
      return;
    }
    ++accepted_;
  }
  auto release = [this] {
    std::lock_guard lock(mutex_);
    --accepted_;
    idle_cv_.notify_all();
  };
  if (!lookup_(request.workflow_id)) {
    release();
    done(sdk::not_found("no workflow with id \"" + request.workflow_id + "\""));
    return;
  }
  auto j = std::make_shared<job>();
  j->run_id = new_run_id();
  j->workflow_id = request.workflow_id;
  j->steps = json::object();

  store::new_run record{j->run_id,
                        request.workflow_id,
                        json::serialize(request.trigger_data),
                        std::move(request.dedup_key),
                        std::move(retry_of),
                        now_ms()};
  j->trigger_data = std::move(request.trigger_data);
  j->run_info = json::object{{"id", j->run_id}, {"started_at", record.created_at_ms}};

  store_.insert_run(std::move(record), [this, j, release, done = std::move(done)](sdk::result<sdk::run_receipt> r) {
    if (!r.ok() || r->duplicate) {
      release();
      done(std::move(r));
      return;
    }
    metrics_.count("runs_total", {{"state", "queued"}});
    enqueue_stored(j);
    done(std::move(r));
  });
}

void runner::enqueue_stored(std::shared_ptr<job> j) {
  std::lock_guard lock(mutex_);
  active_.insert(j->run_id);
  ready_.push_back(std::move(j));
}

// Runs on the store's thread after each batch of its callbacks: the runs they queued (as many
// as one fsync made durable) cost one wake per worker needed, not one per run. Busy workers look
// at the queue before they wait, and a woken worker takes jobs until the queue is empty: sleeping
// workers are woken only for jobs no worker is on its way to take.
void runner::wake_for_stored_runs() {
  std::size_t wakes = 0;
  {
    std::lock_guard lock(mutex_);
    const std::size_t sleeping = idle_workers_ - waking_workers_;
    const std::size_t untaken = ready_.size() > waking_workers_ ? ready_.size() - waking_workers_ : 0;
    wakes = std::min(sleeping, untaken);
    waking_workers_ += wakes;
  }
  for (std::size_t i = 0; i < wakes; ++i) work_cv_.notify_one();
}

void runner::worker_loop() {
  std::unique_lock lock(mutex_);
  while (true) {
    ++idle_workers_;
    work_cv_.wait(lock, [&] { return stopping_ || !ready_.empty(); });
    --idle_workers_;
    if (waking_workers_ > 0) --waking_workers_;
    if (stopping_) return;
    auto j = std::move(ready_.front());
    ready_.pop_front();
    ++busy_;
    lock.unlock();
    advance(j);
    lock.lock();
    --busy_;
    idle_cv_.notify_all();
  }
}

void runner::timer_loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    auto next = clock::time_point::max();
    if (!delayed_.empty()) next = delayed_.begin()->first;
    for (const auto& [id, list] : waiters_)
      for (const auto& w : list) next = std::min(next, w.deadline);
    if (next == clock::time_point::max())
      timer_cv_.wait(lock);
    else
      timer_cv_.wait_until(lock, next);
    if (stopping_) return;
    auto now = clock::now();
    while (!delayed_.empty() && delayed_.begin()->first <= now) {
      ready_.push_back(std::move(delayed_.begin()->second));
      delayed_.erase(delayed_.begin());
      work_cv_.notify_one();
    }
    std::vector<std::pair<std::string, sdk::await_callback>> expired;
    for (auto& [id, list] : waiters_) {
      for (auto it = list.begin(); it != list.end();) {
        if (it->deadline <= now) {
          expired.emplace_back(id, std::move(it->done));
          it = list.erase(it);
        } else {
          ++it;
        }
      }
    }
    std::erase_if(waiters_, [](const auto& kv) { return kv.second.empty(); });
    if (expired.empty()) continue;
    lock.unlock();
    for (auto& [id, done] : expired) done(sdk::run_outcome{id, sdk::run_state::running, {}, {}});
    lock.lock();
  }
}

void runner::await_run(const std::string& run_id, std::chrono::milliseconds timeout, sdk::await_callback done) {
  bool waiting = false;
  {
    std::lock_guard lock(mutex_);
    if (active_.contains(run_id)) {
      waiters_[run_id].push_back({clock::now() + timeout, std::move(done)});
      timer_cv_.notify_one();
      waiting = true;
    }
  }
  if (waiting) {
    // The run may have finished before this caller came (a fast workflow beats the webhook's
    // await): its last write was then queued as batched and would wait for company.
    store_.commit_soon();
    return;
  }
  auto record = store_.get_run(run_id);
  if (!record.ok()) {
    done(record.error());
    return;
  }
  sdk::run_outcome outcome{record->id, record->state, {}, record->error};
  if (!record->steps.empty()) outcome.output = record->steps.back().output;
  done(std::move(outcome));
}

void runner::finish(const std::shared_ptr<job>& j, sdk::run_state state, std::string error,
                    std::optional<store::step_record> last_step) {
  metrics_.count("runs_total", {{"state", sdk::to_string(state)}});
  if (state == sdk::run_state::failed)
    log_.warn("run failed", {{"run_id", j->run_id}, {"workflow", j->workflow_id}, {"error", error}});
  store::run_update update{j->run_id, state, j->run_info.at("started_at").to_number<std::int64_t>(), now_ms(), error};
  // The run's context is not needed any more: free it here, not on the store's thread, whose
  // callbacks answer the webhook callers waiting for their runs to be stored.
  j->trigger_data = nullptr;
  j->steps = nullptr;
  j->run_info = nullptr;
  // Waiters learn the outcome once it is durable, so what they read next agrees with it.
  auto committed = [this, j, state, error] {
    std::vector<waiter> waiting;
    {
      std::lock_guard lock(mutex_);
      active_.erase(j->run_id);
      if (auto it = waiters_.find(j->run_id); it != waiters_.end()) {
        waiting = std::move(it->second);
        waiters_.erase(it);
      }
      --accepted_;
      idle_cv_.notify_all();
    }
    for (auto& w : waiting) w.done(sdk::run_outcome{j->run_id, state, j->last_output, error});
  };
  // Only a caller waiting for the result (a webhook with `respond: "result"`) needs the
  // outcome durable at once; otherwise it shares a commit with other runs' progress.
  store::urgency when = store::urgency::batched;
  {
    std::lock_guard lock(mutex_);
    if (waiters_.contains(j->run_id)) when = store::urgency::waited_for;
  }
  if (last_step)
    store_.save_step(j->run_id, std::move(*last_step), std::move(update), std::move(committed), when);
  else
    store_.update_run(std::move(update), std::move(committed), when);
}

std::chrono::milliseconds runner::backoff(const workflow::retry_policy& policy, int next_attempt) {
  // Exponential: initial * 2^(retries so far - 1), capped, then "equal jitter" in [d/2, d].
  auto delay = policy.initial_delay;
  for (int i = 2; i < next_attempt && delay < policy.max_delay; ++i) delay *= 2;
  delay = std::min(delay, policy.max_delay);
  if (delay.count() <= 1) return delay;
  std::lock_guard lock(mutex_);
  std::uniform_int_distribution<std::int64_t> dist(delay.count() / 2, delay.count());
  return std::chrono::milliseconds(dist(jitter_rng_));
}

}  // namespace hookflow::engine::runner
