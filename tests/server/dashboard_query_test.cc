// Validation of the query parameters every data endpoint shares.
#include <gtest/gtest.h>

#include "server/dashboard_query.h"

namespace salesflow {
namespace {

TEST(DashboardQueryTest, RejectsBadParameters) {
  auto err = [](const QueryParams& p, const std::vector<QueryParamSpec>& specs) {
    auto q = ParseDashboardQuery(p, specs);
    return q.ok() ? std::string("ok") : q.status().message();
  };
  EXPECT_NE(err({{"bogus", "1"}}, FilterParamSpecs()).find("unknown parameter 'bogus'"),
            std::string::npos);
  EXPECT_NE(err({{"period", "2d"}}, FilterParamSpecs()).find("is not one of"), std::string::npos);
  EXPECT_NE(err({{"from", "2024-02-31"}}, FilterParamSpecs()).find("not a date"),
            std::string::npos);
  EXPECT_NE(err({{"from", "2024-12-17"}, {"to", "2024-12-16"}}, FilterParamSpecs())
                .find("must be before"),
            std::string::npos);
  EXPECT_NE(err({{"period", "7d"}, {"from", "2024-12-16"}}, FilterParamSpecs()).find("not both"),
            std::string::npos);
  EXPECT_NE(
      err({{"pays", "France"}, {"pays", "Suisse"}}, FilterParamSpecs()).find("more than once"),
      std::string::npos);
  EXPECT_NE(err({{"pays", "France,,Suisse"}}, FilterParamSpecs()).find("empty value"),
            std::string::npos);
  EXPECT_NE(err({{"limit", "0"}}, ClientsParamSpecs()).find("1 to 100"), std::string::npos);
  EXPECT_NE(err({{"limit", "101"}}, ClientsParamSpecs()).find("1 to 100"), std::string::npos);
  EXPECT_NE(err({{"granularity", "week"}}, TimeseriesParamSpecs()).find("is not one of"),
            std::string::npos);
  EXPECT_NE(err({{"granularity", "day"}}, FilterParamSpecs()).find("unknown parameter"),
            std::string::npos);
  EXPECT_EQ(err({{"from", "2024-12-16T10:00"}, {"to", "2024-12-16"}}, FilterParamSpecs()),
            "'from' (2024-12-16T10:00) must be before 'to' (2024-12-16T00:00)");
}

TEST(DashboardQueryTest, ReadsLocalMinutes) {
  auto m = ParseLocalMinute("2024-12-16T10:05");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(FormatLocalMinute(*m), "2024-12-16T10:05");
  EXPECT_EQ(FormatLocalDay(DayOf(*m)), "2024-12-16");
  EXPECT_FALSE(ParseLocalMinute("2024-12-16 10:05").ok());
  EXPECT_FALSE(ParseLocalMinute("2024-12-16T24:00").ok());
  EXPECT_FALSE(ParseLocalMinute("").ok());
}

}  // namespace
}  // namespace salesflow
