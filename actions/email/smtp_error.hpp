#pragma once
// How SMTP and network failures become SDK statuses: the runner retries what may succeed
// later (4xx replies, refused or reset connections, timeouts, TLS handshakes or records
// broken off) and not what cannot (5xx replies, certificate and host name checks,
// authentication failures).

#include <hookflow/sdk/status.hpp>

#include <stdexcept>
#include <string>

namespace hookflow::actions::email {

/// Thrown inside the SMTP code; carries the status to report. Never holds credentials.
class smtp_error : public std::runtime_error {
 public:
  explicit smtp_error(sdk::status status) : std::runtime_error(status.message()), status_(std::move(status)) {}
  const sdk::status& status() const noexcept { return status_; }

 private:
  sdk::status status_;
};

/// An SMTP reply that failed `what` (e.g. "RCPT TO"): 4xx → unavailable (retryable), 5xx →
/// invalid_argument (not retryable). The message holds the server's reply text.
sdk::status reply_status(const std::string& what, int code, const std::string& reply);

/// Maps the exception in flight (call inside a catch block) to a status; `server` names the
/// endpoint for the message. Network errors, timeouts and TLS I/O errors are retryable; a
/// failed certificate check (untrusted chain, wrong host name, unusable ca_file) is not.
sdk::status current_exception_status(const std::string& server);

}  // namespace hookflow::actions::email
