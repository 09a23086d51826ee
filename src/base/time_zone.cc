#include "base/time_zone.h"

#include <date/tz.h>

#include <chrono>
#include <exception>

namespace salesflow {

Result<TimeZone> TimeZone::Find(std::string_view name) {
  TimeZone tz;
  if (name == "UTC" || name == "Etc/UTC" || name == "Z") return tz;
  try {
    tz.zone_ = date::locate_zone(std::string(name));
    tz.name_ = std::string(name);
  } catch (const std::exception& e) {
    return InvalidArgument("unknown time zone '" + std::string(name) +
                           "': use an IANA name such as Europe/Paris or UTC (" + e.what() + ")");
  }
  return tz;
}

int64_t TimeZone::LocalToUtcMicros(int64_t local_micros) const {
  if (zone_ == nullptr) return local_micros;
  using std::chrono::microseconds;
  date::local_time<microseconds> local{microseconds(local_micros)};
  auto info = zone_->get_info(date::floor<std::chrono::seconds>(local));
  switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous:  // earlier instant: the first offset
      return local_micros - std::chrono::duration_cast<microseconds>(info.first.offset).count();
    case date::local_info::nonexistent:  // gap: read with the offset before the jump
      return local_micros - std::chrono::duration_cast<microseconds>(info.first.offset).count();
  }
  return local_micros;
}

int64_t TimeZone::UtcToLocalMicros(int64_t utc_micros) const {
  if (zone_ == nullptr) return utc_micros;
  using std::chrono::microseconds;
  date::sys_time<microseconds> sys{microseconds(utc_micros)};
  auto info = zone_->get_info(sys);
  return utc_micros + std::chrono::duration_cast<microseconds>(info.offset).count();
}

}  // namespace salesflow
