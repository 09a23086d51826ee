#include "config/config.h"

#include <algorithm>
#include <stdexcept>

#include "base/duration.h"
#include "config/table_path.h"

namespace salesflow {

namespace {

std::string Origin(const Setting& setting) {
  return setting.spec.key + " from " + setting.source.ToString();
}

}  // namespace

Config ResolveConfig(const SettingRegistry& registry, const ConfigInputs& inputs) {
  Config config;
  for (const auto& [key, spec] : registry.specs()) {
    Setting setting{.spec = spec, .value = spec.default_value, .source = SettingSource::Default()};
    config.settings_.emplace(key, std::move(setting));
  }
  if (inputs.file != nullptr) {
    config.file_path_ = inputs.file->path;
    for (const ConfigFileEntry& entry : inputs.file->settings) {
      auto it = config.settings_.find(entry.key);
      if (it == config.settings_.end()) {
        throw std::logic_error("config file entry '" + entry.key +
                               "' was parsed with another registry");
      }
      it->second.value = entry.value;
      it->second.source = SettingSource::File(inputs.file->path, entry.line);
    }
    for (const ConfigFileEntry& entry : inputs.file->kafka_properties) {
      config.kafka_properties_.push_back(
          {entry.key, entry.value, SettingSource::File(inputs.file->path, entry.line)});
    }
  }
  if (inputs.env != nullptr) {
    for (auto& [key, setting] : config.settings_) {
      for (const std::string& name : EnvNamesFor(setting.spec)) {
        if (std::optional<std::string> value = inputs.env->Get(name)) {
          setting.value = std::move(*value);
          setting.source = SettingSource::Environment(name);
          break;
        }
      }
    }
  }
  for (const FlagValue& flag : inputs.flags) {
    auto it = config.settings_.find(flag.key);
    if (it == config.settings_.end()) {
      throw std::logic_error("flag " + flag.flag + " is bound to undeclared setting '" + flag.key +
                             "'");
    }
    it->second.value = flag.value;
    it->second.source = SettingSource::Flag(flag.flag);
  }
  for (const KafkaProperty& property : inputs.cli_properties) {
    auto it = std::find_if(config.kafka_properties_.begin(), config.kafka_properties_.end(),
                           [&](const KafkaProperty& p) { return p.key == property.key; });
    if (it == config.kafka_properties_.end()) {
      config.kafka_properties_.push_back(property);
    } else {
      *it = property;
    }
  }
  return config;
}

const Setting* Config::Find(std::string_view key) const {
  auto it = settings_.find(key);
  return it == settings_.end() ? nullptr : &it->second;
}

bool Config::IsSet(std::string_view key) const {
  const Setting* setting = Find(key);
  return setting != nullptr && setting->value.has_value();
}

Status Config::Validate(const std::vector<std::string>& keys) const {
  for (const std::string& key : keys) {
    const Setting* setting = Find(key);
    if (setting == nullptr) return Internal("setting '" + key + "' is not declared");
    if (!setting->value) continue;
    Status status = ValidateSettingText(setting->spec, *setting->value);
    if (!status.ok()) return std::move(status).WithContext(Origin(*setting));
  }
  return Status::Ok();
}

Result<const Setting*> Config::Lookup(std::string_view key, SettingKind kind) const {
  const Setting* setting = Find(key);
  if (setting == nullptr) {
    return Internal("setting '" + std::string(key) + "' is not declared by any command");
  }
  if (setting->spec.kind != kind) {
    return Internal("setting '" + std::string(key) + "' is a " +
                    std::string(SettingKindName(setting->spec.kind)) + ", read as a " +
                    std::string(SettingKindName(kind)));
  }
  if (!setting->value) {
    return NotFound(setting->spec.key + " is not set: give it in salesflow.toml, as " +
                    SalesflowEnvName(setting->spec.key) + " or with its flag");
  }
  if (Status status = ValidateSettingText(setting->spec, *setting->value); !status.ok()) {
    return std::move(status).WithContext(Origin(*setting));
  }
  return setting;
}

Result<std::string> Config::GetString(std::string_view key) const {
  SF_ASSIGN_OR_RETURN(const Setting* setting, Lookup(key, SettingKind::kString));
  return *setting->value;
}

Result<int64_t> Config::GetInt(std::string_view key) const {
  SF_ASSIGN_OR_RETURN(const Setting* setting, Lookup(key, SettingKind::kInt));
  return ParseSettingInt(*setting->value);
}

Result<double> Config::GetDouble(std::string_view key) const {
  SF_ASSIGN_OR_RETURN(const Setting* setting, Lookup(key, SettingKind::kDouble));
  return ParseSettingDouble(*setting->value);
}

Result<bool> Config::GetBool(std::string_view key) const {
  SF_ASSIGN_OR_RETURN(const Setting* setting, Lookup(key, SettingKind::kBool));
  return ParseSettingBool(*setting->value);
}

Result<std::chrono::microseconds> Config::GetDuration(std::string_view key) const {
  SF_ASSIGN_OR_RETURN(const Setting* setting, Lookup(key, SettingKind::kDuration));
  return ParseDuration(*setting->value);
}

Result<TimeZone> Config::GetTimeZone(std::string_view key) const {
  SF_ASSIGN_OR_RETURN(const Setting* setting, Lookup(key, SettingKind::kTimeZone));
  return TimeZone::Find(*setting->value);
}

Result<std::filesystem::path> Config::TablePath(std::string_view key) const {
  SF_ASSIGN_OR_RETURN(std::string data_dir, GetString(settings::kDataDir));
  SF_ASSIGN_OR_RETURN(std::string table, GetString(key));
  Result<std::filesystem::path> path = ResolveTablePath(data_dir, table);
  if (!path.ok()) return path.status().WithContext(Origin(*Find(key)));
  return path;
}

}  // namespace salesflow
