#pragma once
// One SMTP connection, ready to send: connected, upgraded to TLS as configured, host name
// checked, authenticated. Speaks the SMTP transaction itself (over Poco's DialogSocket) so
// that every reply is checked and the final reply is kept: Poco's own login can skip AUTH
// LOGIN silently, its sendMessage drops the server's reply, and it cannot pipeline.

#include "compose.hpp"
#include "smtp_url.hpp"

#include <Poco/Net/Context.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

namespace hookflow::actions::email {

/// Thrown by smtp_session::send when a reused connection turns out closed before the server
/// answered anything: nothing was accepted, so the message may go out on a fresh connection.
struct stale_session : std::runtime_error {
  using std::runtime_error::runtime_error;
};

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

  /// One transaction (MAIL FROM, RCPT TO each, DATA). Returns the server's final reply. When
  /// the server offers PIPELINING (RFC 2920) the commands up to DATA go out in one write, so a
  /// message costs two round trips instead of 3 + one per recipient. Should the server refuse
  /// a recipient yet accept DATA, the connection is closed before any content is sent, so no
  /// recipient gets a partial delivery.
  std::string send(const composed_message& message);

  /// Whether an idle session still works, without a round trip: an idle SMTP connection has
  /// nothing to read, so anything readable (a 421 timeout notice, end of stream) means the
  /// server has given it up. After a completed transaction the session is already reset
  /// (RFC 5321 4.1.1.4), so no RSET is needed.
  bool alive() noexcept;

  /// Closes the socket without QUIT (for broken sessions).
  void abandon() noexcept;

  /// Sets the per-reply timeout for the next send() (timeout_ms, or less near a deadline).
  /// The socket is touched (two system calls) only when the value changes.
  void set_timeout(std::chrono::milliseconds timeout);

 private:
  class client;
  void start_tls();
  void authenticate();
  std::string ehlo();
  void apply_timeout();  // reply_timeout_ onto the socket, for receiving and sending
  std::string send_one_by_one(const composed_message& message);
  std::string send_pipelined(const composed_message& message);
  std::string send_content(const composed_message& message);
  /// Runs `first_exchange`; a reused session that fails there (closed, reset, no reply) throws
  /// stale_session instead.
  template <class F>
  auto detect_stale(F&& first_exchange);
  /// Runs `step`; a socket timeout in it throws smtp_error (unavailable, retryable) naming
  /// what was `awaited`, the `limit` and the `setting` that sets it.
  template <class F>
  auto within(std::chrono::milliseconds limit, const char* setting, const char* awaited, F&& step);

  smtp_endpoint endpoint_;
  Poco::Net::Context::Ptr tls_context_;
  std::chrono::milliseconds connect_timeout_;
  std::chrono::milliseconds timeout_;        // timeout_ms, for the set-up replies
  std::chrono::milliseconds reply_timeout_;  // for send(): timeout_ms or less (set_timeout)
  std::string helo_name_;
  std::unique_ptr<client> client_;
  std::string capabilities_;  // the last EHLO reply
  bool pipelining_ = false;   // the server offers PIPELINING
  bool used_ = false;         // a transaction has completed on this connection
  bool abandoned_ = false;
};

}  // namespace hookflow::actions::email
