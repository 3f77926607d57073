#include "run_id.hpp"

#include <hookflow/sdk/random.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <stdexcept>

namespace hookflow::engine::runner {
namespace {

constexpr std::size_t random_part = 10;  // 80 bits

}  // namespace

std::string new_run_id() {
  static constexpr char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  std::array<unsigned char, 16> bytes{};
  auto ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
  for (int i = 0; i < 6; ++i) bytes[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
  if (!hookflow::sdk::buffered_random_bytes(bytes.data() + 6, random_part))
    throw std::runtime_error("getrandom failed");
  // 128 bits -> 26 base32 digits (the first carries 3 bits).
  std::string out(26, '0');
  unsigned __int128 v = 0;
  for (auto b : bytes) v = (v << 8) | b;
  for (int i = 25; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = alphabet[static_cast<unsigned>(v & 31)];
    v >>= 5;
  }
  return out;
}

}  // namespace hookflow::engine::runner
