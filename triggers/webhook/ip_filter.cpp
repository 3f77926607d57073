#include "ip_filter.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>
#include <optional>

namespace hookflow::triggers::webhook {

namespace {

struct address {
  std::array<std::uint8_t, 16> bytes{};
  bool v4 = false;
};

std::optional<address> parse_address(std::string_view text) {
  std::string s(text);
  address a;
  if (inet_pton(AF_INET, s.c_str(), a.bytes.data()) == 1) {
    a.v4 = true;
    return a;
  }
  if (inet_pton(AF_INET6, s.c_str(), a.bytes.data()) != 1) return std::nullopt;
  static constexpr std::uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(a.bytes.data(), mapped, 12) == 0) {
    std::memmove(a.bytes.data(), a.bytes.data() + 12, 4);
    std::memset(a.bytes.data() + 4, 0, 12);
    a.v4 = true;
  }
  return a;
}

bool prefix_equal(const std::array<std::uint8_t, 16>& a, const std::array<std::uint8_t, 16>& b, int prefix) {
  int whole = prefix / 8;
  if (std::memcmp(a.data(), b.data(), static_cast<std::size_t>(whole)) != 0) return false;
  int rest = prefix % 8;
  if (rest == 0) return true;
  auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
  return (a[whole] & mask) == (b[whole] & mask);
}

}  // namespace

sdk::result<ip_filter> ip_filter::parse(const std::vector<std::string>& blocks) {
  ip_filter out;
  for (const auto& text : blocks) {
    std::string_view sv = text;
    std::size_t slash = sv.find('/');
    auto addr = parse_address(sv.substr(0, slash));
    if (!addr) return sdk::invalid_argument("\"" + text + "\" is not an IP address or CIDR block");
    int max = addr->v4 ? 32 : 128;
    int prefix = max;
    if (slash != std::string_view::npos) {
      std::string_view digits = sv.substr(slash + 1);
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
      if (ec != std::errc{} || end != digits.data() + digits.size() || prefix < 0 || prefix > max)
        return sdk::invalid_argument("\"" + text + "\" has a bad prefix length");
    }
    out.blocks_.push_back({addr->bytes, addr->v4, prefix});
  }
  return out;
}

bool ip_filter::allows(std::string_view text) const {
  return blocks_.empty() || contains(text);
}

bool ip_filter::contains(std::string_view text) const {
  auto addr = parse_address(text);
  if (!addr) return false;
  for (const auto& b : blocks_)
    if (b.v4 == addr->v4 && prefix_equal(b.bytes, addr->bytes, b.prefix)) return true;
  return false;
}

bool ip_filter::is_address(std::string_view text) {
  return parse_address(text).has_value();
}

}  // namespace hookflow::triggers::webhook
