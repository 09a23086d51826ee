#include "config/config.h"

#include <gtest/gtest.h>

#include <string>

namespace salesflow {
namespace {

// A registry with the common settings and two of a pretend `produce` command.
SettingRegistry TestRegistry() {
  SettingRegistry registry;
  DeclareCommonSettings(registry);
  registry.Declare({.key = "produce.rate", .kind = SettingKind::kDouble, .default_value = "0.5"});
  registry.Declare({.key = "produce.interval", .kind = SettingKind::kDuration});
  return registry;
}

ConfigFile ParseOrDie(std::string_view text, const SettingRegistry& registry) {
  Result<ConfigFile> file = ParseConfigText(text, "test.toml", registry);
  EXPECT_TRUE(file.ok()) << file.status().ToString();
  return std::move(file).value();
}

TEST(ConfigTest, DefaultsApplyWhenNothingElseIsGiven) {
  SettingRegistry registry = TestRegistry();
  MapEnvironment env;
  Config config = ResolveConfig(registry, {.env = &env});
  EXPECT_EQ(*config.GetString(settings::kKafkaBrokers), "localhost:9092");
  EXPECT_EQ(*config.GetString(settings::kKafkaTopic), "ventes_stream");
  EXPECT_EQ(*config.GetString(settings::kDataDir), "./data");
  EXPECT_EQ(*config.GetString(settings::kSilverTable), "delta_silver_aggreges");
  EXPECT_EQ(config.GetTimeZone(settings::kTimeZone)->name(), "UTC");
  EXPECT_EQ(config.Find(settings::kKafkaBrokers)->source, SettingSource::Default());
  EXPECT_FALSE(config.IsSet("produce.interval"));
}

// Each layer is added in turn; every key reports the layer that set it.
TEST(ConfigTest, FlagBeatsEnvBeatsFileBeatsDefault) {
  SettingRegistry registry = TestRegistry();
  ConfigFile file = ParseOrDie(
      "data_dir = \"/file/data\"\n"
      "[kafka]\n"
      "brokers = \"file:9092\"\n"
      "topic = \"file_topic\"\n"
      "[produce]\n"
      "rate = 2.5\n",
      registry);
  MapEnvironment env({{"KAFKA_SERVER", "env:9092"}, {"SALESFLOW_PRODUCE_RATE", "7"}});
  Config config = ResolveConfig(
      registry, {.env = &env, .file = &file, .flags = {{"produce.rate", "10", "--rate"}}});

  EXPECT_EQ(*config.GetDouble("produce.rate"), 10.0);
  EXPECT_EQ(config.Find("produce.rate")->source, SettingSource::Flag("--rate"));
  EXPECT_EQ(config.Find("produce.rate")->source.ToString(), "flag --rate");

  EXPECT_EQ(*config.GetString(settings::kKafkaBrokers), "env:9092");
  EXPECT_EQ(config.Find(settings::kKafkaBrokers)->source.ToString(), "env KAFKA_SERVER");

  EXPECT_EQ(*config.GetString(settings::kKafkaTopic), "file_topic");
  EXPECT_EQ(config.Find(settings::kKafkaTopic)->source.ToString(), "file test.toml:4");
  EXPECT_EQ(*config.GetString(settings::kDataDir), "/file/data");
  EXPECT_EQ(config.Find(settings::kDataDir)->source.ToString(), "file test.toml:1");

  EXPECT_EQ(*config.GetString(settings::kSilverTable), "delta_silver_aggreges");
  EXPECT_EQ(config.Find(settings::kSilverTable)->source.ToString(), "default");

  // Without the flag the environment wins over the file for produce.rate.
  Config no_flag = ResolveConfig(registry, {.env = &env, .file = &file});
  EXPECT_EQ(*no_flag.GetDouble("produce.rate"), 7.0);
  EXPECT_EQ(no_flag.Find("produce.rate")->source.ToString(), "env SALESFLOW_PRODUCE_RATE");
  // Without the environment the file wins over the default.
  MapEnvironment empty;
  Config file_only = ResolveConfig(registry, {.env = &empty, .file = &file});
  EXPECT_EQ(*file_only.GetDouble("produce.rate"), 2.5);
  EXPECT_EQ(file_only.Find("produce.rate")->source.ToString(), "file test.toml:6");
}

TEST(ConfigTest, SalesflowVariableBeatsLegacyVariable) {
  SettingRegistry registry = TestRegistry();
  MapEnvironment env({{"KAFKA_SERVER", "legacy:9092"},
                      {"SALESFLOW_KAFKA_BROKERS", "new:9092"},
                      {"KAFKA_TOPIC", "legacy_topic"},
                      {"SILVER_PATH", "/silver"}});
  Config config = ResolveConfig(registry, {.env = &env});
  EXPECT_EQ(*config.GetString(settings::kKafkaBrokers), "new:9092");
  EXPECT_EQ(config.Find(settings::kKafkaBrokers)->source.ToString(), "env SALESFLOW_KAFKA_BROKERS");
  EXPECT_EQ(*config.GetString(settings::kKafkaTopic), "legacy_topic");
  EXPECT_EQ(config.Find(settings::kSilverTable)->source.ToString(), "env SILVER_PATH");
  EXPECT_EQ(*config.TablePath(settings::kSilverTable), std::filesystem::path("/silver"));
}

TEST(ConfigTest, EmptyVariableCountsAsUnset) {
  SettingRegistry registry = TestRegistry();
  MapEnvironment env({{"KAFKA_SERVER", ""}});
  Config config = ResolveConfig(registry, {.env = &env});
  EXPECT_EQ(config.Find(settings::kKafkaBrokers)->source, SettingSource::Default());
}

TEST(ConfigTest, LaterFlagForTheSameKeyWins) {
  SettingRegistry registry = TestRegistry();
  MapEnvironment env;
  Config config = ResolveConfig(
      registry,
      {.env = &env, .flags = {{"produce.rate", "1", "--rate"}, {"produce.rate", "3", "-r"}}});
  EXPECT_EQ(*config.GetDouble("produce.rate"), 3.0);
  EXPECT_EQ(config.Find("produce.rate")->source.ToString(), "flag -r");
}

TEST(ConfigTest, BadValueErrorNamesSettingAndSource) {
  SettingRegistry registry = TestRegistry();
  MapEnvironment env({{"SALESFLOW_PRODUCE_RATE", "fast"}, {"SALESFLOW_PRODUCE_INTERVAL", "2"}});
  Config config = ResolveConfig(registry, {.env = &env});
  Result<double> rate = config.GetDouble("produce.rate");
  ASSERT_FALSE(rate.ok());
  EXPECT_EQ(rate.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(rate.status().message(),
            "produce.rate from env SALESFLOW_PRODUCE_RATE: not a number: 'fast'");

  Status validated = config.Validate({"data_dir", "produce.interval"});
  EXPECT_EQ(validated.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(validated.message().rfind("produce.interval from env SALESFLOW_PRODUCE_INTERVAL: ", 0),
            0u)
      << validated.message();
  EXPECT_TRUE(config.Validate({"data_dir", "kafka.brokers"}).ok());
}

TEST(ConfigTest, TimeZoneFromFlagIsValidated) {
  SettingRegistry registry = TestRegistry();
  MapEnvironment env;
  Config good =
      ResolveConfig(registry, {.env = &env, .flags = {{"timezone", "Europe/Paris", "--timezone"}}});
  ASSERT_TRUE(good.GetTimeZone(settings::kTimeZone).ok());
  EXPECT_EQ(good.GetTimeZone(settings::kTimeZone)->name(), "Europe/Paris");
  EXPECT_FALSE(good.GetTimeZone(settings::kTimeZone)->is_utc());

  Config bad =
      ResolveConfig(registry, {.env = &env, .flags = {{"timezone", "Paris", "--timezone"}}});
  Status status = bad.GetTimeZone(settings::kTimeZone).status();
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message().rfind("timezone from flag --timezone: unknown time zone 'Paris'", 0),
            0u)
      << status.message();
}

TEST(ConfigTest, DurationGetterReturnsMicroseconds) {
  SettingRegistry registry = TestRegistry();
  MapEnvironment env({{"SALESFLOW_PRODUCE_INTERVAL", "200ms"}});
  Config config = ResolveConfig(registry, {.env = &env});
  EXPECT_EQ(*config.GetDuration("produce.interval"), std::chrono::milliseconds(200));
}

TEST(ConfigTest, GetterMisuseIsReported) {
  SettingRegistry registry = TestRegistry();
  MapEnvironment env;
  Config config = ResolveConfig(registry, {.env = &env});
  EXPECT_EQ(config.GetInt("produce.rate").status().code(), StatusCode::kInternal);
  EXPECT_EQ(config.GetString("nope.nothing").status().code(), StatusCode::kInternal);
  Status unset = config.GetDuration("produce.interval").status();
  EXPECT_EQ(unset.code(), StatusCode::kNotFound);
  EXPECT_NE(unset.message().find("SALESFLOW_PRODUCE_INTERVAL"), std::string::npos);
}

TEST(ConfigTest, FlagForUndeclaredKeyIsABug) {
  SettingRegistry registry = TestRegistry();
  MapEnvironment env;
  EXPECT_THROW(ResolveConfig(registry, {.env = &env, .flags = {{"produce.rat", "1", "--rat"}}}),
               std::logic_error);
}

TEST(ConfigTest, CliPropertiesOverrideFilePropertiesInPlace) {
  SettingRegistry registry = TestRegistry();
  ConfigFile file = ParseOrDie(
      "[kafka.properties]\n"
      "\"security.protocol\" = \"SASL_SSL\"\n"
      "\"sasl.mechanisms\" = \"PLAIN\"\n",
      registry);
  MapEnvironment env;
  Config config = ResolveConfig(
      registry, {.env = &env,
                 .file = &file,
                 .cli_properties = {{"sasl.mechanisms", "SCRAM-SHA-512", SettingSource::Flag("-X")},
                                    {"linger.ms", "5", SettingSource::Flag("-X")}}});
  const std::vector<KafkaProperty>& props = config.kafka_properties();
  ASSERT_EQ(props.size(), 3u);
  EXPECT_EQ(props[0].key, "security.protocol");
  EXPECT_EQ(props[0].source.ToString(), "file test.toml:2");
  EXPECT_EQ(props[1].key, "sasl.mechanisms");
  EXPECT_EQ(props[1].value, "SCRAM-SHA-512");
  EXPECT_EQ(props[1].source.ToString(), "flag -X");
  EXPECT_EQ(props[2].key, "linger.ms");
  EXPECT_EQ(props[2].value, "5");
}

TEST(ConfigTest, KafkaPropertyArgumentsSplitAtFirstEquals) {
  auto parsed = ParseKafkaPropertyArg("sasl.jaas.config=a=b");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->first, "sasl.jaas.config");
  EXPECT_EQ(parsed->second, "a=b");
  EXPECT_TRUE(ParseKafkaPropertyArg("linger.ms=").ok());
  EXPECT_FALSE(ParseKafkaPropertyArg("linger.ms").ok());
  EXPECT_FALSE(ParseKafkaPropertyArg("=5").ok());
  EXPECT_TRUE(IsSecretPropertyKey("sasl.password"));
  EXPECT_TRUE(IsSecretPropertyKey("sasl.oauthbearer.client.secret"));
  EXPECT_TRUE(IsSecretPropertyKey("ssl.key.PASSWORD"));
  EXPECT_FALSE(IsSecretPropertyKey("sasl.username"));
  EXPECT_EQ(DisplayValue({"ssl.key.password", "hunter2", {}}), "******");
  EXPECT_EQ(DisplayValue({"sasl.username", "bob", {}}), "bob");
}

TEST(ConfigTest, TablePathIsUnderDataDir) {
  SettingRegistry registry = TestRegistry();
  MapEnvironment env;
  Config config = ResolveConfig(
      registry, {.env = &env, .flags = {{"bronze.table", "delta_ventes_table", "--table"}}});
  EXPECT_EQ(*config.TablePath(settings::kBronzeTable),
            std::filesystem::path("./data/delta_ventes_table"));
  Config elsewhere =
      ResolveConfig(registry, {.env = &env, .flags = {{"data_dir", "/srv/d", "--data-dir"}}});
  EXPECT_EQ(*elsewhere.TablePath(settings::kBronzeRejectsTable),
            std::filesystem::path("/srv/d/delta_ventes_rejets"));
  Config empty = ResolveConfig(registry, {.env = &env, .flags = {{"bronze.table", "", "--table"}}});
  Status status = empty.TablePath(settings::kBronzeTable).status();
  EXPECT_EQ(status.message(), "bronze.table from flag --table: table name is empty");
}

}  // namespace
}  // namespace salesflow
