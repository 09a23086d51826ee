#include <gtest/gtest.h>

#include <cstdint>

#include "round_trip.h"

namespace salesflow {
namespace {

// The round-trip tests check placement against this re-implementation of Java's murmur2, so it
// is pinned to published outputs of Kafka's Utils.murmur2 (signed Java ints), as used by other
// clients' compatibility tests (librdkafka's rdmurmur2.c unit test, Akka's Murmur2Spec).
TEST(Murmur2PlacementTest, MatchesJavaMurmur2Outputs) {
  const struct {
    const char* key;
    int32_t java;
  } kCases[] = {
      {"1", -1993445489},     {"12", 126087238},      {"123", -267702483},
      {"1234", -1614185708},  {"12345", -1188365604}, {"21", -973932308},
      {"foobar", -790332482}, {"abc", 479470107},     {"kafka", -798503068},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(static_cast<int32_t>(testing::JavaMurmur2(c.key)), c.java) << c.key;
  }
}

TEST(Murmur2PlacementTest, PartitionIsPositiveHashModuloCount) {
  // toPositive(-1993445489) = -1993445489 & 0x7fffffff = 154038159; 154038159 % 3 = 0.
  EXPECT_EQ(testing::JavaPartitionFor("1", 3), static_cast<int>(154038159 % 3));
  for (int n = 1; n <= 7; ++n) {
    int p = testing::JavaPartitionFor("12345", n);
    EXPECT_GE(p, 0);
    EXPECT_LT(p, n);
  }
}

}  // namespace
}  // namespace salesflow
