// sqlite_store: workflows and per-workflow trigger state (the catalog side of the store).
#include "sqlite_store.hpp"

#include "sqlite_db.hpp"

namespace hookflow::engine::store {

// --- workflows ------------------------------------------------------------------------------

sdk::status sqlite_store::put_workflow(const workflow_record& w) {
  return write_and_wait([&w](connection& db) -> sdk::status {
    db.prepared("INSERT OR REPLACE INTO workflows (id, definition, updated_at) VALUES ($1, $2, $3)")
        .bind(1, w.id)
        .bind(2, w.definition)
        .bind(3, w.updated_at_ms)
        .exec();
    return {};
  });
}

std::optional<workflow_record> sqlite_store::get_workflow(const std::string& id) {
  std::lock_guard lock(reader_mutex_);
  auto& st = reader_->prepared("SELECT id, definition, updated_at FROM workflows WHERE id = $1");
  st.bind(1, id);
  std::optional<workflow_record> out;
  if (st.step()) out = workflow_record{st.text(0), st.text(1), st.integer(2)};
  st.reset();
  return out;
}

std::vector<workflow_record> sqlite_store::list_workflows() {
  std::lock_guard lock(reader_mutex_);
  auto& st = reader_->prepared("SELECT id, definition, updated_at FROM workflows ORDER BY id");
  std::vector<workflow_record> out;
  while (st.step()) out.push_back({st.text(0), st.text(1), st.integer(2)});
  st.reset();
  return out;
}

sdk::status sqlite_store::delete_workflow(const std::string& id) {
  return write_and_wait([&id](connection& db) -> sdk::status {
    db.prepared("DELETE FROM workflows WHERE id = $1").bind(1, id).exec();
    if (db.changes() == 0) return sdk::not_found("no workflow with id \"" + id + "\"");
    db.prepared("DELETE FROM trigger_state WHERE workflow_id = $1").bind(1, id).exec();
    return {};
  });
}

// --- trigger state --------------------------------------------------------------------------

sdk::result<std::optional<std::string>> sqlite_store::state_get(const std::string& owner,
                                                                const std::string& workflow_id,
                                                                const std::string& key) {
  std::lock_guard lock(reader_mutex_);
  try {
    auto& st = reader_->prepared("SELECT value FROM trigger_state WHERE owner = $1 AND workflow_id = $2 AND key = $3");
    st.bind(1, owner).bind(2, workflow_id).bind(3, key);
    std::optional<std::string> out;
    if (st.step()) out = st.text(0);
    st.reset();
    return out;
  } catch (const std::exception& e) {
    return sdk::unavailable(std::string("store: ") + e.what());
  }
}

sdk::status sqlite_store::state_put(const std::string& owner, const std::string& workflow_id, const std::string& key,
                                    const std::string& value) {
  return write_and_wait([&](connection& db) -> sdk::status {
    db.prepared("INSERT OR REPLACE INTO trigger_state (owner, workflow_id, key, value) VALUES ($1, $2, $3, $4)")
        .bind(1, owner)
        .bind(2, workflow_id)
        .bind(3, key)
        .bind(4, value)
        .exec();
    return {};
  });
}

sdk::status sqlite_store::state_erase(const std::string& owner, const std::string& workflow_id,
                                      const std::string& key) {
  return write_and_wait([&](connection& db) -> sdk::status {
    db.prepared("DELETE FROM trigger_state WHERE owner = $1 AND workflow_id = $2 AND key = $3")
        .bind(1, owner)
        .bind(2, workflow_id)
        .bind(3, key)
        .exec();
    return {};
  });
}

}  // namespace hookflow::engine::store
