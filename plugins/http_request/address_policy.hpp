#pragma once
// Which addresses a URL may reach when `allow_private_networks` is false (SSRF protection).

#include <boost/asio/ip/address.hpp>

namespace hookflow::plugins::http_request {

/// True for addresses that are not on the public internet: unspecified, loopback, RFC 1918
/// private, carrier-grade NAT (100.64/10), link-local (169.254/16, with the cloud metadata
/// service 169.254.169.254, and fe80::/10), unique-local (fc00::/7), site-local (fec0::/10),
/// multicast, broadcast, "this network" (0/8), reserved (240/4), and IPv6 forms that embed
/// such an IPv4 address (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d).
bool is_non_public(const boost::asio::ip::address& address);

}  // namespace hookflow::plugins::http_request
