#include "pipeline/quarantine_row.h"

#include <simdjson.h>

#include "pipeline/bronze_schema.h"

namespace salesflow::pipeline {

bool IsValidUtf8(std::string_view bytes) {
  return simdjson::validate_utf8(bytes.data(), bytes.size());
}

void AppendBase64(std::string_view bytes, std::string* out) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t i = 0;
  const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = (uint32_t{b[i]} << 16) | (uint32_t{b[i + 1]} << 8) | b[i + 2];
    out->push_back(kAlphabet[(v >> 18) & 63]);
    out->push_back(kAlphabet[(v >> 12) & 63]);
    out->push_back(kAlphabet[(v >> 6) & 63]);
    out->push_back(kAlphabet[v & 63]);
  }
  size_t rest = bytes.size() - i;
  if (rest == 0) return;
  uint32_t v = uint32_t{b[i]} << 16;
  if (rest == 2) v |= uint32_t{b[i + 1]} << 8;
  out->push_back(kAlphabet[(v >> 18) & 63]);
  out->push_back(kAlphabet[(v >> 12) & 63]);
  out->push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
  out->push_back('=');
}

void AppendQuarantineRow(const KafkaRecord& record, const Rejection& rejection,
                         int64_t rejected_at_micros, std::string* scratch,
                         parquet::ColumnBatch* batch) {
  std::vector<parquet::Column>& c = batch->columns;
  if (IsValidUtf8(record.payload)) {
    c[kRawPayload].AppendBinary(record.payload);
    c[kPayloadEncoding].AppendBinary("utf8");
  } else {
    scratch->clear();
    AppendBase64(record.payload, scratch);
    c[kRawPayload].AppendBinary(*scratch);
    c[kPayloadEncoding].AppendBinary("base64");
  }
  // Keys are client ids in text; a key that is not UTF-8 is kept as base64 rather than lost.
  if (record.key.empty()) {
    c[kKafkaKey].AppendNull();
  } else if (IsValidUtf8(record.key)) {
    c[kKafkaKey].AppendBinary(record.key);
  } else {
    scratch->clear();
    scratch->append("base64:");
    AppendBase64(record.key, scratch);
    c[kKafkaKey].AppendBinary(*scratch);
  }
  c[kReason].AppendBinary(RejectReasonName(rejection.reason));
  if (rejection.field.empty()) {
    c[kField].AppendNull();
  } else {
    c[kField].AppendBinary(rejection.field);
  }
  c[kMessage].AppendBinary(rejection.message);
  c[kRejectTopic].AppendBinary(record.topic);
  c[kRejectPartition].AppendInt32(record.partition);
  c[kRejectOffset].AppendInt64(record.offset);
  if (record.timestamp_ms) {
    c[kRejectKafkaTimestamp].AppendInt64(*record.timestamp_ms * 1000);
  } else {
    c[kRejectKafkaTimestamp].AppendNull();
  }
  c[kRejectedAt].AppendInt64(rejected_at_micros);
  ++batch->num_rows;
}

}  // namespace salesflow::pipeline
