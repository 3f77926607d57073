#include "client_address.hpp"

#include "text.hpp"

namespace hookflow::triggers::webhook {

std::string client_address(std::string_view peer, const std::optional<std::string>& forwarded_for,
                           const ip_filter& trusted_proxies) {
  std::string_view client = peer;
  if (!forwarded_for || !trusted_proxies.contains(client)) return std::string(client);
  std::string_view rest = *forwarded_for;
  while (trusted_proxies.contains(client) && !rest.empty()) {
    const auto comma = rest.rfind(',');
    const auto entry = trim_blanks(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    if (!ip_filter::is_address(entry)) break;
    client = entry;
  }
  return std::string(client);
}

}  // namespace hookflow::triggers::webhook
