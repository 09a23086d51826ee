#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"

namespace date {
class time_zone;
}

namespace salesflow {

// An IANA time zone (from the system tzdata) for naive timestamps, day partitions, minute
// buckets and dashboard periods. Cheap to copy; "UTC" never touches the tz database.
class TimeZone {
 public:
  // The UTC zone.
  TimeZone() = default;
  // Looks the name up in the system tz database ("Europe/Paris", "UTC").
  static Result<TimeZone> Find(std::string_view name);

  const std::string& name() const { return name_; }
  bool is_utc() const { return zone_ == nullptr; }

  // A wall-clock reading in this zone (micros since the epoch as if it were UTC) to the real
  // UTC instant. In a DST gap the reading is moved forward; in an overlap the earlier is used.
  int64_t LocalToUtcMicros(int64_t local_micros) const;
  // The UTC instant to this zone's wall clock (micros since the epoch as if it were UTC).
  int64_t UtcToLocalMicros(int64_t utc_micros) const;

 private:
  std::string name_ = "UTC";
  const date::time_zone* zone_ = nullptr;  // owned by the process-wide tz database
};

}  // namespace salesflow
