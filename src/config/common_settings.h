#pragma once

#include <string>
#include <vector>

#include "config/setting_registry.h"

namespace salesflow {

// Keys of the settings shared by several commands, declared once by DeclareCommonSettings.
// Commands Use() these (or bind a flag to them) instead of declaring them again.
namespace settings {
inline constexpr const char* kDataDir = "data_dir";            // root folder of every table
inline constexpr const char* kTimeZone = "timezone";           // zone of naive timestamps, days
inline constexpr const char* kLogLevel = "log_level";          // spdlog level, logs on stderr
inline constexpr const char* kKafkaBrokers = "kafka.brokers";  // bootstrap servers
inline constexpr const char* kKafkaTopic = "kafka.topic";      // the sales topic
inline constexpr const char* kBronzeTable = "bronze.table";    // bronze Delta table folder
inline constexpr const char* kBronzeRejectsTable = "bronze.rejects_table";  // rejected events
inline constexpr const char* kSilverTable = "silver.table";  // silver aggregates folder
}  // namespace settings

// Declares the settings above with their defaults and environment variables.
void DeclareCommonSettings(SettingRegistry& registry);

// Keys every command uses whatever it declares: data_dir, timezone, log_level.
std::vector<std::string> GlobalSettingKeys();

}  // namespace salesflow
