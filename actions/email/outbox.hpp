#pragma once
// Outbox mode: with no SMTP server configured, each message becomes an RFC 5322 `.eml` file
// in the outbox folder, so workflows "send" mail out of the box.

#include "transport.hpp"

#include <filesystem>

namespace hookflow::actions::email {

/// Files are named `<UTC yyyymmddThhmmss>-<random>.eml` and appear atomically: written to a
/// hidden `.tmp` file in the same folder, flushed, then renamed, so a reader never sees half
/// a message. Threads: deliver is safe to call concurrently (names are random).
class outbox_transport final : public mail_transport {
 public:
  /// Creates the folder; throws std::filesystem::filesystem_error if it cannot.
  explicit outbox_transport(std::filesystem::path dir);

  /// Errors: `unavailable` (retryable) when the file cannot be written (disk full...).
  sdk::result<boost::json::object> deliver(const composed_message& message,
                                           std::chrono::steady_clock::time_point deadline) override;

  const std::filesystem::path& dir() const noexcept { return dir_; }

 private:
  std::filesystem::path dir_;
};

}  // namespace hookflow::actions::email
