#pragma once
// The plugin settings (`plugins.http_request` of the engine config).

#include <boost/json/object.hpp>

#include <cstdint>
#include <string>

namespace hookflow::plugins::http_request {

struct client_settings {
  std::uint64_t max_response_bytes = 10 * 1024 * 1024;
  /// When false, a URL whose host resolves only to non-public addresses is refused (see
  /// address_policy.hpp). Checked on the resolved addresses the client connects to, so DNS
  /// tricks (a public name pointing at 127.0.0.1) do not get through.
  bool allow_private_networks = true;
  std::string ca_file;  // extra trusted CAs (PEM); empty: the system store only
};

/// `settings` has been validated against plugin_settings_schema() (defaults filled in).
client_settings read_settings(const boost::json::object& settings);

}  // namespace hookflow::plugins::http_request
