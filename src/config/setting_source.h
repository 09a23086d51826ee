#pragma once

#include <string>

namespace salesflow {

// Where an effective setting came from. Later kinds win: flag > environment > file > default.
struct SettingSource {
  // The four places a value can come from, lowest precedence first.
  enum class Kind { kDefault, kFile, kEnvironment, kFlag };

  // Which kind of place.
  Kind kind = Kind::kDefault;
  // "salesflow.toml:3" (file), "KAFKA_SERVER" (environment), "--rate" or "-X" (flag); empty
  // for defaults.
  std::string detail;

  static SettingSource Default() { return {Kind::kDefault, ""}; }
  static SettingSource File(std::string path, int line) {
    return {Kind::kFile, std::move(path) + ":" + std::to_string(line)};
  }
  static SettingSource Environment(std::string variable) {
    return {Kind::kEnvironment, std::move(variable)};
  }
  static SettingSource Flag(std::string flag) { return {Kind::kFlag, std::move(flag)}; }

  // "default", "file salesflow.toml:3", "env KAFKA_SERVER", "flag --rate".
  std::string ToString() const;

  friend bool operator==(const SettingSource&, const SettingSource&) = default;
};

}  // namespace salesflow
