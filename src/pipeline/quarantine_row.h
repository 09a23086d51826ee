#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "event/rejection.h"
#include "parquet/column_batch.h"
#include "pipeline/kafka_record.h"

namespace salesflow::pipeline {

// True when `bytes` is valid UTF-8 (the quarantine stores such payloads as text).
bool IsValidUtf8(std::string_view bytes);

// Standard base64 (RFC 4648, with padding) of `bytes`, appended to *out.
void AppendBase64(std::string_view bytes, std::string* out);

// Appends one quarantine row (see QuarantineColumn) for a rejected message to `batch`, which
// must have the quarantine file schema. `scratch` is reused for the base64 text.
void AppendQuarantineRow(const KafkaRecord& record, const Rejection& rejection,
                         int64_t rejected_at_micros, std::string* scratch,
                         parquet::ColumnBatch* batch);

}  // namespace salesflow::pipeline
