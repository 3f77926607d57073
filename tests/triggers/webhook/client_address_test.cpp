// Who a request comes from behind reverse proxies (`trusted_proxies`), as allow_ips sees it.
#include "client_address.hpp"

#include <gtest/gtest.h>

namespace hookflow::triggers::webhook {
namespace {

ip_filter filter(std::vector<std::string> blocks) {
  auto f = ip_filter::parse(blocks);
  EXPECT_TRUE(f.ok());
  return std::move(f).value();
}

TEST(ClientAddress, WithoutTrustedProxiesThePeerIsTheClientWhateverTheHeaderSays) {
  EXPECT_EQ(client_address("198.51.100.7", "203.0.113.1", filter({})), "198.51.100.7");
  EXPECT_EQ(client_address("198.51.100.7", std::nullopt, filter({})), "198.51.100.7");
}

TEST(ClientAddress, AnUntrustedPeerCannotChooseItsAddress) {
  EXPECT_EQ(client_address("198.51.100.7", "10.0.0.5", filter({"10.0.0.0/8"})), "198.51.100.7");
}

TEST(ClientAddress, BehindATrustedProxyTheLastForwardedAddressIsTheClient) {
  const auto proxies = filter({"10.0.0.0/8"});
  EXPECT_EQ(client_address("10.0.0.2", "203.0.113.9", proxies), "203.0.113.9");
  // What the client sent itself (left) is not believed: the proxy appended the real peer.
  EXPECT_EQ(client_address("10.0.0.2", "192.0.2.66, 203.0.113.9", proxies), "203.0.113.9");
}

TEST(ClientAddress, SkipsEveryTrustedProxyInAChain) {
  const auto proxies = filter({"10.0.0.0/8", "2001:db8::/32"});
  EXPECT_EQ(client_address("10.0.0.2", " 203.0.113.9 ,10.1.1.1,\t2001:db8::7 ", proxies), "203.0.113.9");
  EXPECT_EQ(client_address("::ffff:10.0.0.2", "2001:db8:1::1", proxies), "2001:db8:1::1");
}

TEST(ClientAddress, AMalformedEntryEndsTheWalkAtTheProxyBeforeIt) {
  const auto proxies = filter({"10.0.0.0/8"});
  EXPECT_EQ(client_address("10.0.0.2", "203.0.113.9:4711", proxies), "10.0.0.2");
  EXPECT_EQ(client_address("10.0.0.2", "203.0.113.9, unknown, 10.3.3.3", proxies), "10.3.3.3");
  EXPECT_EQ(client_address("10.0.0.2", "", proxies), "10.0.0.2");
  EXPECT_EQ(client_address("10.0.0.2", std::nullopt, proxies), "10.0.0.2");
}

TEST(ClientAddress, AChainOfOnlyTrustedProxiesEndsAtTheFirst) {
  EXPECT_EQ(client_address("10.0.0.2", "10.9.9.9, 10.8.8.8", filter({"10.0.0.0/8"})), "10.9.9.9");
}

}  // namespace
}  // namespace hookflow::triggers::webhook
