#pragma once
// Delivery to the configured SMTP server through a session pool.

#include "session_pool.hpp"
#include "settings.hpp"
#include "transport.hpp"

namespace hookflow::actions::email {

class smtp_transport final : public mail_transport {
 public:
  /// Precondition: settings.smtp is set. Throws (Poco exceptions) when ca_file cannot be
  /// loaded; the factory reports that as a configuration error.
  explicit smtp_transport(const email_settings& settings);

  sdk::result<boost::json::object> deliver(const composed_message& message,
                                           std::chrono::steady_clock::time_point deadline) override;

 private:
  /// The per-reply timeout for a message due by `deadline` (none: the epoch): timeout_ms, or
  /// less when the deadline is nearer.
  std::chrono::milliseconds reply_timeout(std::chrono::steady_clock::time_point deadline) const;

  session_options options_;
  std::string server_;  // endpoint display text, for messages
  session_pool pool_;
};

}  // namespace hookflow::actions::email
