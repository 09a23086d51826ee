#include "base/duration.h"

#include <gtest/gtest.h>

namespace salesflow {
namespace {

using std::chrono::microseconds;

TEST(DurationTest, ParsesEveryUnit) {
  EXPECT_EQ(*ParseDuration("750us"), microseconds(750));
  EXPECT_EQ(*ParseDuration("200ms"), microseconds(200000));
  EXPECT_EQ(*ParseDuration("2s"), microseconds(2000000));
  EXPECT_EQ(*ParseDuration("5m"), microseconds(300000000));
  EXPECT_EQ(*ParseDuration("1h"), microseconds(3600000000LL));
  EXPECT_EQ(*ParseDuration("7d"), microseconds(7 * 86400000000LL));
  EXPECT_EQ(*ParseDuration("0"), microseconds(0));
}

TEST(DurationTest, RejectsWithAHint) {
  for (const char* bad : {"", "s", "2", "2 s", "-1s", "1.5s", "3w", "99999999999999999999d"}) {
    Result<microseconds> r = ParseDuration(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_NE(ParseDuration("2").status().message().find("200ms"), std::string::npos);
}

TEST(DurationTest, FormatRoundTrips) {
  for (const char* text : {"750us", "1500ms", "2s", "5m", "1h", "7d"}) {
    EXPECT_EQ(FormatDuration(*ParseDuration(text)), text);
  }
  EXPECT_EQ(FormatDuration(microseconds(120000000)), "2m");
}

}  // namespace
}  // namespace salesflow
