#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "config/setting_spec.h"

namespace salesflow {

// Every setting any command can read, by key. Filled at start-up (common settings, then each
// command's own), before the command line is parsed; read-only afterwards.
class SettingRegistry {
 public:
  // Adds a spec. Declaring a key again with the same kind and default is allowed (two commands
  // sharing a setting); a conflicting redeclaration is a bug and throws std::logic_error.
  void Declare(SettingSpec spec);

  // The spec of `key`, or nullptr when no command declared it.
  const SettingSpec* Find(std::string_view key) const;

  // True when some key starts with "<prefix>." (so [prefix] is a valid TOML table).
  bool IsSection(std::string_view prefix) const;

  // Every spec, ordered by key.
  const std::map<std::string, SettingSpec, std::less<>>& specs() const { return specs_; }

 private:
  std::map<std::string, SettingSpec, std::less<>> specs_;
};

}  // namespace salesflow
