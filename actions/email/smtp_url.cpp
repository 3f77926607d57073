#include "smtp_url.hpp"

#include <Poco/URI.h>

#include <charconv>
#include <stdexcept>

namespace hookflow::actions::email {
namespace {

std::string decode(std::string_view text) {
  std::string out;
  try {
    Poco::URI::decode(std::string(text), out);
  } catch (const std::exception&) {
    // Poco's message would quote the text, which may be a password.
    throw std::invalid_argument("smtp_url: bad percent-encoding in the user info or query");
  }
  return out;
}

// The port text is not quoted in the error: in a URL whose '@' is missing, "user:password"
// reads as host and port.
std::uint16_t parse_port(std::string_view text) {
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value == 0 || value > 65535)
    throw std::invalid_argument("smtp_url: the port must be a number from 1 to 65535");
  return static_cast<std::uint16_t>(value);
}

// Splits "host[:port]" or "[v6]:port" into the endpoint.
void parse_host_port(std::string_view hostport, smtp_endpoint& ep) {
  std::string_view port;
  if (hostport.starts_with('[')) {
    auto close = hostport.find(']');
    if (close == std::string_view::npos) throw std::invalid_argument("smtp_url: unterminated IPv6 address");
    ep.host = std::string(hostport.substr(1, close - 1));
    auto rest = hostport.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':')) throw std::invalid_argument("smtp_url: bad host");
    if (!rest.empty()) port = rest.substr(1);
  } else {
    auto colon = hostport.find(':');
    ep.host = std::string(hostport.substr(0, colon));
    if (colon != std::string_view::npos) port = hostport.substr(colon + 1);
  }
  if (ep.host.empty()) throw std::invalid_argument("smtp_url: the host is missing");
  if (!port.empty()) ep.port = parse_port(port);
}

void apply_option(std::string_view key, const std::string& value, smtp_endpoint& ep, bool& auth_given) {
  if (key == "tls") {
    if (value == "none")
      ep.tls = tls_mode::none;
    else if (value == "starttls")
      ep.tls = tls_mode::starttls;
    else if (value == "starttls-optional")
      ep.tls = tls_mode::starttls_optional;
    else if (value == "implicit")
      ep.tls = tls_mode::implicit;
    else
      throw std::invalid_argument("smtp_url: tls must be none, starttls, starttls-optional or implicit");
  } else if (key == "auth") {
    auth_given = true;
    if (value == "none")
      ep.auth = auth_mode::none;
    else if (value == "plain")
      ep.auth = auth_mode::plain;
    else if (value == "login")
      ep.auth = auth_mode::login;
    else
      throw std::invalid_argument("smtp_url: auth must be plain, login or none");
  } else if (key == "timeout_ms") {
    long long ms = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), ms);
    if (ec != std::errc{} || end != value.data() + value.size() || ms <= 0)
      throw std::invalid_argument("smtp_url: timeout_ms must be a positive integer");
    ep.timeout = std::chrono::milliseconds(ms);
  } else {
    throw std::invalid_argument("smtp_url: unknown option \"" + std::string(key) + "\" (known: tls, auth, timeout_ms)");
  }
}

void parse_query(std::string_view query, smtp_endpoint& ep, bool& auth_given) {
  while (!query.empty()) {
    auto amp = query.find('&');
    auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    auto key = pair.substr(0, eq);
    apply_option(key, eq == std::string_view::npos ? std::string() : decode(pair.substr(eq + 1)), ep, auth_given);
  }
}

}  // namespace

const char* to_string(tls_mode mode) noexcept {
  switch (mode) {
    case tls_mode::none: return "none";
    case tls_mode::starttls: return "starttls";
    case tls_mode::starttls_optional: return "starttls-optional";
    case tls_mode::implicit: return "implicit";
  }
  return "unknown";
}

std::string smtp_endpoint::display() const {
  auto h = host.find(':') == std::string::npos ? host : "[" + host + "]";
  return h + ":" + std::to_string(port) + " (tls=" + to_string(tls) + ")";
}

smtp_endpoint parse_smtp_url(std::string_view url) {
  smtp_endpoint ep;
  std::string_view rest;
  if (url.starts_with("smtp://")) {
    rest = url.substr(7);
  } else if (url.starts_with("smtps://")) {
    rest = url.substr(8);
    ep.port = 465;
    ep.tls = tls_mode::implicit;
  } else {
    throw std::invalid_argument("smtp_url: the scheme must be smtp:// or smtps://");
  }
  // The user info ends at the LAST '@': a password may hold '@', '?', '/' or '#' unencoded,
  // and no part after it (host, port, options) may ever quote a piece of it in an error.
  if (auto at = rest.rfind('@'); at != std::string_view::npos) {
    auto userinfo = rest.substr(0, at);
    auto colon = userinfo.find(':');
    ep.username = decode(userinfo.substr(0, colon));
    if (colon != std::string_view::npos) ep.password = decode(userinfo.substr(colon + 1));
    rest = rest.substr(at + 1);
  }
  auto query_at = rest.find('?');
  std::string_view query = query_at == std::string_view::npos ? std::string_view{} : rest.substr(query_at + 1);
  rest = rest.substr(0, query_at);
  auto slash = rest.find('/');
  if (slash != std::string_view::npos && rest.substr(slash) != "/")
    throw std::invalid_argument("smtp_url: a path is not allowed");
  rest = rest.substr(0, slash);
  parse_host_port(rest, ep);
  bool auth_given = false;
  parse_query(query, ep, auth_given);
  if (!auth_given && !ep.username.empty()) ep.auth = auth_mode::plain;
  if (ep.auth != auth_mode::none && ep.username.empty())
    throw std::invalid_argument("smtp_url: auth needs a user name (smtp://user:pass@host)");
  return ep;
}

}  // namespace hookflow::actions::email
