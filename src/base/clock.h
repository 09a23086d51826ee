#pragma once

#include <atomic>
#include <cstdint>

namespace salesflow {

// Source of wall-clock time; an interface so tests control time (retention, latency windows).
class Clock {
 public:
  virtual ~Clock() = default;
  // Microseconds since the Unix epoch, UTC.
  virtual int64_t NowMicros() const = 0;
  int64_t NowMillis() const { return NowMicros() / 1000; }
};

// The real clock (system_clock).
class SystemClock final : public Clock {
 public:
  int64_t NowMicros() const override;
  // Process-wide instance for production wiring.
  static const Clock& Instance();
};

// A clock that only moves when told to; safe to read from several threads.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t start_micros = 0) : now_(start_micros) {}
  int64_t NowMicros() const override { return now_.load(); }
  void Set(int64_t micros) { now_.store(micros); }
  void Advance(int64_t micros) { now_.fetch_add(micros); }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace salesflow
