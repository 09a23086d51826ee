#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "base/result.h"
#include "config/setting_source.h"

namespace salesflow {

// A librdkafka configuration property passed through verbatim (sasl.mechanisms,
// security.protocol, ssl.ca.location, ...), from [kafka.properties] or `-X key=value`.
struct KafkaProperty {
  // librdkafka property name, e.g. "security.protocol".
  std::string key;
  // Value exactly as given; may be a secret (see IsSecretPropertyKey).
  std::string value;
  // Where it came from, to name it when librdkafka rejects it.
  SettingSource source;
};

// Splits "key=value" as given to -X; the value may itself contain '='.
Result<std::pair<std::string, std::string>> ParseKafkaPropertyArg(std::string_view arg);

// True for keys whose values must not be printed (contain "password" or "secret"); also used
// for setting keys.
bool IsSecretPropertyKey(std::string_view key);

// The value for display: "******" for secrets, else the value.
std::string DisplayValue(const KafkaProperty& property);

}  // namespace salesflow
