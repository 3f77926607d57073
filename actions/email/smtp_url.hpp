#pragma once
// Parses the `smtp_url` setting (or HOOKFLOW_SMTP_URL):
//   smtp://[user:pass@]host[:port][?tls=none|starttls|starttls-optional|implicit]
//          [&auth=plain|login|none][&timeout_ms=N]
//   smtps://[user:pass@]host[:port]        (implicit TLS)
// User and password are percent-decoded; the user info ends at the last '@' of the URL, so a
// password may even hold '@', '?' or '/' unencoded. Defaults: smtp port 587 with
// tls=starttls, smtps port 465 with tls=implicit; auth=plain when a user is given, none
// otherwise.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hookflow::actions::email {

enum class tls_mode { none, starttls, starttls_optional, implicit };
enum class auth_mode { none, plain, login };

const char* to_string(tls_mode mode) noexcept;

/// One SMTP server and how to talk to it. Holds the password: never log or print it; use
/// `display()` for messages.
struct smtp_endpoint {
  std::string host;
  std::uint16_t port = 587;
  tls_mode tls = tls_mode::starttls;
  auth_mode auth = auth_mode::none;
  std::string username;
  std::string password;
  std::optional<std::chrono::milliseconds> timeout;  // from the URL's timeout_ms

  /// "host:port (tls=starttls)": safe for logs and errors, no credentials.
  std::string display() const;
};

/// Throws std::invalid_argument with a message that never contains the URL's credentials.
smtp_endpoint parse_smtp_url(std::string_view url);

}  // namespace hookflow::actions::email
