#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/time_zone.h"

namespace salesflow {

// How a producer wrote a sale's timestamp, so the encoder can write it back the same way.
enum class SaleTimeForm : uint8_t {
  kNaive,   // "2024-12-16T14:30:00": a wall-clock reading in the configured time zone
  kZulu,    // "2024-12-16T14:30:00Z"
  kOffset,  // "2024-12-16T15:30:00+01:00"
};

// When a sale happened: the UTC instant, and the form and offset it was written with.
struct SaleTime {
  int64_t utc_micros = 0;          // microseconds since the Unix epoch, UTC
  int32_t utc_offset_seconds = 0;  // wall clock minus UTC as written (the zone's, when naive)
  SaleTimeForm form = SaleTimeForm::kNaive;  // how the text was written

  bool naive() const { return form == SaleTimeForm::kNaive; }
  // The wall-clock reading the text showed (microseconds since the epoch as if it were UTC).
  int64_t local_micros() const { return utc_micros + int64_t{utc_offset_seconds} * 1'000'000; }

  friend bool operator==(const SaleTime&, const SaleTime&) = default;
};

// A naive wall-clock reading in `zone` (microseconds as if UTC) as a SaleTime.
SaleTime NaiveSaleTime(int64_t local_micros, const TimeZone& zone);
// The UTC instant shown as a naive wall-clock reading of `zone`, as the generator writes it.
SaleTime NaiveSaleTimeAt(int64_t utc_micros, const TimeZone& zone);

// Reads ISO-8601 "YYYY-MM-DD(T| )HH:MM:SS[.f{1,9}][Z|±HH:MM|±HHMM]" (T/Z in either case);
// digits past microseconds are truncated. A naive text is read in `zone`. On failure returns
// false and sets *why to a static description ("month out of range"); never allocates.
bool ParseSaleTime(std::string_view text, const TimeZone& zone, SaleTime* out, const char** why);

// "2024-12-16T14:30:00" (naive), "...Z" or "...+01:00", with ".ffffff" only when the
// microseconds are not zero (as Python's datetime.isoformat()). Appends to *out.
void AppendSaleTime(const SaleTime& time, std::string* out);
std::string FormatSaleTime(const SaleTime& time);

}  // namespace salesflow
