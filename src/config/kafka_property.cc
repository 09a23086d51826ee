#include "config/kafka_property.h"

#include <cctype>

namespace salesflow {

Result<std::pair<std::string, std::string>> ParseKafkaPropertyArg(std::string_view arg) {
  size_t eq = arg.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    return InvalidArgument("librdkafka property '" + std::string(arg) +
                           "' must be written key=value, e.g. -X security.protocol=SASL_SSL");
  }
  return std::pair<std::string, std::string>(std::string(arg.substr(0, eq)),
                                             std::string(arg.substr(eq + 1)));
}

bool IsSecretPropertyKey(std::string_view key) {
  std::string lower;
  for (char c : key) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("password") != std::string::npos || lower.find("secret") != std::string::npos;
}

std::string DisplayValue(const KafkaProperty& property) {
  return IsSecretPropertyKey(property.key) ? "******" : property.value;
}

}  // namespace salesflow
