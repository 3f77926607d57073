#include "duration.hpp"

#include <gtest/gtest.h>

namespace hookflow::plugins::schedule {
namespace {

using std::chrono::milliseconds;

milliseconds ok(const char* text) {
  auto d = parse_duration(text);
  EXPECT_TRUE(d.ok()) << text << ": " << d.error().message();
  return d.ok() ? d.value() : milliseconds(-1);
}

std::string error(const char* text) {
  auto d = parse_duration(text);
  EXPECT_FALSE(d.ok()) << text << " was accepted";
  return d.ok() ? "" : d.error().message();
}

TEST(Duration, ReadsEachUnit) {
  EXPECT_EQ(ok("250ms"), milliseconds(250));
  EXPECT_EQ(ok("30s"), milliseconds(30'000));
  EXPECT_EQ(ok("5m"), milliseconds(300'000));
  EXPECT_EQ(ok("1h"), milliseconds(3'600'000));
  EXPECT_EQ(ok("2d"), milliseconds(172'800'000));
}

TEST(Duration, AddsPartsFromLargestToSmallest) {
  EXPECT_EQ(ok("1h30m"), milliseconds(5'400'000));
  EXPECT_EQ(ok("1m0s500ms"), milliseconds(60'500));
}

TEST(Duration, AcceptsTheLimitAndRefusesPastIt) {
  EXPECT_EQ(ok("366d"), max_interval);
  EXPECT_NE(error("367d").find("too long"), std::string::npos);
  EXPECT_NE(error("99999999999999999999s").find("too long"), std::string::npos);
}

TEST(Duration, RefusesZeroAndEmpty) {
  EXPECT_NE(error("0s").find("longer than zero"), std::string::npos);
  EXPECT_NE(error("").find("empty"), std::string::npos);
}

TEST(Duration, NamesTheProblemInBadText) {
  EXPECT_NE(error("5x").find("unknown unit \"x\""), std::string::npos);
  EXPECT_NE(error("30").find("needs a unit"), std::string::npos);
  EXPECT_NE(error("m5").find("expected a number"), std::string::npos);
  EXPECT_NE(error("30m1h").find("largest to smallest"), std::string::npos);
  EXPECT_NE(error("1m1m").find("largest to smallest"), std::string::npos);
  EXPECT_NE(error("5 m").find("unknown unit \" m\""), std::string::npos);
  EXPECT_NE(error("-5s").find("expected a number"), std::string::npos);
}

}  // namespace
}  // namespace hookflow::plugins::schedule
