#pragma once

#include <librdkafka/rdkafka.h>

#include <string_view>

#include "base/status.h"

namespace salesflow {

// The Status for a librdkafka error code: broker/transport trouble and timeouts are Unavailable
// (retry later), unknown topic/partition NotFound, out-of-range offsets OutOfRange, bad
// configuration InvalidArgument, fenced/fatal states Internal or Conflict. The message is
// "<context>: <librdkafka text> (<code name>)".
Status KafkaStatus(rd_kafka_resp_err_t err, std::string_view context);

// The same for an rd_kafka_error_t (consumes nothing; the caller still owns `error`).
Status KafkaErrorStatus(const rd_kafka_error_t* error, std::string_view context);

}  // namespace salesflow
