#pragma once
// One SMTP connection, ready to send: connected, upgraded to TLS as configured, host name
// checked, authenticated. Speaks the SMTP transaction itself (over Poco's DialogSocket) so
// that every reply is checked and the final reply is kept: Poco's own login can skip AUTH
// LOGIN silently, and its sendMessage drops the server's reply.

#include "compose.hpp"
#include "smtp_url.hpp"

#include <Poco/Net/Context.h>

#include <chrono>
#include <memory>
#include <string>

namespace hookflow::actions::email {

struct session_options {
  smtp_endpoint endpoint;                            // holds the password; never printed
  Poco::Net::Context::Ptr tls_context;               // required unless endpoint.tls is none
  std::chrono::milliseconds connect_timeout{10000};  // TCP connect and TLS handshake
  std::chrono::milliseconds timeout{30000};          // each reply
  std::string helo_name;                             // the name sent with EHLO
};

/// Threads: one thread at a time (the pool lends a session to one sender). Errors: every
/// method but the destructor throws smtp_error or a Poco exception; map them with
/// current_exception_status(). After any exception the session is unusable: drop it.
class smtp_session {
 public:
  /// Connects and prepares the session; see the class comment for the steps.
  explicit smtp_session(const session_options& options);
  ~smtp_session();  // sends QUIT unless abandoned; never throws
  smtp_session(const smtp_session&) = delete;
  smtp_session& operator=(const smtp_session&) = delete;

  /// One transaction (MAIL FROM, RCPT TO each, DATA). Returns the server's final reply.
  std::string send(const composed_message& message);

  /// RSET before reusing an idle session: false if the connection no longer works.
  bool reset() noexcept;

  /// Closes the socket without QUIT (for broken sessions).
  void abandon() noexcept;

  /// Sets the per-reply timeout for the next operations.
  void set_timeout(std::chrono::milliseconds timeout);

 private:
  class client;
  void start_tls();
  void authenticate();
  std::string ehlo();

  smtp_endpoint endpoint_;
  Poco::Net::Context::Ptr tls_context_;
  std::chrono::milliseconds connect_timeout_;
  std::chrono::milliseconds timeout_;
  std::string helo_name_;
  std::unique_ptr<client> client_;
  std::string capabilities_;  // the last EHLO reply
  bool abandoned_ = false;
};

}  // namespace hookflow::actions::email
