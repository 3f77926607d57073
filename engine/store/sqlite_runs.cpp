// sqlite_store: runs and their steps (the history side of the store).
#include "sqlite_store.hpp"

#include "schema.hpp"
#include "sqlite_db.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace hookflow::engine::store {
namespace json = boost::json;
namespace {

sdk::run_state parse_state(const std::string& s) {
  if (s == "queued") return sdk::run_state::queued;
  if (s == "running") return sdk::run_state::running;
  if (s == "succeeded") return sdk::run_state::succeeded;
  return sdk::run_state::failed;
}

json::value parse_or_null(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  return ec ? json::value() : v;
}

constexpr const char* run_columns =
    "id, workflow_id, state, trigger_data, dedup_key, created_at, started_at, finished_at, error, retry_of";

run_record read_run(const statement& st) {
  run_record r;
  r.id = st.text(0);
  r.workflow_id = st.text(1);
  r.state = parse_state(st.text(2));
  r.trigger_data = parse_or_null(st.text(3));
  r.dedup_key = st.text(4);
  r.created_at_ms = st.integer(5);
  r.started_at_ms = st.integer(6);
  r.finished_at_ms = st.integer(7);
  r.error = st.text(8);
  r.retry_of = st.text(9);
  return r;
}

struct pending_insert {
  new_run run;
  sdk::run_receipt receipt;
};

sdk::status apply_insert(connection& db, pending_insert& p) {
  const new_run& r = p.run;
  if (!r.dedup_key.empty()) {
    auto& find = db.prepared(find_duplicate_run_sql);
    find.bind(1, r.workflow_id).bind(2, r.dedup_key);
    const bool seen = find.step();
    if (seen) p.receipt = {find.text(0), true};
    find.reset();
    if (seen) return {};
  }
  p.receipt = {r.id, false};
  db.prepared(
        "INSERT INTO runs (id, workflow_id, state, trigger_data, dedup_key, created_at, retry_of) "
        "VALUES ($1, $2, 'queued', $3, $4, $5, $6)")
      .bind(1, r.id)
      .bind(2, r.workflow_id)
      .bind(3, r.trigger_json)
      .bind(4, r.dedup_key)
      .bind(5, r.created_at_ms)
      .bind(6, r.retry_of)
      .exec();
  return {};
}

}  // namespace

void sqlite_store::insert_run(new_run run, std::function<void(sdk::result<sdk::run_receipt>)> done) {
  const std::size_t bytes = run.trigger_json.size();
  auto p = std::make_shared<pending_insert>(pending_insert{std::move(run), {}});
  enqueue({[p](connection& db) { return apply_insert(db, *p); },
           [p, done = std::move(done)](const sdk::status& st) {
             if (st.ok())
               done(p->receipt);
             else
               done(st);
           },
           bytes});
}

namespace {

void apply_run_update(connection& db, const run_update& u) {
  db.prepared(
        "UPDATE runs SET state = $1, "
        "started_at = CASE WHEN $2 = 0 THEN started_at ELSE $2 END, "
        "finished_at = CASE WHEN $3 = 0 THEN finished_at ELSE $3 END, "
        "error = $4 WHERE id = $5")
      .bind(1, sdk::to_string(u.state))
      .bind(2, u.started_at_ms)
      .bind(3, u.finished_at_ms)
      .bind(4, u.error)
      .bind(5, u.run_id)
      .exec();
}

// A step record with its JSON already serialized (off the writer thread).
struct serialized_step {
  step_record record;
  std::string config;
  std::string output;
};

void apply_step(connection& db, const std::string& run_id, const serialized_step& step) {
  const auto& s = step.record;
  db.prepared(
        "INSERT OR REPLACE INTO steps (run_id, step_id, idx, state, attempts, rendered_config, output, "
        "error, started_at, finished_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
      .bind(1, run_id)
      .bind(2, s.step_id)
      .bind(3, std::int64_t{s.index})
      .bind(4, sdk::to_string(s.state))
      .bind(5, std::int64_t{s.attempts})
      .bind(6, step.config)
      .bind(7, step.output)
      .bind(8, s.error)
      .bind(9, s.started_at_ms)
      .bind(10, s.finished_at_ms)
      .exec();
}

std::function<void(const sdk::status&)> after_commit(std::function<void()> committed) {
  if (!committed) return nullptr;
  return [committed = std::move(committed)](const sdk::status&) { committed(); };
}

}  // namespace

void sqlite_store::update_run(run_update u, std::function<void()> committed, urgency when) {
  enqueue({[u = std::move(u)](connection& db) -> sdk::status {
             apply_run_update(db, u);
             return {};
           },
           after_commit(std::move(committed)), 0, when == urgency::batched});
}

void sqlite_store::save_step(const std::string& run_id, step_record s, std::optional<run_update> run,
                             std::function<void()> committed, urgency when) {
  serialized_step step{{}, json::serialize(s.rendered_config), json::serialize(s.output)};
  s.rendered_config = nullptr;
  s.output = nullptr;
  step.record = std::move(s);
  const std::size_t bytes = step.config.size() + step.output.size();
  enqueue({[run_id, step = std::move(step), run = std::move(run)](connection& db) -> sdk::status {
             apply_step(db, run_id, step);
             if (run) apply_run_update(db, *run);
             return {};
           },
           after_commit(std::move(committed)), bytes, when == urgency::batched});
}

void sqlite_store::load_steps(run_record& run) {
  auto& st = reader_->prepared(
      "SELECT step_id, idx, state, attempts, rendered_config, output, error, started_at, finished_at "
      "FROM steps WHERE run_id = $1 ORDER BY idx");
  st.bind(1, run.id);
  while (st.step()) {
    step_record s;
    s.step_id = st.text(0);
    s.index = static_cast<int>(st.integer(1));
    s.state = parse_state(st.text(2));
    s.attempts = static_cast<int>(st.integer(3));
    s.rendered_config = parse_or_null(st.text(4));
    s.output = parse_or_null(st.text(5));
    s.error = st.text(6);
    s.started_at_ms = st.integer(7);
    s.finished_at_ms = st.integer(8);
    run.steps.push_back(std::move(s));
  }
  st.reset();
}

std::vector<run_record> sqlite_store::query_runs(statement& st) {
  std::vector<run_record> runs;
  while (st.step()) runs.push_back(read_run(st));
  st.reset();
  return runs;
}

sdk::result<run_record> sqlite_store::get_run(const std::string& run_id) {
  std::lock_guard lock(reader_mutex_);
  try {
    static const std::string sql = std::string("SELECT ") + run_columns + " FROM runs WHERE id = $1";
    auto& st = reader_->prepared(sql.c_str());
    st.bind(1, run_id);
    auto runs = query_runs(st);
    if (runs.empty()) return sdk::not_found("no run with id \"" + run_id + "\"");
    load_steps(runs.front());
    return std::move(runs.front());
  } catch (const std::exception& e) {
    return store_error(e);
  }
}

std::vector<run_record> sqlite_store::list_runs(const run_query& q) {
  std::lock_guard lock(reader_mutex_);
  static const std::string sql = std::string("SELECT ") + run_columns +
                                 " FROM runs WHERE ($1 = '' OR workflow_id = $1) AND ($2 = '' OR state = $2) "
                                 "AND ($3 = '' OR seq < (SELECT seq FROM runs WHERE id = $3)) "
                                 "ORDER BY seq DESC LIMIT $4";
  auto& st = reader_->prepared(sql.c_str());
  st.bind(1, q.workflow_id)
      .bind(2, q.state ? sdk::to_string(*q.state) : "")
      .bind(3, q.before)
      .bind(4, std::int64_t{q.limit});
  return query_runs(st);
}

std::vector<run_record> sqlite_store::unfinished_runs() {
  std::lock_guard lock(reader_mutex_);
  static const std::string sql =
      std::string("SELECT ") + run_columns + " FROM runs WHERE state IN ('queued', 'running') ORDER BY seq";
  auto runs = query_runs(reader_->prepared(sql.c_str()));
  for (auto& r : runs) load_steps(r);
  return runs;
}

std::int64_t sqlite_store::prune(const retention& limits, std::int64_t now_ms) {
  // Small batches, each its own transaction: inserts queued meanwhile are not held up.
  constexpr std::int64_t batch = 500;
  std::int64_t total = 0;
  auto run_batches = [&](const char* sql, std::int64_t parameter) {
    while (true) {
      std::int64_t deleted = 0;
      write_and_wait([&](connection& db) -> sdk::status {
        auto& victims = db.prepared(sql);
        victims.bind(1, parameter).bind(2, batch);
        std::vector<std::string> ids;
        while (victims.step()) ids.push_back(victims.text(0));
        victims.reset();
        for (const auto& id : ids) {
          db.prepared("DELETE FROM steps WHERE run_id = $1").bind(1, id).exec();
          db.prepared("DELETE FROM runs WHERE id = $1").bind(1, id).exec();
        }
        deleted = static_cast<std::int64_t>(ids.size());
        return {};
      });
      total += deleted;
      if (deleted < batch) return;
    }
  };
  if (limits.max_age_ms > 0)
    run_batches("SELECT id FROM runs WHERE state IN ('succeeded', 'failed') AND created_at < $1 ORDER BY seq LIMIT $2",
                now_ms - limits.max_age_ms);
  if (limits.max_runs > 0)
    run_batches(
        "SELECT id FROM runs WHERE state IN ('succeeded', 'failed') AND seq <= "
        "(SELECT seq FROM runs ORDER BY seq DESC LIMIT 1 OFFSET $1) ORDER BY seq LIMIT $2",
        limits.max_runs);
  return total;
}

}  // namespace hookflow::engine::store
