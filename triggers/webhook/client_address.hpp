#pragma once
// The address a request comes from, as a hook's `allow_ips` checks it, behind reverse proxies.

#include "ip_filter.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace hookflow::triggers::webhook {

/// The TCP peer, unless the peer is one of `trusted_proxies`: then X-Forwarded-For (each proxy
/// appends the address it received the request from) is read from its right end, skipping
/// trusted proxies, and the first address that is not one is the client. An entry that is not
/// a plain IP address (a port, "unknown", garbage) ends the walk: the last address reached
/// counts, a trusted proxy's, which `allow_ips` then judges. A peer that is not trusted cannot
/// choose its address: its header is ignored.
std::string client_address(std::string_view peer, const std::optional<std::string>& forwarded_for,
                           const ip_filter& trusted_proxies);

}  // namespace hookflow::triggers::webhook
