#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "base/result.h"
#include "base/time_zone.h"
#include "event/rejection.h"
#include "event/sale.h"

namespace salesflow {

// Limits and settings of the validating decoder.
struct SaleDecoderOptions {
  TimeZone time_zone;                    // zone in which naive timestamps are read (UTC)
  size_t max_message_bytes = 64 * 1024;  // larger payloads are too_large, unparsed
  size_t max_string_bytes = 256;         // per text field, in UTF-8 bytes after unescaping
  int32_t max_quantite = 1'000'000;      // quantite above this is out_of_range
  size_t max_depth = 32;                 // JSON nesting limit (the message object is depth 1)
};

// Decodes and validates one Kafka message payload into a Sale (see docs/DESIGN.md, "The sale
// event contract"). Holds a simdjson parser and a padded buffer that are reused across calls:
// keep one per thread; it is not thread-safe. Never crashes on any input.
class SaleDecoder {
 public:
  explicit SaleDecoder(SaleDecoderOptions options = {});
  ~SaleDecoder();
  SaleDecoder(SaleDecoder&&) noexcept;
  SaleDecoder& operator=(SaleDecoder&&) noexcept;

  // Decodes `payload` into *sale, reusing its strings' capacity (the fast path: no allocation
  // once warm). On rejection returns InvalidArgument("<reason> at <field>: <message>") and, when
  // `rejection` is given, fills it with the same parts; *sale is then unspecified.
  Status Decode(std::string_view payload, Sale* sale, Rejection* rejection = nullptr);

  // Convenience form for tests and tools.
  Result<Sale> Decode(std::string_view payload);

  const SaleDecoderOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace salesflow
