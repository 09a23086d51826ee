#include "cli/command_context.h"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace salesflow {
namespace {

class CommandContextTest : public ::testing::Test {
 protected:
  CommandContextTest()
      : ctx_({.env = &env_,
              .out = &out_,
              .err = &err_,
              .default_config_path = TempPath("absent-salesflow.toml")}) {
    Command& produce = ctx_.AddCommand(ctx_.app(), "produce", "pretend producer");
    produce.Declare({.key = "produce.rate",
                     .kind = SettingKind::kDouble,
                     .default_value = "0.5",
                     .help = "events per second"});
    produce.Declare({.key = "produce.progress",
                     .kind = SettingKind::kBool,
                     .default_value = "false",
                     .help = "print progress"});
    produce.Flag("-r,--rate", "produce.rate");
    produce.Flag("--progress", "produce.progress");
    produce.Flag("--brokers", settings::kKafkaBrokers);
    produce.Use(settings::kKafkaTopic);
    produce.Run([this](const Config& config) -> Status {
      seen_ = config;
      return run_result_;
    });
  }

  static std::string TempPath(const std::string& name) {
    return (std::filesystem::path(::testing::TempDir()) / name).string();
  }

  std::string WriteFile(const std::string& name, const std::string& text) {
    std::string path = TempPath(name);
    std::ofstream(path) << text;
    return path;
  }

  std::string SourceOf(std::string_view key) const { return seen_->Find(key)->source.ToString(); }

  MapEnvironment env_;
  std::ostringstream out_;
  std::ostringstream err_;
  CommandContext ctx_;
  std::optional<Config> seen_;
  Status run_result_;
};

TEST_F(CommandContextTest, FlagEnvFileAndDefaultEachReportTheirSource) {
  std::string path = WriteFile("cc-precedence.toml",
                               "[kafka]\ntopic = \"file_topic\"\nbrokers = \"file:9092\"\n"
                               "[produce]\nrate = 3\n");
  env_.Set("SALESFLOW_CONFIG", path);
  env_.Set("KAFKA_SERVER", "env:9092");
  env_.Set("SALESFLOW_PRODUCE_RATE", "5");
  ASSERT_EQ(ctx_.Run({"produce", "--rate", "10"}), 0) << err_.str();
  ASSERT_TRUE(seen_.has_value());
  EXPECT_EQ(*seen_->GetDouble("produce.rate"), 10.0);
  EXPECT_EQ(SourceOf("produce.rate"), "flag --rate");
  EXPECT_EQ(*seen_->GetString(settings::kKafkaBrokers), "env:9092");
  EXPECT_EQ(SourceOf(settings::kKafkaBrokers), "env KAFKA_SERVER");
  EXPECT_EQ(*seen_->GetString(settings::kKafkaTopic), "file_topic");
  EXPECT_EQ(SourceOf(settings::kKafkaTopic), "file " + path + ":2");
  EXPECT_EQ(SourceOf(settings::kDataDir), "default");
  EXPECT_EQ(seen_->file_path(), path);
}

TEST_F(CommandContextTest, ShortFlagIsReportedByItsLongName) {
  ASSERT_EQ(ctx_.Run({"produce", "-r", "2"}), 0) << err_.str();
  EXPECT_EQ(SourceOf("produce.rate"), "flag --rate");
}

TEST_F(CommandContextTest, GlobalFlagsWorkBeforeAndAfterTheCommand) {
  ASSERT_EQ(ctx_.Run({"--data-dir", "/srv/a", "produce", "--timezone", "Europe/Paris"}), 0)
      << err_.str();
  EXPECT_EQ(*seen_->GetString(settings::kDataDir), "/srv/a");
  EXPECT_EQ(SourceOf(settings::kDataDir), "flag --data-dir");
  EXPECT_EQ(seen_->GetTimeZone(settings::kTimeZone)->name(), "Europe/Paris");
  EXPECT_EQ(SourceOf(settings::kTimeZone), "flag --timezone");
}

TEST_F(CommandContextTest, BoolFlagMeansTrue) {
  ASSERT_EQ(ctx_.Run({"produce", "--progress"}), 0) << err_.str();
  EXPECT_TRUE(*seen_->GetBool("produce.progress"));
  EXPECT_EQ(SourceOf("produce.progress"), "flag --progress");
}

TEST_F(CommandContextTest, BoolFlagCanSayFalse) {
  env_.Set("SALESFLOW_PRODUCE_PROGRESS", "true");
  ASSERT_EQ(ctx_.Run({"produce", "--progress=false"}), 0) << err_.str();
  EXPECT_FALSE(*seen_->GetBool("produce.progress"));
  EXPECT_EQ(SourceOf("produce.progress"), "flag --progress");
}

TEST_F(CommandContextTest, KafkaPropertiesPassThroughFromFileAndX) {
  std::string path = WriteFile("cc-props.toml",
                               "[kafka.properties]\n\"sasl.mechanisms\" = \"PLAIN\"\n"
                               "\"security.protocol\" = \"SASL_SSL\"\n");
  ASSERT_EQ(ctx_.Run({"--config", path, "-X", "sasl.mechanisms=SCRAM-SHA-256", "produce", "-X",
                      "client.id=x=y"}),
            0)
      << err_.str();
  const std::vector<KafkaProperty>& props = seen_->kafka_properties();
  ASSERT_EQ(props.size(), 3u);
  EXPECT_EQ(props[0].key, "sasl.mechanisms");
  EXPECT_EQ(props[0].value, "SCRAM-SHA-256");
  EXPECT_EQ(props[0].source.ToString(), "flag -X");
  EXPECT_EQ(props[1].key, "security.protocol");
  EXPECT_EQ(props[1].source.ToString(), "file " + path + ":3");
  EXPECT_EQ(props[2].key, "client.id");
  EXPECT_EQ(props[2].value, "x=y");
}

TEST_F(CommandContextTest, UnknownFlagIsUsageError) {
  EXPECT_EQ(ctx_.Run({"produce", "--rat", "1"}), 2);
  EXPECT_FALSE(seen_.has_value());
  EXPECT_EQ(err_.str().rfind("salesflow produce: error: ", 0), 0u) << err_.str();
  EXPECT_NE(err_.str().find("run 'salesflow produce --help' for usage"), std::string::npos);
}

TEST_F(CommandContextTest, MissingCommandIsUsageError) {
  EXPECT_EQ(ctx_.Run(std::vector<std::string>{}), 2);
  EXPECT_EQ(err_.str().rfind("salesflow: error: ", 0), 0u) << err_.str();
}

TEST_F(CommandContextTest, BadSettingValueStopsBeforeRunAndNamesSource) {
  env_.Set("SALESFLOW_PRODUCE_RATE", "fast");
  EXPECT_EQ(ctx_.Run({"produce"}), 2);
  EXPECT_FALSE(seen_.has_value());
  EXPECT_EQ(err_.str().rfind("salesflow produce: error: produce.rate from env "
                             "SALESFLOW_PRODUCE_RATE: not a number: 'fast'\n",
                             0),
            0u)
      << err_.str();
  EXPECT_NE(err_.str().find("salesflow config show --for produce"), std::string::npos);
}

TEST_F(CommandContextTest, BadFlagValueNamesFlag) {
  EXPECT_EQ(ctx_.Run({"produce", "--timezone", "Nowhere/Land"}), 2);
  EXPECT_NE(err_.str().find("timezone from flag --timezone: unknown time zone 'Nowhere/Land'"),
            std::string::npos)
      << err_.str();
}

TEST_F(CommandContextTest, UnusedBadSettingDoesNotBlockCommand) {
  ctx_.AddCommand(ctx_.app(), "other", "another command")
      .Declare({.key = "other.wait", .kind = SettingKind::kDuration, .default_value = "1s"})
      .Run([](const Config&) { return Status::Ok(); });
  env_.Set("SALESFLOW_OTHER_WAIT", "soon");
  EXPECT_EQ(ctx_.Run({"produce"}), 0) << err_.str();
}

TEST_F(CommandContextTest, ConfigFileErrorNamesFileAndLine) {
  std::string path = WriteFile("cc-bad.toml", "[kafka]\nbrokers = \"a\"\nbrokerz = \"b\"\n");
  EXPECT_EQ(ctx_.Run({"--config", path, "produce"}), 2);
  EXPECT_NE(err_.str().find(path + ":3: unknown setting 'kafka.brokerz'"), std::string::npos)
      << err_.str();
}

TEST_F(CommandContextTest, MissingExplicitConfigFileIsUsageError) {
  env_.Set("SALESFLOW_CONFIG", TempPath("no-such-file.toml"));
  EXPECT_EQ(ctx_.Run({"produce"}), 2);
  EXPECT_NE(err_.str().find("configuration file from env SALESFLOW_CONFIG"), std::string::npos)
      << err_.str();
  EXPECT_NE(err_.str().find("check the path given by env SALESFLOW_CONFIG"), std::string::npos);
}

TEST_F(CommandContextTest, DefaultConfigFileIsReadWhenPresent) {
  std::string path = WriteFile("cc-default.toml", "data_dir = \"/from/default\"\n");
  CommandContext ctx({.env = &env_, .out = &out_, .err = &err_, .default_config_path = path});
  std::optional<std::string> data_dir;
  ctx.AddCommand(ctx.app(), "x", "").Run([&](const Config& config) {
    data_dir = *config.GetString(settings::kDataDir);
    return Status::Ok();
  });
  ASSERT_EQ(ctx.Run({"x"}), 0) << err_.str();
  EXPECT_EQ(data_dir, "/from/default");
}

TEST_F(CommandContextTest, MalformedXIsUsageError) {
  EXPECT_EQ(ctx_.Run({"-X", "linger.ms", "produce"}), 2);
  EXPECT_NE(err_.str().find("must be written key=value"), std::string::npos) << err_.str();
}

TEST_F(CommandContextTest, RunFailureExitCodes) {
  run_result_ = Unavailable("broker localhost:9092 unreachable; start one with 'salesflow broker'");
  EXPECT_EQ(ctx_.Run({"produce"}), 1);
  EXPECT_EQ(err_.str(),
            "salesflow produce: error: broker localhost:9092 unreachable; start one with "
            "'salesflow broker'\n");
}

TEST_F(CommandContextTest, InvalidArgumentFromRunIsUsageError) {
  run_result_ = InvalidArgument("--rate and --interval exclude each other");
  EXPECT_EQ(ctx_.Run({"produce"}), 2);
  EXPECT_EQ(
      err_.str().rfind("salesflow produce: error: --rate and --interval exclude each other\n", 0),
      0u)
      << err_.str();
}

TEST_F(CommandContextTest, HelpListsSettingFlagsWithKeyEnvAndDefault) {
  EXPECT_EQ(ctx_.Run({"produce", "--help"}), 0);
  EXPECT_NE(out_.str().find("events per second [produce.rate; env SALESFLOW_PRODUCE_RATE; "
                            "default 0.5]"),
            std::string::npos)
      << out_.str();
  EXPECT_NE(out_.str().find("env SALESFLOW_KAFKA_BROKERS, KAFKA_SERVER"), std::string::npos);
}

TEST_F(CommandContextTest, LogLevelComesFromConfig) {
  env_.Set("SALESFLOW_LOG_LEVEL", "debug");
  ASSERT_EQ(ctx_.Run({"produce"}), 0) << err_.str();
  EXPECT_EQ(spdlog::get_level(), spdlog::level::debug);
  spdlog::debug("visible at debug");
  EXPECT_NE(err_.str().find("visible at debug"), std::string::npos) << err_.str();
}

TEST_F(CommandContextTest, NestedCommandPathAndUndeclaredUse) {
  CLI::App* group = ctx_.app().add_subcommand("table", "table tools");
  group->require_subcommand(1);
  Command& cmd = ctx_.AddCommand(*group, "check", "check a table");
  EXPECT_EQ(cmd.path(), "table check");
  EXPECT_EQ(ctx_.FindCommand("table check"), &cmd);
  cmd.Use("table.nothing").Run([](const Config&) { return Status::Ok(); });
  EXPECT_THROW(ctx_.Run({"table", "check"}), std::logic_error);
}

}  // namespace
}  // namespace salesflow
