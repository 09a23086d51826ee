#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "cli/command_context.h"
#include "config/config.h"

namespace salesflow {

// `salesflow config show [--json] [--for <command>]`: every effective setting, its value and
// its source, then the librdkafka pass-through properties (secrets masked).
void RegisterConfigCommand(CLI::App& app, CommandContext& ctx);

// The table `config show` prints for `keys`, one aligned line per setting
// ("kafka.brokers  broker:9092  env KAFKA_SERVER"); invalid values are marked.
std::string FormatSettingsText(const Config& config, const std::vector<std::string>& keys);

// The same as one JSON object: {"config_file": ..., "settings": [{"key", "value", "kind",
// "source", "error"?}], "kafka_properties": [{"key", "value", "source"}]}.
std::string FormatSettingsJson(const Config& config, const std::vector<std::string>& keys);

}  // namespace salesflow
