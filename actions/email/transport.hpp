#pragma once
// Where composed messages go: an SMTP server (smtp_transport) or the outbox folder
// (outbox_transport).

#include "compose.hpp"

#include <hookflow/sdk/status.hpp>

#include <boost/json/object.hpp>

#include <chrono>

namespace hookflow::actions::email {

/// Threads: `deliver` is called concurrently from several runner threads.
class mail_transport {
 public:
  virtual ~mail_transport() = default;
  /// Returns the step output ({"message_id", "accepted", and "reply" or "file"}), or a status
  /// whose retryable() says whether another attempt may succeed. `deadline`:
  /// time_point{} = none. Never throws.
  virtual sdk::result<boost::json::object> deliver(const composed_message& message,
                                                   std::chrono::steady_clock::time_point deadline) = 0;
};

}  // namespace hookflow::actions::email
