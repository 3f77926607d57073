#include "address_policy.hpp"

#include <gtest/gtest.h>

namespace hookflow::plugins::http_request {
namespace {

bool non_public(const char* text) {
  return is_non_public(boost::asio::ip::make_address(text));
}

TEST(AddressPolicy, RefusesLoopbackPrivateLinkLocalAndSpecialRanges) {
  for (const char* a : {"127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                        "169.254.169.254", "100.64.0.1", "100.127.255.255", "0.0.0.0", "0.1.2.3", "192.0.0.8",
                        "198.18.0.1", "224.0.0.1", "240.0.0.1", "255.255.255.255"})
    EXPECT_TRUE(non_public(a)) << a;
}

TEST(AddressPolicy, RefusesNonPublicIpv6AndEmbeddedIpv4) {
  for (const char* a : {"::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1", "::ffff:127.0.0.1",
                        "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::10.0.0.1", "64:ff9b::a00:1"})
    EXPECT_TRUE(non_public(a)) << a;
}

TEST(AddressPolicy, AllowsPublicAddresses) {
  for (const char* a : {"8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.128.0.1", "169.253.0.1",
                        "192.169.0.1", "2606:4700::1111", "2001:db8::1", "::ffff:8.8.8.8", "64:ff9b::808:808"})
    EXPECT_FALSE(non_public(a)) << a;
}

}  // namespace
}  // namespace hookflow::plugins::http_request
