#include "cron.hpp"
#include "iso_time.hpp"

#include <gtest/gtest.h>

namespace hookflow::plugins::schedule {
namespace {

// The first firing of `expression` strictly after `from` (both ISO-8601 UTC).
std::string next(const char* expression, const char* from) {
  auto e = cron_expression::parse(expression);
  if (!e.ok()) return "parse error: " + e.error().message();
  auto t = parse_iso(from);
  if (!t) return std::string("bad test time ") + from;
  return format_iso(e.value().next_after(*t));
}

std::string error(const char* expression) {
  auto e = cron_expression::parse(expression);
  return e.ok() ? "accepted" : e.error().message();
}

TEST(CronNext, IsTheNextWholeMinuteStrictlyAfter) {
  EXPECT_EQ(next("* * * * *", "2026-01-01T10:00:30.000Z"), "2026-01-01T10:01:00.000Z");
  EXPECT_EQ(next("* * * * *", "2026-01-01T10:00:00.000Z"), "2026-01-01T10:01:00.000Z");
  EXPECT_EQ(next("30 10 * * *", "2026-01-01T10:30:00.000Z"), "2026-01-02T10:30:00.000Z");
}

TEST(CronNext, StepsOverWholeFieldsAndRanges) {
  EXPECT_EQ(next("*/15 * * * *", "2026-01-01T00:44:59.000Z"), "2026-01-01T00:45:00.000Z");
  EXPECT_EQ(next("*/15 * * * *", "2026-01-01T00:45:00.000Z"), "2026-01-01T01:00:00.000Z");
  EXPECT_EQ(next("10-30/5 * * * *", "2026-01-01T00:00:00.000Z"), "2026-01-01T00:10:00.000Z");
  EXPECT_EQ(next("10-30/5 * * * *", "2026-01-01T00:26:00.000Z"), "2026-01-01T00:30:00.000Z");
  EXPECT_EQ(next("10-30/5 * * * *", "2026-01-01T00:30:00.000Z"), "2026-01-01T01:10:00.000Z");
  EXPECT_EQ(next("10-33/7 * * * *", "2026-01-01T00:25:00.000Z"), "2026-01-01T00:31:00.000Z");  // 10 17 24 31
  EXPECT_EQ(next("10-33/7 * * * *", "2026-01-01T00:31:00.000Z"), "2026-01-01T01:10:00.000Z");
}

TEST(CronNext, CombinesListsRangesAndSteps) {
  EXPECT_EQ(next("0 9-17/4,20 * * *", "2026-01-01T13:00:00.000Z"), "2026-01-01T17:00:00.000Z");
  EXPECT_EQ(next("0 9-17/4,20 * * *", "2026-01-01T17:00:00.000Z"), "2026-01-01T20:00:00.000Z");
  EXPECT_EQ(next("0 9-17/4,20 * * *", "2026-01-01T20:00:00.000Z"), "2026-01-02T09:00:00.000Z");
  EXPECT_EQ(next("5,1,3 0 * * *", "2026-01-01T00:01:00.000Z"), "2026-01-01T00:03:00.000Z");
}

TEST(CronNext, TakesSundayAsZeroOrSeven) {  // 2026-01-01 is a Thursday
  EXPECT_EQ(next("0 0 * * 0", "2026-01-01T00:00:00.000Z"), "2026-01-04T00:00:00.000Z");
  EXPECT_EQ(next("0 0 * * 7", "2026-01-01T00:00:00.000Z"), "2026-01-04T00:00:00.000Z");
  EXPECT_EQ(next("0 0 * * 5-7", "2026-01-01T00:00:00.000Z"), "2026-01-02T00:00:00.000Z");
  EXPECT_EQ(next("0 0 * * 6-7", "2026-01-03T00:00:00.000Z"), "2026-01-04T00:00:00.000Z");
}

TEST(CronNext, ReadsMonthAndWeekdayNames) {
  EXPECT_EQ(next("0 8 * * MON-FRI", "2026-01-02T08:00:00.000Z"), "2026-01-05T08:00:00.000Z");
  EXPECT_EQ(next("0 0 1 jun,Dec *", "2026-01-01T00:00:00.000Z"), "2026-06-01T00:00:00.000Z");
  EXPECT_EQ(next("0 0 * * sun", "2026-01-01T00:00:00.000Z"), "2026-01-04T00:00:00.000Z");
}

TEST(CronNext, MatchesEitherDayWhenBothDayFieldsAreRestricted) {
  // The 13th or any Friday: Friday 2026-01-02 comes first.
  EXPECT_EQ(next("0 0 13 * 5", "2026-01-01T00:00:00.000Z"), "2026-01-02T00:00:00.000Z");
  EXPECT_EQ(next("0 0 13 * 5", "2026-01-10T00:00:00.000Z"), "2026-01-13T00:00:00.000Z");
}

TEST(CronNext, MatchesBothDaysWhenEitherDayFieldStartsWithAStar) {
  EXPECT_EQ(next("0 0 13 * *", "2026-01-01T00:00:00.000Z"), "2026-01-13T00:00:00.000Z");
  EXPECT_EQ(next("0 0 * * 5", "2026-01-03T00:00:00.000Z"), "2026-01-09T00:00:00.000Z");
  // Vixie cron: "*/10" counts as a star, so days 1, 11, 21, 31 that are also Fridays: 2026-05-01.
  EXPECT_EQ(next("0 0 */10 * 5", "2026-01-01T00:00:00.000Z"), "2026-05-01T00:00:00.000Z");
}

TEST(CronNext, CrossesMonthAndYearEnds) {
  EXPECT_EQ(next("0 0 1 * *", "2026-01-31T23:59:00.000Z"), "2026-02-01T00:00:00.000Z");
  EXPECT_EQ(next("0 0 * * *", "2026-12-31T23:59:59.999Z"), "2027-01-01T00:00:00.000Z");
  EXPECT_EQ(next("30 23 31 12 *", "2026-12-31T23:30:00.000Z"), "2027-12-31T23:30:00.000Z");
  EXPECT_EQ(next("59 23 28-31 2 *", "2026-02-28T23:59:00.000Z"), "2027-02-28T23:59:00.000Z");
}

TEST(CronNext, SkipsMonthsWithoutTheDay) {
  EXPECT_EQ(next("0 0 31 * *", "2026-04-01T00:00:00.000Z"), "2026-05-31T00:00:00.000Z");
  EXPECT_EQ(next("0 0 30 * *", "2026-01-30T00:00:00.000Z"), "2026-03-30T00:00:00.000Z");
}

TEST(CronNext, WaitsForTheNextLeapDay) {
  EXPECT_EQ(next("0 0 29 2 *", "2026-01-01T00:00:00.000Z"), "2028-02-29T00:00:00.000Z");
  EXPECT_EQ(next("0 0 29 2 *", "2096-03-01T00:00:00.000Z"), "2104-02-29T00:00:00.000Z");  // 2100 is no leap year
}

TEST(CronParse, RefusesAWrongNumberOfFields) {
  EXPECT_NE(error("* * * *").find("expected 5 fields"), std::string::npos);
  EXPECT_NE(error("0 * * * * *").find("got 6"), std::string::npos);
  EXPECT_NE(error("").find("got 0"), std::string::npos);
}

TEST(CronParse, RefusesValuesOutOfEachFieldsBounds) {
  EXPECT_EQ(error("60 * * * *"), "cron \"60 * * * *\": minute: 60 is out of range 0-59");
  EXPECT_EQ(error("* 24 * * *"), "cron \"* 24 * * *\": hour: 24 is out of range 0-23");
  EXPECT_EQ(error("* * 0 * *"), "cron \"* * 0 * *\": day-of-month: 0 is out of range 1-31");
  EXPECT_EQ(error("* * 32 * *"), "cron \"* * 32 * *\": day-of-month: 32 is out of range 1-31");
  EXPECT_EQ(error("* * * 0 *"), "cron \"* * * 0 *\": month: 0 is out of range 1-12");
  EXPECT_EQ(error("* * * 13 *"), "cron \"* * * 13 *\": month: 13 is out of range 1-12");
  EXPECT_EQ(error("* * * * 8"), "cron \"* * * * 8\": day-of-week: 8 is out of range 0-7");
  EXPECT_EQ(error("* 1-99999999999 * * *"), "cron \"* 1-99999999999 * * *\": hour: 99999999999 is out of range 0-23");
}

TEST(CronParse, ExplainsMalformedItems) {
  EXPECT_NE(error("5-1 * * * *").find("minute: \"5-1\": the range goes backwards (5 > 1)"), std::string::npos);
  EXPECT_NE(error("*/0 * * * *").find("the step must be at least 1"), std::string::npos);
  EXPECT_NE(error("*/ * * * *").find("missing step"), std::string::npos);
  EXPECT_NE(error("*/x * * * *").find("the step must be a number"), std::string::npos);
  EXPECT_NE(error("5/15 * * * *").find("a step needs a range (write */15 or A-B/15)"), std::string::npos);
  EXPECT_NE(error("a * * * *").find("minute: \"a\" is not a number"), std::string::npos);
  EXPECT_NE(error("1,,2 * * * *").find("empty list item"), std::string::npos);
  EXPECT_NE(error("1- * * * *").find("missing number"), std::string::npos);
  EXPECT_NE(error("* * * * FUN").find("day-of-week: unknown name \"FUN\""), std::string::npos);
  EXPECT_NE(error("* * JAN * *").find("day-of-month: \"JAN\" is not a number"), std::string::npos);
}

TEST(CronParse, RefusesExpressionsThatNeverMatch) {
  EXPECT_NE(error("0 0 30 2 *").find("never matches"), std::string::npos);
  EXPECT_NE(error("0 0 31 4,6,9,11 *").find("never matches"), std::string::npos);
  EXPECT_EQ(error("0 0 30 2 1"), "accepted");  // the 30th OR Mondays: Mondays happen
  EXPECT_EQ(error("0 0 29 2 *"), "accepted");
}

TEST(CronParse, KeepsTheTextAndToleratesExtraSpaces) {
  auto e = cron_expression::parse("  0  12 * * 1 ");
  ASSERT_TRUE(e.ok()) << e.error().message();
  EXPECT_EQ(e.value().text(), "  0  12 * * 1 ");
}

}  // namespace
}  // namespace hookflow::plugins::schedule
