#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/time_zone.h"

namespace salesflow {

// How a setting's text is read; every source (flag, env, file, default) is checked the same way.
enum class SettingKind {
  kString,    // any text (choices may restrict it)
  kInt,       // a whole number, e.g. 1000
  kDouble,    // a decimal number, e.g. 0.5
  kBool,      // true/false, 1/0, yes/no, on/off
  kDuration,  // base/duration.h syntax: 200ms, 2s, 5m
  kTimeZone,  // an IANA zone name from the system tz database: UTC, Europe/Paris
};

// "string", "int", "double", "bool", "duration", "timezone".
std::string_view SettingKindName(SettingKind kind);

// The declaration of one setting. Designated initializers keep declarations readable:
//   {.key = "produce.rate", .kind = SettingKind::kDouble, .default_value = "0.5",
//    .help = "events per second; 0 = as fast as possible"}
struct SettingSpec {
  // Dotted key; the part before the last dot is its [section] in salesflow.toml.
  std::string key;
  // How the value is read and validated.
  SettingKind kind = SettingKind::kString;
  // Used when no other source sets the key; nullopt = unset unless given.
  std::optional<std::string> default_value;
  // Extra environment variables, checked after SALESFLOW_<KEY> in this order.
  std::vector<std::string> env;
  // One line for --help and `config show`.
  std::string help;
  // When not empty, the only accepted values (e.g. log levels).
  std::vector<std::string> choices;
};

// SALESFLOW_<KEY>, dots and dashes as underscores, upper-cased: kafka.brokers ->
// SALESFLOW_KAFKA_BROKERS.
std::string SalesflowEnvName(std::string_view key);

// Every environment variable read for a spec, highest priority first.
std::vector<std::string> EnvNamesFor(const SettingSpec& spec);

// Checks `text` against the spec's kind and choices; the message says what is wrong without
// naming the setting (the caller adds key and source).
Status ValidateSettingText(const SettingSpec& spec, std::string_view text);

// Typed readers of setting text; messages name neither key nor source.
Result<int64_t> ParseSettingInt(std::string_view text);
Result<double> ParseSettingDouble(std::string_view text);
Result<bool> ParseSettingBool(std::string_view text);

}  // namespace salesflow
