#pragma once

// The effective configuration of one salesflow run: every setting with its value and where it
// came from (flag > environment > file > default), plus librdkafka pass-through properties.
//
// Usage (commands normally get a resolved Config from cli/command_context.h):
//
//   SettingRegistry registry;
//   DeclareCommonSettings(registry);
//   registry.Declare({.key = "produce.rate", .kind = SettingKind::kDouble,
//                     .default_value = "0.5", .help = "events per second"});
//   Config config = ResolveConfig(registry, {.flags = {{"produce.rate", "10", "--rate"}}});
//   SF_RETURN_IF_ERROR(config.Validate({"produce.rate", "kafka.brokers"}));
//   SF_ASSIGN_OR_RETURN(double rate, config.GetDouble("produce.rate"));    // 10, flag --rate
//   SF_ASSIGN_OR_RETURN(std::string brokers, config.GetString(settings::kKafkaBrokers));
//   SF_ASSIGN_OR_RETURN(auto bronze, config.TablePath(settings::kBronzeTable));
//   for (const KafkaProperty& p : config.kafka_properties()) { /* rd_kafka_conf_set */ }

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/time_zone.h"
#include "config/common_settings.h"
#include "config/config_file.h"
#include "config/environment.h"
#include "config/kafka_property.h"
#include "config/setting_registry.h"
#include "config/setting_source.h"
#include "config/setting_spec.h"

namespace salesflow {

// One effective setting.
struct Setting {
  // The declaration (key, kind, help, ...).
  SettingSpec spec;
  // The winning value as text; nullopt when nothing sets it and there is no default.
  std::optional<std::string> value;
  // Where the winning value came from.
  SettingSource source;
};

// A value given on the command line for a setting key.
struct FlagValue {
  // The setting it overrides.
  std::string key;
  // The text given.
  std::string value;
  // The flag as the user knows it, e.g. "--rate"; reported as source "flag --rate".
  std::string flag;
};

// Everything ResolveConfig reads besides the registry.
struct ConfigInputs {
  // Environment variables; the process environment unless a test injects its own.
  const Environment* env = &SystemEnvironment::Instance();
  // The parsed salesflow.toml, or nullptr when there is none.
  const ConfigFile* file = nullptr;
  // Command-line values, in order; a later value for the same key wins.
  std::vector<FlagValue> flags;
  // -X key=value properties, in order; they override [kafka.properties] entries.
  std::vector<KafkaProperty> cli_properties;
};

// The resolved settings; immutable once resolved, so one instance can be read from several
// threads. Tests of other modules build one with ResolveConfig(registry, {.env = &empty_env,
// .flags = {{"produce.rate", "10", "--rate"}}}).
class Config {
 public:
  Config() = default;

  // The effective setting, or nullptr for a key no command declared.
  const Setting* Find(std::string_view key) const;
  // Every declared setting, ordered by key.
  const std::map<std::string, Setting, std::less<>>& settings() const { return settings_; }
  // True when the key has a value (given or defaulted).
  bool IsSet(std::string_view key) const;

  // Checks the values of `keys` against their kinds; the first bad one fails with
  // "produce.rate from env SALESFLOW_PRODUCE_RATE: not a number: 'abc'".
  Status Validate(const std::vector<std::string>& keys) const;

  // Typed reads. Errors name the setting and its source; an unset key is NotFound, a key read
  // as the wrong kind (GetInt on a duration) is Internal.
  Result<std::string> GetString(std::string_view key) const;
  Result<int64_t> GetInt(std::string_view key) const;
  Result<double> GetDouble(std::string_view key) const;
  Result<bool> GetBool(std::string_view key) const;
  Result<std::chrono::microseconds> GetDuration(std::string_view key) const;
  Result<TimeZone> GetTimeZone(std::string_view key) const;

  // The folder of the table named by setting `key` (e.g. settings::kBronzeTable) under
  // data_dir; an absolute value is kept as it is.
  Result<std::filesystem::path> TablePath(std::string_view key) const;

  // librdkafka properties from [kafka.properties] then -X (which override), in order.
  const std::vector<KafkaProperty>& kafka_properties() const { return kafka_properties_; }

  // The configuration file that was read ("" when none).
  const std::string& file_path() const { return file_path_; }

 private:
  friend Config ResolveConfig(const SettingRegistry& registry, const ConfigInputs& inputs);

  // The setting if it exists, is set and has `kind`; else why not.
  Result<const Setting*> Lookup(std::string_view key, SettingKind kind) const;

  std::map<std::string, Setting, std::less<>> settings_;
  std::vector<KafkaProperty> kafka_properties_;
  std::string file_path_;
};

// Applies defaults, then the file, then the environment, then flags, for every declared
// setting. Values are not validated here (see Config::Validate) so `config show` can display
// a bad value with its source. A flag for an undeclared key throws std::logic_error (a bug).
Config ResolveConfig(const SettingRegistry& registry, const ConfigInputs& inputs);

}  // namespace salesflow
