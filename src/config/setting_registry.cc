#include "config/setting_registry.h"

#include <stdexcept>

namespace salesflow {

void SettingRegistry::Declare(SettingSpec spec) {
  if (spec.key.empty() || spec.key.front() == '.' || spec.key.back() == '.') {
    throw std::logic_error("setting key '" + spec.key + "' must be non-empty dotted words");
  }
  if (auto it = specs_.find(spec.key); it != specs_.end()) {
    const SettingSpec& old = it->second;
    if (old.kind != spec.kind || old.default_value != spec.default_value) {
      throw std::logic_error("setting '" + spec.key +
                             "' declared twice with a different kind or default; declare it "
                             "once (see config/common_settings.h) and Use() it elsewhere");
    }
    return;
  }
  if (spec.default_value) {
    if (Status status = ValidateSettingText(spec, *spec.default_value); !status.ok()) {
      throw std::logic_error("default of setting '" + spec.key +
                             "' is invalid: " + status.message());
    }
  }
  std::string key = spec.key;
  specs_.emplace(std::move(key), std::move(spec));
}

const SettingSpec* SettingRegistry::Find(std::string_view key) const {
  auto it = specs_.find(key);
  return it == specs_.end() ? nullptr : &it->second;
}

bool SettingRegistry::IsSection(std::string_view prefix) const {
  std::string with_dot = std::string(prefix) + ".";
  auto it = specs_.lower_bound(with_dot);
  return it != specs_.end() && it->first.compare(0, with_dot.size(), with_dot) == 0;
}

}  // namespace salesflow
