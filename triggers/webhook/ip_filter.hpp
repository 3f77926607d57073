#pragma once
// Address lists: `allow_ips` of a hook and the plugin's `trusted_proxies` (CIDR blocks such as
// "10.0.0.0/8", "2001:db8::/32", or single addresses). IPv4-mapped IPv6 clients ("::ffff:10.1.2.3") match IPv4 blocks.
// Threads: immutable after construction; safe to share.

#include <hookflow/sdk/status.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hookflow::triggers::webhook {

class ip_filter {
 public:
  /// Errors: invalid_argument naming the first malformed entry.
  static sdk::result<ip_filter> parse(const std::vector<std::string>& blocks);

  /// An empty filter allows every address. An unparsable address is refused by a non-empty one.
  bool allows(std::string_view address) const;
  /// Whether a block holds `address`: never for an empty filter or an unparsable address.
  bool contains(std::string_view address) const;
  bool empty() const noexcept { return blocks_.empty(); }

  /// Whether `text` is one IPv4 or IPv6 address (no port, no prefix).
  static bool is_address(std::string_view text);

 private:
  struct block {
    std::array<std::uint8_t, 16> bytes{};
    bool v4 = false;
    int prefix = 0;
  };
  std::vector<block> blocks_;
};

}  // namespace hookflow::triggers::webhook
