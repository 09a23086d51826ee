#include "config/setting_spec.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "config/setting_registry.h"

namespace salesflow {
namespace {

SettingSpec Spec(SettingKind kind) {
  return {.key = "test.value", .kind = kind};
}

TEST(SettingSpecTest, EnvNameIsUpperCasedWithUnderscores) {
  EXPECT_EQ(SalesflowEnvName("kafka.brokers"), "SALESFLOW_KAFKA_BROKERS");
  EXPECT_EQ(SalesflowEnvName("data_dir"), "SALESFLOW_DATA_DIR");
  EXPECT_EQ(SalesflowEnvName("bronze.rejects-table"), "SALESFLOW_BRONZE_REJECTS_TABLE");
}

TEST(SettingSpecTest, SalesflowNameComesBeforeLegacyNames) {
  SettingSpec spec{.key = "kafka.brokers", .env = {"KAFKA_SERVER", "SALESFLOW_KAFKA_BROKERS"}};
  EXPECT_EQ(EnvNamesFor(spec),
            (std::vector<std::string>{"SALESFLOW_KAFKA_BROKERS", "KAFKA_SERVER"}));
}

TEST(SettingSpecTest, IntegersParseWholeText) {
  EXPECT_EQ(*ParseSettingInt("1000"), 1000);
  EXPECT_EQ(*ParseSettingInt("-3"), -3);
  EXPECT_EQ(*ParseSettingInt("+7"), 7);
  EXPECT_FALSE(ParseSettingInt("12x").ok());
  EXPECT_FALSE(ParseSettingInt("").ok());
  EXPECT_FALSE(ParseSettingInt("1.5").ok());
  Result<int64_t> huge = ParseSettingInt("99999999999999999999");
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.status().message().find("out of range"), std::string::npos);
}

TEST(SettingSpecTest, DoublesRejectNoiseAndInfinity) {
  EXPECT_DOUBLE_EQ(*ParseSettingDouble("0.5"), 0.5);
  EXPECT_DOUBLE_EQ(*ParseSettingDouble("10"), 10.0);
  Result<double> bad = ParseSettingDouble("fast");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "not a number: 'fast'");
  EXPECT_FALSE(ParseSettingDouble("inf").ok());
  EXPECT_FALSE(ParseSettingDouble("1.5s").ok());
}

TEST(SettingSpecTest, BooleansAcceptUsualSpellings) {
  for (const char* yes : {"true", "TRUE", "1", "yes", "on"}) EXPECT_TRUE(*ParseSettingBool(yes));
  for (const char* no : {"false", "0", "No", "off"}) EXPECT_FALSE(*ParseSettingBool(no));
  EXPECT_FALSE(ParseSettingBool("maybe").ok());
}

TEST(SettingSpecTest, DurationsUseBaseSyntax) {
  SettingSpec spec = Spec(SettingKind::kDuration);
  EXPECT_TRUE(ValidateSettingText(spec, "200ms").ok());
  EXPECT_TRUE(ValidateSettingText(spec, "5m").ok());
  EXPECT_TRUE(ValidateSettingText(spec, "0").ok());
  Status no_unit = ValidateSettingText(spec, "2");
  EXPECT_EQ(no_unit.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(no_unit.message().find("needs a unit"), std::string::npos) << no_unit.message();
  EXPECT_FALSE(ValidateSettingText(spec, "2 s").ok());
  EXPECT_FALSE(ValidateSettingText(spec, "1.5s").ok());
}

TEST(SettingSpecTest, TimeZonesMustBeIana) {
  SettingSpec spec = Spec(SettingKind::kTimeZone);
  EXPECT_TRUE(ValidateSettingText(spec, "UTC").ok());
  EXPECT_TRUE(ValidateSettingText(spec, "Europe/Paris").ok());
  Status bad = ValidateSettingText(spec, "Europe/Atlantis");
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.message().find("Europe/Atlantis"), std::string::npos) << bad.message();
}

TEST(SettingSpecTest, ChoicesRestrictStrings) {
  SettingSpec spec{.key = "log_level", .choices = {"info", "debug"}};
  EXPECT_TRUE(ValidateSettingText(spec, "debug").ok());
  EXPECT_EQ(ValidateSettingText(spec, "loud").message(), "'loud' is not one of: info, debug");
}

TEST(SettingSpecTest, RegistryAcceptsIdenticalRedeclarationOnly) {
  SettingRegistry registry;
  registry.Declare({.key = "a.b", .kind = SettingKind::kInt, .default_value = "1"});
  registry.Declare({.key = "a.b", .kind = SettingKind::kInt, .default_value = "1"});
  EXPECT_THROW(registry.Declare({.key = "a.b", .kind = SettingKind::kInt, .default_value = "2"}),
               std::logic_error);
  EXPECT_THROW(registry.Declare({.key = "a.b", .kind = SettingKind::kDouble, .default_value = "1"}),
               std::logic_error);
  EXPECT_TRUE(registry.IsSection("a"));
  EXPECT_FALSE(registry.IsSection("a.b"));
  EXPECT_FALSE(registry.IsSection("b"));
}

TEST(SettingSpecTest, RegistryRejectsInvalidDefault) {
  SettingRegistry registry;
  EXPECT_THROW(
      registry.Declare({.key = "x.wait", .kind = SettingKind::kDuration, .default_value = "2"}),
      std::logic_error);
  EXPECT_EQ(registry.Find("x.wait"), nullptr);
}

}  // namespace
}  // namespace salesflow
