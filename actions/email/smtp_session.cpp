#include "smtp_session.hpp"

#include "smtp_error.hpp"
#include "tls.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <openssl/evp.h>

#include <algorithm>
#include <optional>
#include <sstream>

#include <poll.h>

namespace hookflow::actions::email {

/// Poco's session with its protected socket in reach (for STARTTLS and the DATA phase).
class smtp_session::client : public Poco::Net::SMTPClientSession {
 public:
  using SMTPClientSession::SMTPClientSession;
  using SMTPClientSession::socket;
};

namespace {

Poco::Timespan to_timespan(std::chrono::milliseconds ms) {
  return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(ms.count()) * 1000);
}

std::string base64(std::string_view text) {
  std::string out(4 * ((text.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// Multi-line replies arrive joined by '\n'; messages want one line.
std::string one_line(std::string reply) {
  std::replace(reply.begin(), reply.end(), '\n', ' ');
  return reply;
}

// The upper-cased keywords of an EHLO reply, one per line ("STARTTLS", "AUTH PLAIN LOGIN").
std::vector<std::string> ehlo_lines(const std::string& reply) {
  std::vector<std::string> out;
  std::istringstream in(reply);
  for (std::string line; std::getline(in, line);) {
    if (line.size() < 4) continue;
    line = line.substr(4);
    std::transform(line.begin(), line.end(), line.begin(), [](unsigned char c) { return std::toupper(c); });
    out.push_back(line);
  }
  return out;
}

bool offers(const std::string& reply, std::string_view keyword) {
  for (const auto& line : ehlo_lines(reply))
    if (line == keyword || line.starts_with(std::string(keyword) + " ")) return true;
  return false;
}

bool offers_auth(const std::string& reply, std::string_view mechanism) {
  for (const auto& line : ehlo_lines(reply)) {
    if (!line.starts_with("AUTH ") && !line.starts_with("AUTH=")) continue;
    std::istringstream words(line.substr(5));
    for (std::string w; words >> w;)
      if (w == mechanism) return true;
  }
  return false;
}

// The DATA section on the wire (RFC 5321 2.3.8, 4.5.2): lines end with CRLF (a bare CR or LF
// becomes one), a line that starts with "." gets another one, and the message ends with
// CRLF "." CRLF. Built a line at a time and sent in one write, instead of a stream filter
// called per character.
std::string data_section(std::string_view data) {
  std::string out;
  out.reserve(data.size() + data.size() / 32 + 5);
  for (std::size_t i = 0; i < data.size();) {
    if (data[i] == '.') out += '.';
    const std::size_t end = std::min(data.find_first_of("\r\n", i), data.size());
    out.append(data.substr(i, end - i)).append("\r\n");
    i = end + (data.substr(end, 2) == "\r\n" ? 2 : 1);
  }
  out += ".\r\n";
  return out;
}

// RFC 2920: without reading replies, a client may send only what fits in the TCP window. A
// batch (MAIL, every RCPT, DATA) over this size goes one command at a time instead.
constexpr std::size_t max_pipelined_bytes = 4096;

std::size_t pipelined_size(const composed_message& message) {
  std::size_t n = 20 + message.envelope_from.size();
  for (const auto& rcpt : message.recipients) n += 12 + rcpt.size();
  return n;
}

[[noreturn]] void refuse(std::string message) {
  throw smtp_error({sdk::status_code::failed_precondition, std::move(message), false});
}

// Connects with a timeout; for implicit TLS also does the handshake and the host check.
Poco::Net::StreamSocket connect(const session_options& o) {
  Poco::Net::StreamSocket socket;
  socket.connect(Poco::Net::SocketAddress(o.endpoint.host, o.endpoint.port), to_timespan(o.connect_timeout));
  socket.setReceiveTimeout(to_timespan(o.connect_timeout));
  socket.setSendTimeout(to_timespan(o.connect_timeout));
  if (o.endpoint.tls != tls_mode::implicit) return socket;
  auto secure = Poco::Net::SecureStreamSocket::attach(socket, o.endpoint.host, o.tls_context);
  secure.completeHandshake();
  verify_peer_host(secure, o.endpoint.host);
  return secure;
}

}  // namespace

template <class F>
auto smtp_session::within(std::chrono::milliseconds limit, const char* setting, const char* awaited, F&& step) {
  try {
    return step();
  } catch (const Poco::TimeoutException&) {
    // Poco says only "Timeout"; name the wait, the limit and the setting behind it.
    throw smtp_error(sdk::unavailable("timed out after " + std::to_string(limit.count()) + " ms (" + setting + ") " +
                                      awaited + " " + endpoint_.display() + " (will retry)"));
  }
}

smtp_session::smtp_session(const session_options& o)
    : endpoint_(o.endpoint),
      tls_context_(o.tls_context),
      connect_timeout_(o.connect_timeout),
      timeout_(o.timeout),
      reply_timeout_(o.timeout),
      helo_name_(o.helo_name) {
  client_ = std::make_unique<client>(within(connect_timeout_, "connect_timeout_ms",
                                            "connecting (TCP and TLS handshake) to", [&] { return connect(o); }));
  apply_timeout();
  within(timeout_, "timeout_ms", "waiting for the greeting or a set-up reply (EHLO, STARTTLS, AUTH) from", [&] {
    client_->open();  // reads the greeting; throws SMTPException on a non-2xx one
    capabilities_ = ehlo();
    if (endpoint_.tls == tls_mode::starttls || endpoint_.tls == tls_mode::starttls_optional) start_tls();
    authenticate();
  });
  pipelining_ = offers(capabilities_, "PIPELINING");
}

smtp_session::~smtp_session() {
  if (abandoned_) return;
  try {
    client_->socket().setReceiveTimeout(Poco::Timespan(1, 0));
    client_->close();  // QUIT
  } catch (...) {
    // The connection is going away anyway.
  }
}

std::string smtp_session::ehlo() {
  std::string reply;
  int code = client_->sendCommand("EHLO", helo_name_, reply);
  if (code >= 500) code = client_->sendCommand("HELO", helo_name_, reply);
  if (code / 100 != 2) throw smtp_error(reply_status("EHLO", code, one_line(reply)));
  return reply;
}

void smtp_session::start_tls() {
  if (!offers(capabilities_, "STARTTLS")) {
    if (endpoint_.tls == tls_mode::starttls)
      refuse("the server " + endpoint_.display() +
             " does not offer STARTTLS; use tls=starttls-optional to allow an unencrypted connection");
    if (endpoint_.auth != auth_mode::none)
      refuse("the server " + endpoint_.display() +
             " does not offer STARTTLS; refusing to send credentials over an unencrypted connection");
    return;
  }
  std::string reply;
  int code = client_->sendCommand("STARTTLS", reply);
  if (code != 220) throw smtp_error(reply_status("STARTTLS", code, one_line(reply)));
  auto& socket = client_->socket();
  socket.setReceiveTimeout(to_timespan(connect_timeout_));
  // Replacing the socket also drops anything the server sent ahead of the handshake.
  auto secure = within(connect_timeout_, "connect_timeout_ms", "in the TLS handshake after STARTTLS with", [&] {
    auto s = Poco::Net::SecureStreamSocket::attach(socket, endpoint_.host, tls_context_);
    s.completeHandshake();
    return s;
  });
  verify_peer_host(secure, endpoint_.host);  // before any credentials go out
  socket = secure;
  socket.setReceiveTimeout(to_timespan(timeout_));
  capabilities_ = ehlo();
}

void smtp_session::authenticate() {
  if (endpoint_.auth == auth_mode::none) return;
  const char* mechanism = endpoint_.auth == auth_mode::plain ? "PLAIN" : "LOGIN";
  if (!offers_auth(capabilities_, mechanism))
    refuse("the server " + endpoint_.display() + " does not offer AUTH " + mechanism +
           " (set auth=plain or auth=login in smtp_url to what it supports)");
  std::string reply;
  const std::string what = std::string("AUTH ") + mechanism;
  if (endpoint_.auth == auth_mode::plain) {
    int code = client_->sendCommand(
        "AUTH PLAIN " + base64(std::string(1, '\0') + endpoint_.username + std::string(1, '\0') + endpoint_.password),
        reply);
    if (code != 235) throw smtp_error(reply_status(what, code, one_line(reply)));
    return;
  }
  // LOGIN: whatever the challenge texts say, the order is user name, then password.
  int code = client_->sendCommand("AUTH LOGIN", reply);
  if (code == 334) code = client_->sendCommand(base64(endpoint_.username), reply);
  if (code == 334) code = client_->sendCommand(base64(endpoint_.password), reply);
  if (code != 235) throw smtp_error(reply_status(what, code, one_line(reply)));
}

std::string smtp_session::send(const composed_message& message) {
  const char* setting = reply_timeout_ < timeout_ ? "timeout_ms, shortened by the step's deadline" : "timeout_ms";
  auto reply = within(reply_timeout_, setting, "waiting for a reply from", [&] {
    return pipelining_ && pipelined_size(message) <= max_pipelined_bytes ? send_pipelined(message)
                                                                         : send_one_by_one(message);
  });
  used_ = true;
  return reply;
}

template <class F>
auto smtp_session::detect_stale(F&& first_exchange) {
  if (!used_) return first_exchange();
  try {
    auto code = first_exchange();
    if (code == 0) throw stale_session("closed while idle");
    return code;
  } catch (const Poco::Net::NetException&) {
    throw stale_session("closed while idle");
  }
}

std::string smtp_session::send_one_by_one(const composed_message& message) {
  std::string reply;
  int code = detect_stale([&] { return client_->sendCommand("MAIL FROM:<" + message.envelope_from + ">", reply); });
  if (code / 100 != 2) throw smtp_error(reply_status("MAIL FROM", code, one_line(reply)));
  for (const auto& rcpt : message.recipients) {
    code = client_->sendCommand("RCPT TO:<" + rcpt + ">", reply);
    if (code / 100 != 2) throw smtp_error(reply_status("RCPT TO <" + rcpt + ">", code, one_line(reply)));
  }
  code = client_->sendCommand("DATA", reply);
  if (code != 354) throw smtp_error(reply_status("DATA", code, one_line(reply)));
  return send_content(message);
}

std::string smtp_session::send_pipelined(const composed_message& message) {
  auto& socket = client_->socket();
  std::string commands = "MAIL FROM:<" + message.envelope_from + ">\r\n";
  for (const auto& rcpt : message.recipients) commands += "RCPT TO:<" + rcpt + ">\r\n";
  commands += "DATA\r\n";
  // Every reply is read, in order, whatever the earlier ones said; the first refusal counts.
  std::optional<sdk::status> refused;
  std::string reply;
  int code = detect_stale([&] {
    socket.sendString(commands);
    return socket.receiveStatusMessage(reply);
  });
  if (code / 100 != 2) refused = reply_status("MAIL FROM", code, one_line(reply));
  for (const auto& rcpt : message.recipients) {
    code = socket.receiveStatusMessage(reply);
    if (code / 100 != 2 && !refused) refused = reply_status("RCPT TO <" + rcpt + ">", code, one_line(reply));
  }
  code = socket.receiveStatusMessage(reply);
  if (code == 354 && refused) abandon();  // no content, no final ".": the server drops the transaction
  if (refused) throw smtp_error(*refused);
  if (code != 354) throw smtp_error(reply_status("DATA", code, one_line(reply)));
  return send_content(message);
}

std::string smtp_session::send_content(const composed_message& message) {
  const std::string wire = data_section(message.data);
  auto& socket = client_->socket();
  for (std::size_t sent = 0; sent < wire.size();) {
    const int n =
        socket.sendBytes(wire.data() + sent, static_cast<int>(std::min<std::size_t>(wire.size() - sent, 1 << 20)));
    if (n <= 0) throw Poco::Net::NetException("the connection closed while sending the message");
    sent += static_cast<std::size_t>(n);
  }
  std::string reply;
  int code = client_->socket().receiveStatusMessage(reply);
  if (code / 100 != 2) throw smtp_error(reply_status("DATA (end of message)", code, one_line(reply)));
  return one_line(reply);
}

bool smtp_session::alive() noexcept {
  // One poll(2) on the descriptor (TLS or not, the bytes are on it): Poco's Socket::poll sets
  // up and tears down an epoll instance per call, four system calls for every message sent.
  // An error (even EINTR) counts as dead: the pool then opens a fresh session.
  const int fd = client_->socket().impl()->sockfd();
  if (fd < 0) return false;  // closed (abandoned): poll(2) would ignore it and say "nothing"
  pollfd watched{fd, POLLIN, 0};
  return ::poll(&watched, 1, 0) == 0;
}

void smtp_session::abandon() noexcept {
  abandoned_ = true;
  try {
    client_->socket().close();
  } catch (...) {
    // Already closed.
  }
}

void smtp_session::set_timeout(std::chrono::milliseconds timeout) {
  if (timeout == reply_timeout_) return;  // the socket has it already
  reply_timeout_ = timeout;
  apply_timeout();
}

void smtp_session::apply_timeout() {
  client_->socket().setReceiveTimeout(to_timespan(reply_timeout_));
  client_->socket().setSendTimeout(to_timespan(reply_timeout_));
}

}  // namespace hookflow::actions::email
