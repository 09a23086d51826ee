#include "cli/config_command.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace salesflow {
namespace {

class ConfigCommandTest : public ::testing::Test {
 protected:
  ConfigCommandTest()
      : ctx_({.env = &env_,
              .out = &out_,
              .err = &err_,
              .default_config_path = TempPath("absent-salesflow.toml")}) {
    RegisterConfigCommand(ctx_.app(), ctx_);
    Command& produce = ctx_.AddCommand(ctx_.app(), "produce", "pretend producer");
    produce.Declare({.key = "produce.rate", .kind = SettingKind::kDouble, .default_value = "0.5"});
    produce.Flag("--brokers", settings::kKafkaBrokers);
    produce.Run([](const Config&) { return Status::Ok(); });
  }

  static std::string TempPath(const std::string& name) {
    return (std::filesystem::path(::testing::TempDir()) / name).string();
  }

  // The output line of `key` in the text table.
  std::string LineOf(const std::string& key) const {
    std::istringstream lines(out_.str());
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind(key + " ", 0) == 0) return line;
    }
    return "";
  }

  MapEnvironment env_;
  std::ostringstream out_;
  std::ostringstream err_;
  CommandContext ctx_;
};

TEST_F(ConfigCommandTest, ShowsEverySettingWithItsSource) {
  std::string path = TempPath("show.toml");
  std::ofstream(path) << "data_dir = \"/file/data\"\n\n[produce]\nrate = 4\n";
  env_.Set("KAFKA_SERVER", "env:9092");
  ASSERT_EQ(ctx_.Run({"--config", path, "config", "show", "--timezone", "Europe/Paris"}), 0)
      << err_.str();
  EXPECT_NE(out_.str().find("configuration file: " + path + "\n"), std::string::npos);
  // Columns are aligned, so compare the words.
  auto words = [](const std::string& line) {
    std::istringstream in(line);
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(words(LineOf("data_dir")), (V{"data_dir", "/file/data", "file", path + ":1"}));
  EXPECT_EQ(words(LineOf("produce.rate")), (V{"produce.rate", "4", "file", path + ":4"}));
  EXPECT_EQ(words(LineOf("kafka.brokers")),
            (V{"kafka.brokers", "env:9092", "env", "KAFKA_SERVER"}));
  EXPECT_EQ(words(LineOf("timezone")), (V{"timezone", "Europe/Paris", "flag", "--timezone"}));
  EXPECT_EQ(words(LineOf("kafka.topic")), (V{"kafka.topic", "ventes_stream", "default"}));
  EXPECT_EQ(words(LineOf("silver.table")), (V{"silver.table", "delta_silver_aggreges", "default"}));
}

TEST_F(ConfigCommandTest, ForCommandListsOnlyItsSettings) {
  ASSERT_EQ(ctx_.Run({"config", "show", "--for", "produce"}), 0) << err_.str();
  EXPECT_NE(LineOf("produce.rate"), "");
  EXPECT_NE(LineOf("kafka.brokers"), "");
  EXPECT_NE(LineOf("data_dir"), "");
  EXPECT_EQ(LineOf("kafka.topic"), "");
  EXPECT_EQ(LineOf("silver.table"), "");
}

TEST_F(ConfigCommandTest, UnknownForCommandIsUsageError) {
  EXPECT_EQ(ctx_.Run({"config", "show", "--for", "produse"}), 2);
  EXPECT_NE(err_.str().find("no command 'produse'; commands: config show, produce"),
            std::string::npos)
      << err_.str();
}

TEST_F(ConfigCommandTest, InvalidValueIsShownThenFails) {
  env_.Set("SALESFLOW_PRODUCE_RATE", "fast");
  EXPECT_EQ(ctx_.Run({"config", "show"}), 2);
  EXPECT_NE(LineOf("produce.rate").find("env SALESFLOW_PRODUCE_RATE  INVALID: not a number"),
            std::string::npos)
      << out_.str();
  EXPECT_NE(err_.str().find("1 setting(s) have invalid values"), std::string::npos);
}

TEST_F(ConfigCommandTest, SecretsAreMasked) {
  std::string path = TempPath("secret.toml");
  std::ofstream(path) << "[kafka.properties]\n\"sasl.password\" = \"hunter2\"\n"
                      << "\"sasl.username\" = \"bob\"\n";
  ASSERT_EQ(ctx_.Run({"--config", path, "-X", "ssl.key.password=swordfish", "config", "show"}), 0)
      << err_.str();
  EXPECT_EQ(out_.str().find("hunter2"), std::string::npos) << out_.str();
  EXPECT_EQ(out_.str().find("swordfish"), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("sasl.username     bob"), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("sasl.password     ******  file " + path + ":2"), std::string::npos)
      << out_.str();
  EXPECT_NE(out_.str().find("ssl.key.password  ******  flag -X"), std::string::npos) << out_.str();
}

TEST_F(ConfigCommandTest, SecretSettingsAreMaskedToo) {
  SettingRegistry registry;
  registry.Declare({.key = "dashboard.password"});
  MapEnvironment env({{"SALESFLOW_DASHBOARD_PASSWORD", "open-sesame"}});
  Config config = ResolveConfig(registry, {.env = &env});
  std::string text = FormatSettingsText(config, {"dashboard.password"});
  std::string json = FormatSettingsJson(config, {"dashboard.password"});
  EXPECT_EQ(text.find("open-sesame"), std::string::npos) << text;
  EXPECT_NE(text.find("dashboard.password  ******  env SALESFLOW_DASHBOARD_PASSWORD"),
            std::string::npos)
      << text;
  EXPECT_EQ(json.find("open-sesame"), std::string::npos) << json;
}

TEST_F(ConfigCommandTest, JsonOutput) {
  SettingRegistry registry;
  registry.Declare({.key = "a.text", .kind = SettingKind::kString, .default_value = "say \"hi\""});
  registry.Declare({.key = "a.wait", .kind = SettingKind::kDuration});
  registry.Declare({.key = "a.zone", .kind = SettingKind::kTimeZone, .default_value = "UTC"});
  MapEnvironment env({{"SALESFLOW_A_ZONE", "Moon/Base"}});
  Config config = ResolveConfig(
      registry,
      {.env = &env, .cli_properties = {{"sasl.password", "p", SettingSource::Flag("-X")}}});
  EXPECT_EQ(FormatSettingsJson(config, {"a.text", "a.wait", "a.zone"}),
            "{\"config_file\": null, \"settings\": [\n"
            "  {\"key\": \"a.text\", \"value\": \"say \\\"hi\\\"\", \"kind\": \"string\", "
            "\"source\": \"default\"},\n"
            "  {\"key\": \"a.wait\", \"value\": null, \"kind\": \"duration\", \"source\": "
            "\"default\"},\n"
            "  {\"key\": \"a.zone\", \"value\": \"Moon/Base\", \"kind\": \"timezone\", \"source\": "
            "\"env SALESFLOW_A_ZONE\", \"error\": \"unknown time zone 'Moon/Base': use an IANA "
            "name such as Europe/Paris or UTC (Moon/Base not found in timezone database)\"}],\n"
            " \"kafka_properties\": [\n"
            "  {\"key\": \"sasl.password\", \"value\": \"******\", \"source\": \"flag -X\"}]}\n");
}

TEST_F(ConfigCommandTest, TextTableFormat) {
  SettingRegistry registry;
  registry.Declare({.key = "a.long_name", .default_value = "x"});
  registry.Declare({.key = "b", .kind = SettingKind::kInt});
  MapEnvironment env({{"SALESFLOW_B", "12"}});
  Config config = ResolveConfig(registry, {.env = &env});
  EXPECT_EQ(FormatSettingsText(config, {"a.long_name", "b"}),
            "configuration file: none\n"
            "\n"
            "SETTING      VALUE  SOURCE\n"
            "a.long_name  x      default\n"
            "b            12     env SALESFLOW_B\n");
}

}  // namespace
}  // namespace salesflow
