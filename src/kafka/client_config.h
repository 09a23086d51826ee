#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "kafka/rdkafka_handles.h"

namespace salesflow {

// One librdkafka property (bootstrap.servers, security.protocol, linger.ms...) applied verbatim.
struct ClientProperty {
  std::string key;    // librdkafka property name
  std::string value;  // value as given (may be a secret: never logged)
  std::string
      origin;  // where it came from, for errors: "salesflow default", "flag -X", a file line
};

// Builds a librdkafka configuration: first `defaults` (salesflow's choices), then `overrides`
// (the user's pass-through properties, which win). Each property is checked by librdkafka as it
// is set; a rejected one is an InvalidArgument naming the key and its origin (values of keys
// containing "password" or "secret" are not repeated). Also routes librdkafka's logs to spdlog.
Result<ConfHandle> BuildClientConf(const std::vector<ClientProperty>& defaults,
                                   const std::vector<ClientProperty>& overrides);

// Sets one property on an existing configuration, with the same error rules.
Status SetClientProperty(rd_kafka_conf_t* conf, const ClientProperty& property);

}  // namespace salesflow
