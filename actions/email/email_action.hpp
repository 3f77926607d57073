#pragma once
// The `email.send` action and its factory.

#include "settings.hpp"
#include "transport.hpp"

#include <hookflow/sdk/action.hpp>
#include <hookflow/sdk/registrar.hpp>

#include <memory>

namespace hookflow::actions::email {

/// Threads: execute is reentrant (the transport is thread-safe; everything else is per call).
class email_action final : public sdk::action {
 public:
  email_action(email_settings settings, std::unique_ptr<mail_transport> transport);
  ~email_action() override;

  /// Validates and composes the message from the rendered step config, checks its size, and
  /// hands it to the transport. Output: {"message_id", "accepted", "reply"} (SMTP) or
  /// {"message_id", "accepted", "file"} (outbox). Errors: invalid_argument for bad input (not
  /// retryable); transport errors as described in smtp_error.hpp.
  sdk::result<boost::json::value> execute(const boost::json::object& config,
                                          const sdk::execution_context& ctx) override;

 private:
  email_settings settings_;
  std::unique_ptr<mail_transport> transport_;
};

/// Builds the action from the plugin settings: SMTP when smtp_url or HOOKFLOW_SMTP_URL is
/// set, else the outbox (created here). Errors: invalid_argument for a bad smtp_url or
/// ca_file, unavailable when the outbox folder cannot be created. Logs which mode it uses
/// (never the credentials).
sdk::result<std::unique_ptr<sdk::action>> create_email_action(const sdk::component_context& context);

}  // namespace hookflow::actions::email
