#pragma once
// Where a request goes: the parts of an http:// or https:// URL that the client needs.

#include <hookflow/sdk/status.hpp>

#include <string>
#include <string_view>

namespace hookflow::plugins::http_request {

struct target {
  bool tls = false;
  std::string host;         // name or IP address as connected to and verified (no brackets)
  bool host_is_ip = false;  // an IPv4 or IPv6 literal: no SNI, certificate checked for the IP
  std::string port;         // always set: explicit, or 80 / 443
  std::string host_header;  // Host: value, with the port when it is not the scheme's default
  std::string resource;     // origin-form request target: path (at least "/") and query
  std::string display;      // scheme://host[:port]/path without the query, for messages (a query may
                            // carry an API key)
};

/// Errors: invalid_argument saying what is wrong: not an absolute URL, a scheme other than
/// http/https, no host, user info in the URL (put credentials in `headers`), a bad port.
/// The fragment is dropped. Percent-encoding in the path and query is sent as written.
sdk::result<target> parse_target(std::string_view url);

}  // namespace hookflow::plugins::http_request
