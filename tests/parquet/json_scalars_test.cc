#include "parquet/json_scalars.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

namespace salesflow::parquet {
namespace {

std::string Str(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}
std::string Dbl(double v) {
  std::string out;
  AppendJsonDouble(v, &out);
  return out;
}
std::string Flt(float v) {
  std::string out;
  AppendJsonFloat(v, &out);
  return out;
}
std::string Dec(int64_t unscaled, int32_t scale) {
  std::string out;
  AppendJsonDecimal(unscaled, scale, &out);
  return out;
}

TEST(JsonScalarsTest, StringsEscapeLikePythonJson) {
  EXPECT_EQ(Str("plain"), "\"plain\"");
  EXPECT_EQ(Str("a\"b\\c\nd\te\r\b\f"), "\"a\\\"b\\\\c\\nd\\te\\r\\b\\f\"");
  EXPECT_EQ(Str(std::string_view("\x01\x1f", 2)), "\"\\u0001\\u001f\"");
  EXPECT_EQ(Str("caf\xc3\xa9 \x7f"), "\"caf\xc3\xa9 \x7f\"");
  EXPECT_EQ(Str(std::string_view("\0x", 2)), "\"\\u0000x\"");
}

TEST(JsonScalarsTest, Base64) {
  auto b64 = [](std::string_view s) {
    std::string out;
    AppendJsonBase64(std::span(reinterpret_cast<const uint8_t*>(s.data()), s.size()), &out);
    return out;
  };
  EXPECT_EQ(b64(""), "\"\"");
  EXPECT_EQ(b64("f"), "\"Zg==\"");
  EXPECT_EQ(b64("fo"), "\"Zm8=\"");
  EXPECT_EQ(b64("foo"), "\"Zm9v\"");
  EXPECT_EQ(b64("foobar"), "\"Zm9vYmFy\"");
  EXPECT_EQ(b64("\xff\xfe"), "\"//4=\"");
}

TEST(JsonScalarsTest, FloatsAreShortestRoundTrip) {
  EXPECT_EQ(Dbl(0.1), "0.1");
  EXPECT_EQ(Dbl(100.0), "100");
  EXPECT_EQ(Dbl(1e20), "1e+20");
  EXPECT_EQ(Dbl(0.0001), "1e-04");
  EXPECT_EQ(Dbl(-0.0), "-0");
  EXPECT_EQ(Flt(1.1f), "1.1");
  EXPECT_EQ(Dbl(static_cast<double>(1.1f)), "1.100000023841858");
  EXPECT_EQ(Dbl(std::numeric_limits<double>::quiet_NaN()), "\"NaN\"");
  EXPECT_EQ(Flt(std::numeric_limits<float>::infinity()), "\"Infinity\"");
  EXPECT_EQ(Dbl(-std::numeric_limits<double>::infinity()), "\"-Infinity\"");
}

TEST(JsonScalarsTest, HalfFloats) {
  EXPECT_EQ(HalfToFloat(0x3c00), 1.0f);
  EXPECT_EQ(HalfToFloat(0xc000), -2.0f);
  EXPECT_EQ(HalfToFloat(0x7bff), 65504.0f);
  EXPECT_EQ(HalfToFloat(0x0001), std::ldexp(1.0f, -24));  // smallest subnormal
  EXPECT_EQ(HalfToFloat(0x03ff), std::ldexp(1023.0f, -24));
  EXPECT_TRUE(std::isinf(HalfToFloat(0x7c00)));
  EXPECT_TRUE(std::isnan(HalfToFloat(0x7e00)));
  EXPECT_TRUE(std::signbit(HalfToFloat(0x8000)));
}

TEST(JsonScalarsTest, Decimals) {
  EXPECT_EQ(Dec(179998, 2), "\"1799.98\"");
  EXPECT_EQ(Dec(-5, 2), "\"-0.05\"");
  EXPECT_EQ(Dec(12, 0), "\"12\"");
  EXPECT_EQ(Dec(0, 3), "\"0.000\"");
  EXPECT_EQ(Dec(std::numeric_limits<int64_t>::min(), 1), "\"-922337203685477580.8\"");
  auto bytes = [](std::vector<uint8_t> be, int32_t scale) {
    std::string out;
    EXPECT_TRUE(AppendJsonDecimalBytes(be, scale, &out).ok());
    return out;
  };
  EXPECT_EQ(bytes({0x02, 0xBF, 0x1E}, 2), "\"1799.98\"");  // 179998
  EXPECT_EQ(bytes({0xFF, 0xFF, 0xFB}, 2), "\"-0.05\"");
  EXPECT_EQ(bytes({0x00}, 2), "\"0.00\"");
  EXPECT_EQ(bytes({}, 0), "\"0\"");
  // 2^127 - 1 with scale 10: exceeds int64, exact digits kept.
  std::vector<uint8_t> max128(16, 0xFF);
  max128[0] = 0x7F;
  EXPECT_EQ(bytes(max128, 10), "\"17014118346046923173168730371.5884105727\"");
  std::vector<uint8_t> min128(16, 0x00);
  min128[0] = 0x80;
  EXPECT_EQ(bytes(min128, 0), "\"-170141183460469231731687303715884105728\"");
  std::string out;
  EXPECT_EQ(AppendJsonDecimalBytes(std::vector<uint8_t>(33, 1), 0, &out).code(),
            StatusCode::kCorruption);
}

TEST(JsonScalarsTest, Int96AndTime) {
  // Julian day 2440589 (1970-01-02) and 1.5 s of nanoseconds.
  uint8_t raw[12];
  const int64_t nanos = 1500000000;
  const int32_t day = 2440589;
  std::memcpy(raw, &nanos, 8);
  std::memcpy(raw + 8, &day, 4);
  EXPECT_EQ(Int96ToMicros(raw), 86400000000LL + 1500000);
  std::string t;
  AppendJsonTimeMicros((14 * 3600 + 30 * 60 + 5) * 1000000LL + 7, &t);
  EXPECT_EQ(t, "\"14:30:05.000007\"");
}

}  // namespace
}  // namespace salesflow::parquet
