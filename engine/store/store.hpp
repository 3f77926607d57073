#pragma once
// The engine's persistence seam: workflows, per-workflow trigger state, runs and their steps.
// SQLite (sqlite_store) is the embedded default; the interface is what a shared database
// (PostgreSQL) will implement for several engine nodes.
//
// Threads: every method is thread-safe. Writes are applied in the order they are issued.
// Durability: `insert_run` calls back only after its transaction is committed and on disk; methods that
// return a status are committed when they return; `update_run` and `save_step` are committed
// shortly after (a crash may lose the latest of them, so a resumed run may repeat its last step):
// with the next commit when it is `urgency::waited_for`, else within a few milliseconds, so that
// progress nobody waits for shares one commit and one fsync with the progress of other runs.

#include <hookflow/sdk/services.hpp>
#include <hookflow/sdk/status.hpp>

#include <boost/json/value.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hookflow::engine::store {

namespace sdk = hookflow::sdk;

struct step_record {
  std::string step_id;
  int index = 0;
  sdk::run_state state = sdk::run_state::queued;
  int attempts = 0;
  boost::json::value rendered_config;  // secrets already redacted
  boost::json::value output;
  std::string error;
  std::int64_t started_at_ms = 0;
  std::int64_t finished_at_ms = 0;
};

struct run_record {
  std::string id;
  std::string workflow_id;
  sdk::run_state state = sdk::run_state::queued;
  boost::json::value trigger_data;
  std::string dedup_key;
  std::int64_t created_at_ms = 0;
  std::int64_t started_at_ms = 0;
  std::int64_t finished_at_ms = 0;
  std::string error;
  std::string retry_of;            // id of the run this one replays, if any
  std::vector<step_record> steps;  // filled by get_run and unfinished_runs
};

/// A run to store (state queued), its trigger data already serialized: the caller's thread
/// does that work, not the store's one writer.
struct new_run {
  std::string id;
  std::string workflow_id;
  std::string trigger_json;
  std::string dedup_key;
  std::string retry_of;
  std::int64_t created_at_ms = 0;
};

/// A change of a run's state; fields at 0/empty are left as they are.
struct run_update {
  std::string run_id;
  sdk::run_state state = sdk::run_state::running;
  std::int64_t started_at_ms = 0;
  std::int64_t finished_at_ms = 0;
  std::string error;
};

struct run_query {
  std::string workflow_id;              // empty: all
  std::optional<sdk::run_state> state;  // empty: all
  std::string before;                   // a run id: only runs created before it (pagination)
  int limit = 50;
};

struct workflow_record {
  std::string id;
  std::string definition;  // JSON text as submitted
  std::int64_t updated_at_ms = 0;
};

struct retention {
  std::int64_t max_age_ms = 0;  // 0: no age limit
  std::int64_t max_runs = 0;    // 0: no count limit
};

/// How soon an `update_run` or `save_step` must become durable.
enum class urgency {
  batched,     // nobody waits for it: it may wait a few milliseconds for company
  waited_for,  // a caller waits for its `committed` (a run's result): with the next commit
};

class store {
 public:
  virtual ~store() = default;

  /// Stores a new run durably, then calls `done` (on a store thread). With a
  /// dedup_key already seen for the workflow, stores nothing and returns the first run's id
  /// with `duplicate` set.
  virtual void insert_run(new_run run, std::function<void(sdk::result<sdk::run_receipt>)> done) = 0;
  /// `committed`, when given, is called on a store thread once the change is durable.
  virtual void update_run(run_update update, std::function<void()> committed = nullptr,
                          urgency when = urgency::batched) = 0;
  /// Records a step attempt and, in the same write, an optional change of its run.
  /// `committed`, when given, is called on a store thread once both are durable.
  virtual void save_step(const std::string& run_id, step_record step, std::optional<run_update> run = std::nullopt,
                         std::function<void()> committed = nullptr, urgency when = urgency::batched) = 0;

  virtual sdk::result<run_record> get_run(const std::string& run_id) = 0;
  virtual std::vector<run_record> list_runs(const run_query& query) = 0;
  /// Runs queued or running, oldest first, with their steps: the work to resume after a restart.
  virtual std::vector<run_record> unfinished_runs() = 0;
  /// Deletes finished runs beyond the limits; returns how many were deleted.
  virtual std::int64_t prune(const retention& limits, std::int64_t now_ms) = 0;

  virtual sdk::status put_workflow(const workflow_record& workflow) = 0;
  virtual std::optional<workflow_record> get_workflow(const std::string& id) = 0;
  virtual std::vector<workflow_record> list_workflows() = 0;
  virtual sdk::status delete_workflow(const std::string& id) = 0;

  /// Trigger state, namespaced by owner (the plugin name).
  virtual sdk::result<std::optional<std::string>> state_get(const std::string& owner, const std::string& workflow_id,
                                                            const std::string& key) = 0;
  virtual sdk::status state_put(const std::string& owner, const std::string& workflow_id, const std::string& key,
                                const std::string& value) = 0;
  virtual sdk::status state_erase(const std::string& owner, const std::string& workflow_id, const std::string& key) = 0;

  /// Waits until every write issued so far is durable and its callback has run.
  virtual void flush() = 0;
  /// Ok while writes can be made durable; after a failure that stops them (a failed fsync:
  /// nothing later can be called durable), that error, until the engine restarts.
  virtual sdk::status health() const = 0;
  /// Without waiting: writes issued as `urgency::batched` so far go with the next commit
  /// instead of waiting for company (a caller has come to wait for one of them).
  virtual void commit_soon() = 0;

  /// Callbacks of writes made durable together run one after another on one store thread;
  /// `hook` then runs on that thread after each such batch, so a callback can leave work for
  /// the batch's end (the runner wakes its workers once per batch, not once per run). Null
  /// removes the hook; once this returns, the previous hook is not running and never runs again.
  virtual void set_after_callbacks(std::function<void()> hook) = 0;
};

}  // namespace hookflow::engine::store
