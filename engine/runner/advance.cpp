// Step execution: render, call the action, record, retry or move on.
#include "job.hpp"
#include "runner.hpp"

#include "../workflow/render_step.hpp"

namespace hookflow::engine::runner {
namespace json = boost::json;
using clock = std::chrono::steady_clock;
namespace {

// Calls the plugin; nothing escapes.
sdk::result<json::value> call_action(sdk::action& action, const json::object& config,
                                     const sdk::execution_context& ctx) {
  try {
    return action.execute(config, ctx);
  } catch (const std::exception& e) {
    return sdk::status(sdk::status_code::internal, std::string("action threw: ") + e.what(), false);
  } catch (...) {
    return sdk::status(sdk::status_code::internal, "action threw a non-standard exception", false);
  }
}

}  // namespace

void runner::advance(const std::shared_ptr<job>& j) {
  auto def = lookup_(j->workflow_id);
  if (!def) {
    finish(j, sdk::run_state::failed, "workflow \"" + j->workflow_id + "\" no longer exists");
    return;
  }
  if (!j->started) {
    // Stored with the first step's record: one write per step, not one more per run.
    j->started = true;
    j->run_info.as_object()["started_at"] = now_ms();
  }
  const store::run_update running{
      j->run_id, sdk::run_state::running, j->run_info.at("started_at").to_number<std::int64_t>(), 0, {}};
  json::value workflow_info;  // built when a template first asks for it: most never do
  const template_::root_lookup roots = [&](std::string_view root) -> const json::value* {
    if (root == "$request") return &j->trigger_data;
    if (root == "$steps") return &j->steps;
    if (root == "$run") return &j->run_info;
    if (root == "$workflow") {
      if (workflow_info.is_null()) workflow_info = json::object{{"id", def->id}, {"name", def->name}};
      return &workflow_info;
    }
    return nullptr;
  };

  while (j->next_step < def->steps.size()) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;  // stored progress lets the next start resume here
    }
    const auto& step = def->steps[j->next_step];
    store::step_record record;
    record.step_id = step.id;
    record.index = static_cast<int>(j->next_step);
    record.attempts = j->attempt;
    record.started_at_ms = now_ms();

    auto config = workflow::render_config(step, roots);
    sdk::result<json::value> outcome = sdk::status{};
    if (!config.ok()) {
      outcome = sdk::status(config.error().code(), config.error().message(), false);
    } else {
      sdk::execution_context ctx{j->run_id,        j->workflow_id, step.id, j->attempt, clock::now() + step.timeout,
                                 &action_services_};
      auto began = clock::now();
      outcome = call_action(*step.action, *config, ctx);
      auto took = clock::now() - began;
      if (outcome.ok() && !outcome.value().is_object() && !outcome.value().is_null())
        outcome = sdk::status(sdk::status_code::internal,
                              "the action returned malformed output: a JSON object (or null) is required", false);
      if (outcome.ok() && took > step.timeout)
        outcome = sdk::status(sdk::status_code::deadline_exceeded,
                              "step took " +
                                  std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()) +
                                  " ms, over its timeout of " + std::to_string(step.timeout.count()) + " ms");
      metrics_.observe("step_duration_seconds", {{"action", step.type}}, std::chrono::duration<double>(took).count());
      record.rendered_config = workflow::redact(step, std::move(*config));
    }
    record.finished_at_ms = now_ms();

    if (outcome.ok()) {
      record.state = sdk::run_state::succeeded;
      record.output = outcome.value();
      ++j->next_step;
      j->attempt = 1;
      if (j->next_step < def->steps.size()) j->steps.as_object()[step.id] = outcome.value();  // for the next steps
      j->last_output = std::move(outcome).value();
      if (j->next_step == def->steps.size()) return finish(j, sdk::run_state::succeeded, {}, std::move(record));
      store_.save_step(j->run_id, std::move(record), running);
      continue;
    }
    const auto err = outcome.error();
    record.state = sdk::run_state::failed;
    record.error = err.message();
    metrics_.count("step_failures_total", {{"action", step.type}, {"retryable", err.retryable() ? "true" : "false"}});
    if (err.retryable() && j->attempt < step.retry.max_attempts) {
      store_.save_step(j->run_id, std::move(record), running);
      auto delay = backoff(step.retry, j->attempt + 1);
      log_.info("step will be retried", {{"run_id", j->run_id},
                                         {"step", step.id},
                                         {"attempt", j->attempt},
                                         {"delay_ms", delay.count()},
                                         {"error", err.message()}});
      ++j->attempt;
      std::lock_guard lock(mutex_);
      delayed_.emplace(clock::now() + delay, j);
      timer_cv_.notify_one();
      return;
    }
    finish(j, sdk::run_state::failed,
           "step \"" + step.id + "\" failed after " + std::to_string(j->attempt) +
               (j->attempt == 1 ? " attempt: " : " attempts: ") + err.message(),
           std::move(record));
    return;
  }
  finish(j, sdk::run_state::succeeded, {});  // a resumed run whose steps were all done
}

}  // namespace hookflow::engine::runner
