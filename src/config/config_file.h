#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "config/environment.h"
#include "config/setting_registry.h"
#include "config/setting_source.h"

namespace salesflow {

// One value read from salesflow.toml.
struct ConfigFileEntry {
  // Setting key ("kafka.brokers") or librdkafka property name ("sasl.mechanisms").
  std::string key;
  // The value as text (TOML strings unquoted, numbers and booleans written out).
  std::string value;
  // 1-based line of the key in the file.
  int line = 0;
};

// salesflow.toml after parsing and checking against the registry: sections map to key
// prefixes ([kafka] brokers = ... is kafka.brokers) and [kafka.properties] holds librdkafka
// properties passed through verbatim.
struct ConfigFile {
  // The path as given, used in messages and sources ("salesflow.toml:3").
  std::string path;
  // Known settings, in file order; values already checked against their kinds.
  std::vector<ConfigFileEntry> settings;
  // [kafka.properties], in file order; nested tables are joined with dots.
  std::vector<ConfigFileEntry> kafka_properties;
};

// Parses TOML text; `path` only names the text in messages. A syntax error, an unknown key, a
// wrong TOML type or an invalid value fails with "path:line: ...".
Result<ConfigFile> ParseConfigText(std::string_view text, std::string path,
                                   const SettingRegistry& registry);

// Reads and parses a file; a missing file is NotFound.
Result<ConfigFile> ReadConfigFile(const std::string& path, const SettingRegistry& registry);

// Which configuration file a run reads.
struct ConfigFileChoice {
  // The file to read; nullopt = none (no flag, no variable, no ./salesflow.toml).
  std::optional<std::string> path;
  // Why: flag --config, env SALESFLOW_CONFIG, or default (the default path exists).
  SettingSource source;
};

// --config PATH, else SALESFLOW_CONFIG, else `default_path` when that file exists.
ConfigFileChoice ChooseConfigFile(const std::optional<std::string>& flag_path,
                                  const Environment& env,
                                  const std::filesystem::path& default_path = "salesflow.toml");

}  // namespace salesflow
