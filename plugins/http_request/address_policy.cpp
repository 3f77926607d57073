#include "address_policy.hpp"

#include <cstdint>

namespace hookflow::plugins::http_request {
namespace {

bool in(std::uint32_t ip, std::uint32_t network, int prefix) {
  std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix);
  return (ip & mask) == network;
}

bool is_non_public_v4(const boost::asio::ip::address_v4& a) {
  auto ip = a.to_uint();
  return in(ip, 0x00000000, 8) ||   // 0.0.0.0/8 "this network"
         in(ip, 0x0a000000, 8) ||   // 10/8
         in(ip, 0x64400000, 10) ||  // 100.64/10 carrier-grade NAT
         in(ip, 0x7f000000, 8) ||   // 127/8 loopback
         in(ip, 0xa9fe0000, 16) ||  // 169.254/16 link-local, cloud metadata
         in(ip, 0xac100000, 12) ||  // 172.16/12
         in(ip, 0xc0000000, 24) ||  // 192.0.0/24 IETF protocol assignments
         in(ip, 0xc0a80000, 16) ||  // 192.168/16
         in(ip, 0xc6120000, 15) ||  // 198.18/15 benchmarking
         in(ip, 0xe0000000, 4) ||   // 224/4 multicast
         in(ip, 0xf0000000, 4);     // 240/4 reserved, 255.255.255.255 broadcast
}

}  // namespace

bool is_non_public(const boost::asio::ip::address& address) {
  if (address.is_v4()) return is_non_public_v4(address.to_v4());
  const auto v6 = address.to_v6();
  if (v6.is_v4_mapped()) return is_non_public_v4(boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6));
  auto bytes = v6.to_bytes();
  auto embedded = boost::asio::ip::address_v4({bytes[12], bytes[13], bytes[14], bytes[15]});
  constexpr unsigned char nat64[12] = {0x00, 0x64, 0xff, 0x9b};  // 64:ff9b::/96 (RFC 6052)
  bool v4_compatible = true;                                     // ::a.b.c.d (deprecated)
  bool translated = true;
  for (int i = 0; i < 12; ++i) {
    v4_compatible = v4_compatible && bytes[i] == 0;
    translated = translated && bytes[i] == nat64[i];
  }
  if ((v4_compatible && !v6.is_unspecified() && !v6.is_loopback()) || translated) return is_non_public_v4(embedded);
  return v6.is_unspecified() || v6.is_loopback() || v6.is_link_local() || v6.is_site_local() || v6.is_multicast() ||
         (bytes[0] & 0xfe) == 0xfc;  // fc00::/7 unique local
}

}  // namespace hookflow::plugins::http_request
