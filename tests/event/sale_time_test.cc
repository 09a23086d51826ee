#include "event/sale_time.h"

#include <gtest/gtest.h>

namespace salesflow {
namespace {

TEST(SaleTimeTest, DstGapAndOverlapInAZone) {
  auto paris = TimeZone::Find("Europe/Paris");
  ASSERT_TRUE(paris.ok());
  SaleTime t;
  const char* why = nullptr;
  // 2024-03-31 02:30 does not exist in Paris (clocks jump 02:00 -> 03:00).
  ASSERT_TRUE(ParseSaleTime("2024-03-31T02:30:00", *paris, &t, &why));
  EXPECT_TRUE(t.naive());
  // 2024-10-27 02:30 happens twice; the earlier (CEST, UTC+2) is used.
  ASSERT_TRUE(ParseSaleTime("2024-10-27T02:30:00", *paris, &t, &why));
  EXPECT_EQ(t.utc_offset_seconds, 7200);
  EXPECT_EQ(FormatSaleTime(t), "2024-10-27T02:30:00");
}

TEST(SaleTimeTest, ParseFormatRoundTrip) {
  for (std::string_view text :
       {"2024-12-16T14:30:00", "1999-12-31T23:59:59.999999", "2024-12-16T14:30:00Z",
        "2024-12-16T14:30:00.000001+14:00", "2024-12-16T14:30:00-09:30", "1900-01-01T00:00:00",
        "9999-12-31T23:59:59"}) {
    SaleTime t;
    const char* why = nullptr;
    ASSERT_TRUE(ParseSaleTime(text, TimeZone(), &t, &why)) << text << ": " << why;
    EXPECT_EQ(FormatSaleTime(t), text);
  }
}

TEST(SaleTimeTest, NanosecondsAreTruncatedToMicros) {
  SaleTime t;
  const char* why = nullptr;
  ASSERT_TRUE(ParseSaleTime("2024-12-16T14:30:00.123456789", TimeZone(), &t, &why));
  EXPECT_EQ(t.utc_micros % 1000000, 123456);
}

TEST(SaleTimeTest, ReasonsAreSpecific) {
  SaleTime t;
  const char* why = nullptr;
  EXPECT_FALSE(ParseSaleTime("2023-02-29T00:00:00", TimeZone(), &t, &why));
  EXPECT_STREQ(why, "day out of range for the month");
  EXPECT_FALSE(ParseSaleTime("2024-12-16", TimeZone(), &t, &why));
  EXPECT_STREQ(why, "expected 'T' and a time HH:MM:SS after the date");
}

}  // namespace
}  // namespace salesflow
