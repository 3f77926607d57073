#include <hookflow/sdk/random.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <vector>

namespace {

TEST(SdkRandom, FillsEveryRequestedByteWithFreshData) {
  std::vector<unsigned char> a(1 << 20, 0), b(1 << 20, 0);  // larger than one getrandom read
  ASSERT_TRUE(hookflow::sdk::random_bytes(a.data(), a.size()));
  ASSERT_TRUE(hookflow::sdk::random_bytes(b.data(), b.size()));
  EXPECT_NE(a, b);
  // A megabyte of CSPRNG output has every byte value; zero-filled tails would not.
  std::array<bool, 256> seen{};
  for (auto c : std::vector<unsigned char>(a.end() - 4096, a.end())) seen[c] = true;
  EXPECT_GT(std::count(seen.begin(), seen.end(), true), 200);
}

TEST(SdkRandom, AcceptsAnEmptyRequest) {
  EXPECT_TRUE(hookflow::sdk::random_bytes(nullptr, 0));
}

}  // namespace
