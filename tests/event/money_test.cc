#include "event/money.h"

#include <gtest/gtest.h>

#include <string>

namespace salesflow {
namespace {

// Parses text expecting success and returns the cents.
int64_t CentsOf(std::string_view text) {
  Cents c(-1);
  CentsError e = ParseCents(text, &c);
  EXPECT_EQ(e, CentsError::kOk) << text << " -> " << CentsErrorName(e);
  return c.value();
}

CentsError ErrorOf(std::string_view text) {
  Cents c;
  return ParseCents(text, &c);
}

TEST(MoneyTest, PlainDecimals) {
  EXPECT_EQ(CentsOf("1799.98"), 179998);
  EXPECT_EQ(CentsOf("12.5"), 1250);
  EXPECT_EQ(CentsOf("12.50"), 1250);
  EXPECT_EQ(CentsOf("30"), 3000);
  EXPECT_EQ(CentsOf("30.0"), 3000);
  EXPECT_EQ(CentsOf("0"), 0);
  EXPECT_EQ(CentsOf("0.0"), 0);
  EXPECT_EQ(CentsOf("0.01"), 1);
  EXPECT_EQ(CentsOf("9.99"), 999);
}

TEST(MoneyTest, PythonFloatNoiseIsRounded) {
  EXPECT_EQ(CentsOf("29.970000000000002"), 2997);
  EXPECT_EQ(CentsOf("0.30000000000000004"), 30);  // 0.1 + 0.2 in Python
  EXPECT_EQ(CentsOf("59.980000000000004"), 5998);
  EXPECT_EQ(CentsOf("2699.9700000000003"), 269997);
  EXPECT_EQ(CentsOf("0.29999999999999999"), 30);  // noise below the cent rounds up
  EXPECT_EQ(CentsOf("179.99999999999997"), 18000);
  EXPECT_EQ(CentsOf("1e-7"), 0);
  EXPECT_EQ(CentsOf("0.000001"), 0);  // exactly the tolerance
  EXPECT_EQ(CentsOf("0.009999"), 1);  // exactly the tolerance below a cent
}

TEST(MoneyTest, RealSubCentAmountsAreRejected) {
  EXPECT_EQ(ErrorOf("12.345"), CentsError::kSubCent);
  EXPECT_EQ(ErrorOf("0.001"), CentsError::kSubCent);
  EXPECT_EQ(ErrorOf("0.0000010000001"), CentsError::kSubCent);  // just past the tolerance
  EXPECT_EQ(ErrorOf("0.0099989"), CentsError::kSubCent);
  EXPECT_EQ(ErrorOf("1.2345e1"), CentsError::kSubCent);
}

TEST(MoneyTest, ExponentFormsAreExact) {
  EXPECT_EQ(CentsOf("1.79998e3"), 179998);
  EXPECT_EQ(CentsOf("1.79998E+3"), 179998);
  EXPECT_EQ(CentsOf("179998e-2"), 179998);
  EXPECT_EQ(CentsOf("1e2"), 10000);
  EXPECT_EQ(CentsOf("0e400"), 0);
  EXPECT_EQ(CentsOf("5e-1"), 50);
  EXPECT_EQ(CentsOf("1e-999999999999"), 0);
}

TEST(MoneyTest, NegativeAndZeroSigns) {
  EXPECT_EQ(ErrorOf("-1"), CentsError::kNegative);
  EXPECT_EQ(ErrorOf("-0.01"), CentsError::kNegative);
  EXPECT_EQ(ErrorOf("-12.345"), CentsError::kNegative);
  EXPECT_EQ(CentsOf("-0"), 0);
  EXPECT_EQ(CentsOf("-0.0"), 0);
  EXPECT_EQ(CentsOf("-1e-9"), 0);  // noise around zero is zero
}

TEST(MoneyTest, HugeValuesAreOutOfRangeNotOverflow) {
  EXPECT_EQ(ErrorOf("1e300"), CentsError::kOutOfRange);
  EXPECT_EQ(ErrorOf("99999999999999999999"), CentsError::kOutOfRange);
  EXPECT_EQ(ErrorOf("1e99999999999999999999"), CentsError::kOutOfRange);
  EXPECT_EQ(ErrorOf("10000000000000000"), CentsError::kOutOfRange);
  EXPECT_EQ(CentsOf("9999999999999999.99"), kMaxCents);
  EXPECT_EQ(ErrorOf("9999999999999999.999999999"), CentsError::kOutOfRange);  // rounds past max
  EXPECT_EQ(ErrorOf("-1e300"), CentsError::kNegative);
}

TEST(MoneyTest, SyntaxFollowsJsonGrammar) {
  for (std::string_view bad : {"", "-", "01", "1.", ".5", "1e", "1e+", "+1", "1.2.3", "0x10", "NaN",
                               "Infinity", "1 ", " 1", "1,5", "--1", "1e5.5"}) {
    EXPECT_EQ(ErrorOf(bad), CentsError::kSyntax) << "'" << bad << "'";
  }
}

TEST(MoneyTest, ParseCentsTextGivesReadableStatus) {
  auto r = ParseCentsText("12.345");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("fraction of a cent"), std::string::npos);
  EXPECT_EQ(ParseCentsText("1799.98").value(), Cents(179998));
}

TEST(MoneyTest, Formatting) {
  EXPECT_EQ(FormatCents(Cents(179998)), "1799.98");
  EXPECT_EQ(FormatCents(Cents(3000)), "30.00");
  EXPECT_EQ(FormatCents(Cents(5)), "0.05");
  EXPECT_EQ(FormatCents(Cents(-5)), "-0.05");
  EXPECT_EQ(FormatCents(Cents(kMaxCents)), "9999999999999999.99");
  std::string s;
  AppendCentsShortest(Cents(179998), &s);
  s += ' ';
  AppendCentsShortest(Cents(1250), &s);
  s += ' ';
  AppendCentsShortest(Cents(3000), &s);
  s += ' ';
  AppendCentsShortest(Cents(0), &s);
  s += ' ';
  AppendCentsShortest(Cents(7), &s);
  EXPECT_EQ(s, "1799.98 12.5 30.0 0.0 0.07");
}

TEST(MoneyTest, FormatThenParseIsIdentity) {
  for (int64_t v : {int64_t{0}, int64_t{1}, int64_t{10}, int64_t{99}, int64_t{100}, int64_t{179998},
                    int64_t{123456789012}, kMaxCents}) {
    std::string s;
    AppendCentsShortest(Cents(v), &s);
    EXPECT_EQ(CentsOf(s), v);
    EXPECT_EQ(CentsOf(FormatCents(Cents(v))), v);
  }
}

}  // namespace
}  // namespace salesflow
