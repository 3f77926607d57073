#include "hook_table.hpp"

#include <mutex>

namespace hookflow::triggers::webhook {

void hook_table::put(std::shared_ptr<const hook_entry> entry) {
  std::unique_lock lock(mutex_);
  auto it = by_workflow_.find(entry->workflow_id);
  if (it != by_workflow_.end()) by_hook_.erase(it->second->record.hook_id);
  by_hook_[entry->record.hook_id] = entry;
  by_workflow_[entry->workflow_id] = std::move(entry);
}

void hook_table::erase(const std::string& workflow_id) {
  std::unique_lock lock(mutex_);
  auto it = by_workflow_.find(workflow_id);
  if (it == by_workflow_.end()) return;
  by_hook_.erase(it->second->record.hook_id);
  by_workflow_.erase(it);
}

std::shared_ptr<const hook_entry> hook_table::by_hook(const std::string& hook_id) const {
  std::shared_lock lock(mutex_);
  auto it = by_hook_.find(hook_id);
  return it == by_hook_.end() ? nullptr : it->second;
}

std::shared_ptr<const hook_entry> hook_table::by_workflow(const std::string& workflow_id) const {
  std::shared_lock lock(mutex_);
  auto it = by_workflow_.find(workflow_id);
  return it == by_workflow_.end() ? nullptr : it->second;
}

}  // namespace hookflow::triggers::webhook
