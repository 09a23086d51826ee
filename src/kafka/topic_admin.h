#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "base/status.h"
#include "kafka/client_config.h"

namespace salesflow {

// Creates `topic` with `partitions` partitions (replication factor 1) through the Kafka admin
// API. AlreadyExists when it is there already. For tests and tools: the real broker started by
// scripts/kafka does not auto-create topics.
Status CreateTopic(const std::string& brokers, const std::vector<ClientProperty>& properties,
                   const std::string& topic, int partitions, std::chrono::milliseconds timeout);

}  // namespace salesflow
