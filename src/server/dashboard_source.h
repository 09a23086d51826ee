#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "server/dashboard_data.h"

namespace salesflow {

// Whether a snapshot has figures to show.
enum class SourceState {
  kReady,    // data loaded (possibly empty tables)
  kWaiting,  // no table yet: silver has not written gold/silver
  kFailed,   // the last load failed; `message` says why (the previous data is kept)
};

// "ready", "waiting", "failed": the health endpoint and the UI show it.
const char* SourceStateName(SourceState state);

// One consistent view of the gold and silver tables. Immutable; shared by every request.
struct DashboardSnapshot {
  uint64_t generation = 0;                    // +1 at every publish: the SSE "version" id
  SourceState state = SourceState::kWaiting;  // whether `data` is meaningful
  std::string message;                        // why not ready; empty when ready
  bool demo = false;                          // generated demo data, labelled as such in the UI
  std::shared_ptr<const DashboardData> data;  // never null (empty while waiting)
};

// The seam between the dashboard and its data: a Delta loader following the silver/gold logs,
// or an in-memory fixture in tests and `dashboard --fixture`.
class DashboardSource {
 public:
  virtual ~DashboardSource() = default;
  // The latest published snapshot (never null).
  virtual std::shared_ptr<const DashboardSnapshot> Snapshot() const = 0;
  // Blocks until the generation differs from `seen` or `timeout` passes; returns the
  // generation then current. Live-update streams wait here.
  virtual uint64_t WaitForChange(uint64_t seen, std::chrono::milliseconds timeout) const = 0;
};

// A DashboardSource fed by Publish(): the fixture in tests, and the place a Delta loader
// publishes each consistent load to.
class InMemoryDashboardSource final : public DashboardSource {
 public:
  // Starts in kWaiting with an empty model.
  InMemoryDashboardSource();

  std::shared_ptr<const DashboardSnapshot> Snapshot() const override;
  uint64_t WaitForChange(uint64_t seen, std::chrono::milliseconds timeout) const override;

  // Makes `data` current (state kReady) and wakes waiters.
  void Publish(DashboardData data, bool demo = false);
  // Reports a state without data (kWaiting) or a failed reload (kFailed, data kept).
  void SetState(SourceState state, std::string message);

 private:
  void Install(std::shared_ptr<DashboardSnapshot> next);

  mutable std::mutex mu_;
  mutable std::condition_variable changed_;
  std::shared_ptr<const DashboardSnapshot> current_;
};

}  // namespace salesflow
