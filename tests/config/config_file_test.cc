#include "config/config_file.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "config/common_settings.h"

namespace salesflow {
namespace {

class ConfigFileTest : public ::testing::Test {
 protected:
  ConfigFileTest() {
    DeclareCommonSettings(registry_);
    registry_.Declare(
        {.key = "produce.rate", .kind = SettingKind::kDouble, .default_value = "0.5"});
    registry_.Declare({.key = "produce.count", .kind = SettingKind::kInt});
    registry_.Declare({.key = "produce.interval", .kind = SettingKind::kDuration});
    registry_.Declare({.key = "produce.progress", .kind = SettingKind::kBool});
  }

  // The error message of parsing `text`, which must fail.
  std::string ErrorOf(std::string_view text) {
    Result<ConfigFile> file = ParseConfigText(text, "salesflow.toml", registry_);
    EXPECT_FALSE(file.ok()) << "parsed: " << text;
    if (file.ok()) return "";
    EXPECT_EQ(file.status().code(), StatusCode::kInvalidArgument);
    return file.status().message();
  }

  SettingRegistry registry_;
};

TEST_F(ConfigFileTest, ExampleFileGivesValuesAndLines) {
  // CTest sets SALESFLOW_SOURCE_DIR; the compile-time path covers running the binary by hand.
  const char* source_dir = std::getenv("SALESFLOW_SOURCE_DIR");
  std::string path = std::string(source_dir != nullptr ? source_dir : SALESFLOW_TEST_SOURCE_DIR) +
                     "/testdata/config/salesflow.toml";
  Result<ConfigFile> file = ReadConfigFile(path, registry_);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->path, path);

  ASSERT_EQ(file->settings.size(), 4u);
  EXPECT_EQ(file->settings[0].key, "data_dir");
  EXPECT_EQ(file->settings[0].value, "/srv/salesflow");
  EXPECT_EQ(file->settings[0].line, 3);
  EXPECT_EQ(file->settings[1].key, "timezone");
  EXPECT_EQ(file->settings[1].line, 4);
  EXPECT_EQ(file->settings[2].key, "kafka.brokers");
  EXPECT_EQ(file->settings[2].value, "broker1:9092,broker2:9092");
  EXPECT_EQ(file->settings[2].line, 7);
  EXPECT_EQ(file->settings[3].key, "kafka.topic");
  EXPECT_EQ(file->settings[3].line, 8);

  // In file order, dotted keys joined back, numbers written out.
  ASSERT_EQ(file->kafka_properties.size(), 5u);
  EXPECT_EQ(file->kafka_properties[0].key, "security.protocol");
  EXPECT_EQ(file->kafka_properties[0].value, "SASL_SSL");
  EXPECT_EQ(file->kafka_properties[0].line, 12);
  EXPECT_EQ(file->kafka_properties[1].key, "sasl.mechanisms");
  EXPECT_EQ(file->kafka_properties[2].key, "sasl.username");
  EXPECT_EQ(file->kafka_properties[3].key, "sasl.password");
  EXPECT_EQ(file->kafka_properties[4].key, "linger.ms");
  EXPECT_EQ(file->kafka_properties[4].value, "5");
  EXPECT_EQ(file->kafka_properties[4].line, 16);
}

TEST_F(ConfigFileTest, SectionsMapToKeyPrefixesAndTypesConvert) {
  Result<ConfigFile> file = ParseConfigText(
      "[produce]\nrate = 12\ncount = 1000\ninterval = \"200ms\"\nprogress = false\n", "x.toml",
      registry_);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ASSERT_EQ(file->settings.size(), 4u);
  EXPECT_EQ(file->settings[0].key, "produce.rate");
  EXPECT_EQ(file->settings[0].value, "12");
  EXPECT_EQ(file->settings[1].value, "1000");
  EXPECT_EQ(file->settings[2].value, "200ms");
  EXPECT_EQ(file->settings[3].value, "false");
  EXPECT_EQ(file->settings[3].line, 5);

  Result<ConfigFile> dotted = ParseConfigText("produce.rate = 0.25\n", "x.toml", registry_);
  ASSERT_TRUE(dotted.ok()) << dotted.status().ToString();
  EXPECT_EQ(dotted->settings.at(0).key, "produce.rate");
  EXPECT_EQ(dotted->settings.at(0).value, "0.25");
}

TEST_F(ConfigFileTest, SyntaxErrorNamesLine) {
  std::string unterminated = ErrorOf("data_dir = \"./data\"\n[kafka]\nbrokers = \"x\n");
  EXPECT_EQ(unterminated.rfind("salesflow.toml:3:", 0), 0u) << unterminated;
  EXPECT_NE(unterminated.find("TOML syntax error: Error while parsing string"), std::string::npos)
      << unterminated;
  std::string message = ErrorOf("[kafka]\nbrokers = \"a\"\nbrokers = \"b\"\n");
  EXPECT_EQ(message.rfind("salesflow.toml:3:", 0), 0u) << message;
}

TEST_F(ConfigFileTest, UnknownKeyNamesLineAndKnownKeys) {
  EXPECT_EQ(ErrorOf("\n[kafka]\nbrokers = \"x\"\nbrokerz = \"y\"\n"),
            "salesflow.toml:4: unknown setting 'kafka.brokerz' (known in [kafka]: brokers, topic, "
            "[properties]); librdkafka properties go under [kafka.properties] (or -X key=value)");
  std::string dotted = ErrorOf("[kafka]\nsecurity.protocol = \"SASL_SSL\"\n");
  EXPECT_EQ(dotted.rfind("salesflow.toml:2: unknown section [kafka.security]", 0), 0u) << dotted;
  EXPECT_NE(dotted.find("go under [kafka.properties]"), std::string::npos) << dotted;
  EXPECT_EQ(ErrorOf("datadir = \"x\"\n"),
            "salesflow.toml:1: unknown setting 'datadir' (known top-level keys: data_dir, "
            "log_level, timezone)");
  EXPECT_EQ(ErrorOf("\n[nosuch]\nkey = 1\n"),
            "salesflow.toml:2: unknown section [nosuch] (known sections: bronze, kafka, produce, "
            "silver)");
}

TEST_F(ConfigFileTest, WrongTypeNamesLineAndExpectedType) {
  EXPECT_EQ(ErrorOf("[produce]\n\ncount = \"1000\"\n"),
            "salesflow.toml:3: produce.count must be an integer, not a string");
  EXPECT_EQ(ErrorOf("[kafka]\nbrokers = 9092\n"),
            "salesflow.toml:2: kafka.brokers must be a string, not an integer");
  EXPECT_EQ(ErrorOf("[produce]\ninterval = 2\n"),
            "salesflow.toml:2: produce.interval must be a duration string such as \"2s\", not an "
            "integer");
  EXPECT_EQ(ErrorOf("[produce]\nprogress = \"yes\"\n"),
            "salesflow.toml:2: produce.progress must be true or false, not a string");
  EXPECT_EQ(ErrorOf("kafka = \"x\"\n"),
            "salesflow.toml:1: unknown setting 'kafka' (known "
            "top-level keys: data_dir, log_level, timezone)");
}

TEST_F(ConfigFileTest, InvalidValueNamesLine) {
  std::string message = ErrorOf("[produce]\ninterval = \"5 minutes\"\n");
  EXPECT_EQ(message.rfind("salesflow.toml:2: produce.interval: duration '5 minutes'", 0), 0u)
      << message;
  message = ErrorOf("timezone = \"Mars/Olympus\"\n");
  EXPECT_EQ(message.rfind("salesflow.toml:1: timezone: unknown time zone 'Mars/Olympus'", 0), 0u)
      << message;
}

TEST_F(ConfigFileTest, PropertiesAcceptScalarsOnly) {
  EXPECT_EQ(ErrorOf("[kafka.properties]\n\"bootstrap.servers\" = [\"a\", \"b\"]\n"),
            "salesflow.toml:2: librdkafka property 'bootstrap.servers' must be a string, number "
            "or boolean, not an array");
  EXPECT_EQ(ErrorOf("[kafka]\nproperties = 3\n"),
            "salesflow.toml:2: [kafka.properties] must be a table of librdkafka properties");
  Result<ConfigFile> file = ParseConfigText(
      "[kafka.properties]\n\"enable.idempotence\" = true\n\"batch.size\" = 1000000\n", "x.toml",
      registry_);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->kafka_properties.at(0).value, "true");
  EXPECT_EQ(file->kafka_properties.at(1).value, "1000000");
}

TEST_F(ConfigFileTest, MissingFileIsNotFound) {
  Result<ConfigFile> file = ReadConfigFile("/nonexistent/salesflow.toml", registry_);
  EXPECT_EQ(file.status().code(), StatusCode::kNotFound);
  EXPECT_NE(file.status().message().find("/nonexistent/salesflow.toml"), std::string::npos);
}

TEST_F(ConfigFileTest, ChoiceIsFlagThenEnvThenExistingDefault) {
  std::filesystem::path dir = ::testing::TempDir();
  std::filesystem::path present = dir / "config_file_test_present.toml";
  std::ofstream(present) << "\n";
  MapEnvironment env({{"SALESFLOW_CONFIG", "/env/salesflow.toml"}});
  MapEnvironment no_env;

  ConfigFileChoice by_flag = ChooseConfigFile(std::string("/flag.toml"), env, present);
  EXPECT_EQ(by_flag.path, "/flag.toml");
  EXPECT_EQ(by_flag.source.ToString(), "flag --config");

  ConfigFileChoice by_env = ChooseConfigFile(std::nullopt, env, present);
  EXPECT_EQ(by_env.path, "/env/salesflow.toml");
  EXPECT_EQ(by_env.source.ToString(), "env SALESFLOW_CONFIG");

  ConfigFileChoice by_default = ChooseConfigFile(std::nullopt, no_env, present);
  EXPECT_EQ(by_default.path, present.string());

  ConfigFileChoice none = ChooseConfigFile(std::nullopt, no_env, dir / "absent.toml");
  EXPECT_FALSE(none.path.has_value());
  std::filesystem::remove(present);
}

}  // namespace
}  // namespace salesflow
