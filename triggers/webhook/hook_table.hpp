#pragma once
// The bound workflows, indexed by workflow id and by hook id.
// Threads: every method is thread-safe. Entries are immutable snapshots: a change replaces the
// whole entry, so a request that looked one up keeps a consistent view while it is served.

#include "binding_config.hpp"
#include "hook_record.hpp"

#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace hookflow::triggers::webhook {

struct hook_entry {
  std::string workflow_id;
  binding_config config;
  hook_record record;
  std::string signing_key;  // raw HMAC key when config.signature is set and its secret was found
};

class hook_table {
 public:
  /// Adds or replaces the entry of `entry->workflow_id`; its previous hook id stops resolving.
  void put(std::shared_ptr<const hook_entry> entry);
  void erase(const std::string& workflow_id);
  /// Null when unknown.
  std::shared_ptr<const hook_entry> by_hook(const std::string& hook_id) const;
  std::shared_ptr<const hook_entry> by_workflow(const std::string& workflow_id) const;

 private:
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const hook_entry>> by_workflow_;
  std::unordered_map<std::string, std::shared_ptr<const hook_entry>> by_hook_;
};

}  // namespace hookflow::triggers::webhook
