#include "config/setting_spec.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "base/duration.h"

namespace salesflow {

std::string_view SettingKindName(SettingKind kind) {
  switch (kind) {
    case SettingKind::kString:
      return "string";
    case SettingKind::kInt:
      return "int";
    case SettingKind::kDouble:
      return "double";
    case SettingKind::kBool:
      return "bool";
    case SettingKind::kDuration:
      return "duration";
    case SettingKind::kTimeZone:
      return "timezone";
  }
  return "unknown";
}

std::string SalesflowEnvName(std::string_view key) {
  std::string name = "SALESFLOW_";
  for (char c : key) {
    name += (c == '.' || c == '-') ? '_'
                                   : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name;
}

std::vector<std::string> EnvNamesFor(const SettingSpec& spec) {
  std::vector<std::string> names = {SalesflowEnvName(spec.key)};
  for (const std::string& extra : spec.env) {
    if (std::find(names.begin(), names.end(), extra) == names.end()) names.push_back(extra);
  }
  return names;
}

Result<int64_t> ParseSettingInt(std::string_view text) {
  int64_t value = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (!text.empty() && text.front() == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec == std::errc::result_out_of_range) {
    return InvalidArgument("whole number '" + std::string(text) + "' is out of range");
  }
  if (text.empty() || ec != std::errc() || ptr != end) {
    return InvalidArgument("not a whole number: '" + std::string(text) + "'");
  }
  return value;
}

Result<double> ParseSettingDouble(std::string_view text) {
  double value = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (!text.empty() && text.front() == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) {
    return InvalidArgument("not a number: '" + std::string(text) + "'");
  }
  return value;
}

Result<bool> ParseSettingBool(std::string_view text) {
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "true" || lower == "1" || lower == "yes" || lower == "on") return true;
  if (lower == "false" || lower == "0" || lower == "no" || lower == "off") return false;
  return InvalidArgument("not a boolean: '" + std::string(text) +
                         "' (use true/false, 1/0, yes/no or on/off)");
}

Status ValidateSettingText(const SettingSpec& spec, std::string_view text) {
  if (!spec.choices.empty() &&
      std::find(spec.choices.begin(), spec.choices.end(), text) == spec.choices.end()) {
    std::string list;
    for (const std::string& choice : spec.choices) {
      // append() rather than `"x" + s`: g++ 12 -O3 reports a false -Wrestrict on the latter.
      if (!list.empty()) list.append(", ");
      list.append(choice);
    }
    std::string message = "'";
    message.append(text).append("' is not one of: ").append(list);
    return InvalidArgument(std::move(message));
  }
  switch (spec.kind) {
    case SettingKind::kString:
      return Status::Ok();
    case SettingKind::kInt:
      return ParseSettingInt(text).status();
    case SettingKind::kDouble:
      return ParseSettingDouble(text).status();
    case SettingKind::kBool:
      return ParseSettingBool(text).status();
    case SettingKind::kDuration:
      return ParseDuration(text).status();
    case SettingKind::kTimeZone:
      return TimeZone::Find(text).status();
  }
  return Internal("unknown setting kind");
}

}  // namespace salesflow
