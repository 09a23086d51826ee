#include "cli/config_command.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "base/json_string.h"

namespace salesflow {

namespace {

std::string JsonString(std::string_view text) {
  std::string out;
  AppendJsonString(text, &out);
  return out;
}

// Why a setting's value is bad, or nullopt when it is fine or unset.
std::optional<std::string> ValueError(const Setting& setting) {
  if (!setting.value) return std::nullopt;
  Status status = ValidateSettingText(setting.spec, *setting.value);
  if (status.ok()) return std::nullopt;
  return status.message();
}

// The value for display; settings named like secrets (dashboard.password) are masked as the
// librdkafka ones are.
std::string ShownValue(const Setting& setting) {
  return IsSecretPropertyKey(setting.spec.key) ? "******" : *setting.value;
}

void AppendRow(std::string& out, const std::vector<std::string>& cells,
               const std::vector<size_t>& widths) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    line += cells[i];
    if (i + 1 < cells.size()) line += std::string(widths[i] - cells[i].size() + 2, ' ');
  }
  out += line + "\n";
}

void AppendTable(std::string& out, const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()), 0);
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  for (const auto& row : rows) AppendRow(out, row, widths);
}

}  // namespace

std::string FormatSettingsText(const Config& config, const std::vector<std::string>& keys) {
  std::string out = "configuration file: " +
                    (config.file_path().empty() ? std::string("none") : config.file_path()) +
                    "\n\n";
  std::vector<std::vector<std::string>> rows = {{"SETTING", "VALUE", "SOURCE"}};
  for (const std::string& key : keys) {
    const Setting* setting = config.Find(key);
    if (setting == nullptr) continue;
    std::string source = setting->source.ToString();
    if (std::optional<std::string> error = ValueError(*setting)) {
      source += "  INVALID: " + *error;
    }
    rows.push_back({key, setting->value ? ShownValue(*setting) : "(unset)", source});
  }
  AppendTable(out, rows);
  if (!config.kafka_properties().empty()) {
    out += "\nlibrdkafka properties (passed through verbatim):\n";
    std::vector<std::vector<std::string>> props = {{"PROPERTY", "VALUE", "SOURCE"}};
    for (const KafkaProperty& property : config.kafka_properties()) {
      props.push_back({property.key, DisplayValue(property), property.source.ToString()});
    }
    AppendTable(out, props);
  }
  return out;
}

std::string FormatSettingsJson(const Config& config, const std::vector<std::string>& keys) {
  std::string out = "{\"config_file\": ";
  out += config.file_path().empty() ? "null" : JsonString(config.file_path());
  out += ", \"settings\": [";
  bool first = true;
  for (const std::string& key : keys) {
    const Setting* setting = config.Find(key);
    if (setting == nullptr) continue;
    out += first ? "\n  " : ",\n  ";
    first = false;
    out += "{\"key\": " + JsonString(key) +
           ", \"value\": " + (setting->value ? JsonString(ShownValue(*setting)) : "null") +
           ", \"kind\": " + JsonString(SettingKindName(setting->spec.kind)) +
           ", \"source\": " + JsonString(setting->source.ToString());
    if (std::optional<std::string> error = ValueError(*setting)) {
      out += ", \"error\": " + JsonString(*error);
    }
    out += "}";
  }
  out += "],\n \"kafka_properties\": [";
  first = true;
  for (const KafkaProperty& property : config.kafka_properties()) {
    out += first ? "\n  " : ",\n  ";
    first = false;
    out += "{\"key\": " + JsonString(property.key) +
           ", \"value\": " + JsonString(DisplayValue(property)) +
           ", \"source\": " + JsonString(property.source.ToString()) + "}";
  }
  return out + "]}\n";
}

void RegisterConfigCommand(CLI::App& app, CommandContext& ctx) {
  CLI::App* group = app.add_subcommand("config", "inspect the effective configuration");
  group->require_subcommand(1);
  Command& show = ctx.AddCommand(*group, "show",
                                 "print every effective setting, its value and its source "
                                 "(flag > environment > file > default)");
  // Options of `config show` itself, not settings; the Run function reads them after parsing.
  struct ShowOptions {
    bool json = false;
    std::string for_command;
  };
  auto options = std::make_shared<ShowOptions>();
  show.app().add_flag("--json", options->json, "print JSON instead of a table");
  show.app()
      .add_option("--for", options->for_command,
                  "only the settings this command reads, e.g. --for produce")
      ->type_name("COMMAND");
  show.Run([&ctx, options](const Config& config) -> Status {
    std::vector<std::string> keys;
    if (options->for_command.empty()) {
      for (const auto& [key, setting] : config.settings()) keys.push_back(key);
    } else {
      const Command* command = ctx.FindCommand(options->for_command);
      if (command == nullptr) {
        std::string names;
        for (const auto& c : ctx.commands()) names += (names.empty() ? "" : ", ") + c->path();
        return InvalidArgument("no command '" + options->for_command + "'; commands: " + names);
      }
      keys = command->used_keys();
    }
    ctx.out() << (options->json ? FormatSettingsJson(config, keys)
                                : FormatSettingsText(config, keys));
    ctx.out().flush();
    size_t invalid = 0;
    for (const std::string& key : keys) {
      const Setting* setting = config.Find(key);
      if (setting != nullptr && ValueError(*setting)) ++invalid;
    }
    if (invalid > 0) {
      return InvalidArgument(std::to_string(invalid) +
                             " setting(s) have invalid values; see INVALID above");
    }
    return Status::Ok();
  });
}

}  // namespace salesflow
