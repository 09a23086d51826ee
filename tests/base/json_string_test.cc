#include "base/json_string.h"

#include <gtest/gtest.h>

namespace salesflow {
namespace {

std::string Quote(std::string_view text, JsonStringStyle style) {
  std::string out;
  AppendJsonString(text, &out, style);
  return out;
}

TEST(JsonStringTest, EscapesQuotesBackslashesAndNamedControls) {
  EXPECT_EQ(Quote("a\"b\\c\n\r\t\b\f", JsonStringStyle::kPython), R"("a\"b\\c\n\r\t\b\f")");
}

TEST(JsonStringTest, Utf8StaysRaw) {
  EXPECT_EQ(Quote("Électronique 李雷", JsonStringStyle::kPython), "\"Électronique 李雷\"");
}

TEST(JsonStringTest, OtherControlsFollowThePeersHexCase) {
  EXPECT_EQ(Quote(std::string_view("\x1f\x01", 2), JsonStringStyle::kPython), R"("\u001f\u0001")");
  EXPECT_EQ(Quote(std::string_view("\x1f\x01", 2), JsonStringStyle::kJackson), R"("\u001F\u0001")");
}

TEST(JsonStringTest, HtmlSafeEscapesAngleBracketsAndAmpersand) {
  EXPECT_EQ(Quote("<a&b>", JsonStringStyle::kHtmlSafe), R"("\u003ca\u0026b\u003e")");
  EXPECT_EQ(Quote("<a&b>", JsonStringStyle::kPython), R"("<a&b>")");
}

}  // namespace
}  // namespace salesflow
