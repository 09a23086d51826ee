#pragma once

#include <chrono>
#include <cstdint>

#include "pipeline/ingest_buffer.h"

namespace salesflow::pipeline {

// When bronze commits what it buffered: whichever limit is reached first.
struct FlushPolicy {
  int64_t max_rows = 500'000;                        // --max-rows: buffered messages
  int64_t max_bytes = 64 << 20;                      // --max-bytes: buffered payload bytes
  std::chrono::microseconds max_latency{1'000'000};  // --max-latency: age of the oldest one

  // True when `buffer` must be committed at `now_micros`.
  bool Due(const IngestBuffer& buffer, int64_t now_micros) const {
    if (buffer.empty()) return false;
    return buffer.messages() >= max_rows || buffer.bytes() >= max_bytes ||
           now_micros - buffer.oldest_micros().value_or(now_micros) >= max_latency.count();
  }
};

}  // namespace salesflow::pipeline
