#pragma once
// The `webhook` trigger: one HTTP listener serving every bound workflow at
// <public url>/run/<hook id>. Hook state (id, enabled, auth, secret hashes) is persisted per
// workflow through host_services, so URLs and credentials survive restarts.
// Threads: the sdk::trigger methods are called by the host one at a time; HTTP requests are
// served concurrently on the listener's own io threads.

#include "credentials.hpp"
#include "hook_table.hpp"
#include "request_gate.hpp"
#include "settings.hpp"

#include <hookflow/sdk/services.hpp>
#include <hookflow/sdk/trigger.hpp>

#include <memory>
#include <string>

namespace hookflow::triggers::webhook {

class http_server;

class webhook_trigger final : public sdk::trigger {
 public:
  /// `services` must outlive the trigger.
  webhook_trigger(server_settings settings, sdk::host_services& services);
  ~webhook_trigger() override;

  /// Binds the listener and logs "webhook listening" with fields `url` (public base URL) and
  /// `listen` (bound host:port). Errors: unavailable when the address cannot be bound,
  /// invalid_argument for unusable TLS files.
  sdk::status start() override;
  void stop() override;
  sdk::status bind(const sdk::binding& b) override;
  void unbind(const std::string& workflow_id) override;
  sdk::result<boost::json::object> describe(const std::string& workflow_id) override;
  sdk::result<boost::json::object> command(const std::string& workflow_id, const std::string& name,
                                           const boost::json::object& args) override;
  std::vector<sdk::command_info> commands() const override;

  /// The public base URL (valid after start), e.g. "http://127.0.0.1:8080".
  const std::string& base_url() const noexcept { return base_url_; }
  /// The port actually bound (valid after start).
  std::uint16_t port() const noexcept;

 private:
  std::string hook_url(const hook_record& record) const;
  /// Persists `record` for `entry`'s workflow, then publishes the updated entry.
  sdk::status save(const hook_entry& entry, hook_record record);
  sdk::result<hook_record> load_record(const std::string& workflow_id, const binding_config& config);

  sdk::result<boost::json::object> generate_token(const hook_entry& entry);
  sdk::result<boost::json::object> reset_url(const hook_entry& entry);
  sdk::result<boost::json::object> set_basic_auth(const hook_entry& entry, const boost::json::object& args);
  sdk::result<boost::json::object> clear_auth(const hook_entry& entry);
  sdk::result<boost::json::object> set_enabled(const hook_entry& entry, bool enabled);

  server_settings settings_;
  sdk::host_services& services_;
  hook_table table_;
  password_checker passwords_;
  request_gate gate_;
  std::unique_ptr<http_server> server_;
  std::string base_url_;
};

}  // namespace hookflow::triggers::webhook
