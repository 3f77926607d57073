#include <hookflow/sdk/random.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <thread>
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

TEST(SdkRandom, BufferedBytesAreFreshAcrossRefillsAndThreads) {
  // 100 draws of 10 bytes pass two 512-byte refills; each draw must differ from every other,
  // also from the draws of another thread (a shared or copied buffer would repeat them).
  auto draw = [] {
    std::vector<std::array<unsigned char, 10>> out(100);
    for (auto& d : out) EXPECT_TRUE(hookflow::sdk::buffered_random_bytes(d.data(), d.size()));
    return out;
  };
  auto mine = draw();
  std::vector<std::array<unsigned char, 10>> theirs;
  std::thread([&] { theirs = draw(); }).join();
  mine.insert(mine.end(), theirs.begin(), theirs.end());
  std::sort(mine.begin(), mine.end());
  EXPECT_EQ(std::adjacent_find(mine.begin(), mine.end()), mine.end());
}

TEST(SdkRandom, BufferedRequestsLargerThanTheBufferAreFilled) {
  std::vector<unsigned char> big(4096, 0);
  ASSERT_TRUE(hookflow::sdk::buffered_random_bytes(big.data(), big.size()));
  EXPECT_GT(std::count_if(big.begin(), big.end(), [](unsigned char c) { return c != 0; }), 4000);
  EXPECT_TRUE(hookflow::sdk::buffered_random_bytes(nullptr, 0));
}

}  // namespace
