#include "engine/runner/run_id.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace hookflow::engine::runner {
namespace {

bool is_crockford(const std::string& id) {
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::string_view("0123456789ABCDEFGHJKMNPQRSTVWXYZ").find(c) != std::string_view::npos;
  });
}

TEST(RunId, IsATwentySixDigitUlid) {
  const auto id = new_run_id();
  EXPECT_EQ(id.size(), 26u);
  EXPECT_TRUE(is_crockford(id)) << id;
  EXPECT_LE(id[0], '7') << "the first digit carries 3 bits";
}

// The random part comes from a buffer of 51 ids: ids drawn across several refills, on several
// threads at once, never repeat.
TEST(RunId, IdsAcrossBufferRefillsAndThreadsAreUnique) {
  constexpr int threads = 4, per_thread = 51 * 20 + 7;
  std::vector<std::vector<std::string>> drawn(threads);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) drawn[t].push_back(new_run_id());
    });
  for (auto& t : pool) t.join();
  std::set<std::string> all;
  for (const auto& ids : drawn) all.insert(ids.begin(), ids.end());
  EXPECT_EQ(all.size(), static_cast<std::size_t>(threads * per_thread));
}

TEST(RunId, LaterMillisecondsSortAfter) {
  const auto first = new_run_id();
  const auto start = std::chrono::system_clock::now();
  while (std::chrono::system_clock::now() - start < std::chrono::milliseconds(2)) {
  }
  EXPECT_LT(first, new_run_id());
}

}  // namespace
}  // namespace hookflow::engine::runner
