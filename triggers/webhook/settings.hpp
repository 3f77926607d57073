#pragma once
// Plugin-level settings (`plugins.webhook` of the engine config): the listener and its limits.

#include "ip_filter.hpp"

#include <hookflow/sdk/config.hpp>
#include <hookflow/sdk/status.hpp>

#include <boost/json/object.hpp>

#include <chrono>
#include <cstdint>
#include <string>

namespace hookflow::triggers::webhook {

struct server_settings {
  std::string listen_host = "0.0.0.0";  // IPv6 literals without brackets
  std::uint16_t listen_port = 8080;     // 0: any free port
  std::string public_url;               // no trailing '/'; empty: derived from the bound address
  std::uint64_t max_body_bytes = 33554432;
  int io_threads = 2;
  std::size_t max_connections = 10000;
  std::uint32_t header_limit_bytes = 16384;       // request line + headers
  std::chrono::milliseconds read_timeout{30000};  // request line + headers; longest pause in a body
  std::chrono::milliseconds idle_timeout{60000};  // keep-alive wait for the next request
  std::size_t max_pending_auth_checks = 64;       // PBKDF2 checks queued or running
  std::string tls_cert_file;                      // PEM chain; TLS is on when both files are set
  std::string tls_key_file;
  ip_filter trusted_proxies;       // peers whose X-Forwarded-For names the client (client_address.hpp)
  int pbkdf2_iterations = 600000;  // not a setting: tests lower it to stay fast
};

/// The table registered with `registrar::plugin_settings`.
sdk::config_schema settings_schema();

/// `validated` has passed `settings_schema()` (defaults filled in). Errors: invalid_argument
/// for a malformed `listen` or a lone TLS file, as "/field: message".
sdk::result<server_settings> parse_settings(const boost::json::object& validated);

/// "http(s)://<host>:<port>" for a listener bound to `host`:`port`; a wildcard host becomes
/// 127.0.0.1 (or ::1), IPv6 hosts are bracketed.
std::string default_public_url(const std::string& host, std::uint16_t port, bool tls);

}  // namespace hookflow::triggers::webhook
