#include "server/dashboard_source.h"

#include <utility>

namespace salesflow {

const char* SourceStateName(SourceState state) {
  switch (state) {
    case SourceState::kReady:
      return "ready";
    case SourceState::kWaiting:
      return "waiting";
    case SourceState::kFailed:
      return "failed";
  }
  return "unknown";
}

InMemoryDashboardSource::InMemoryDashboardSource() {
  auto first = std::make_shared<DashboardSnapshot>();
  first->message = "no gold/silver table yet";
  first->data = std::make_shared<const DashboardData>();
  current_ = std::move(first);
}

std::shared_ptr<const DashboardSnapshot> InMemoryDashboardSource::Snapshot() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_;
}

uint64_t InMemoryDashboardSource::WaitForChange(uint64_t seen,
                                                std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mu_);
  changed_.wait_for(lock, timeout, [&] { return current_->generation != seen; });
  return current_->generation;
}

void InMemoryDashboardSource::Install(std::shared_ptr<DashboardSnapshot> next) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    next->generation = current_->generation + 1;
    current_ = std::move(next);
  }
  changed_.notify_all();
}

void InMemoryDashboardSource::Publish(DashboardData data, bool demo) {
  auto next = std::make_shared<DashboardSnapshot>();
  next->state = SourceState::kReady;
  next->demo = demo;
  next->data = std::make_shared<const DashboardData>(std::move(data));
  Install(std::move(next));
}

void InMemoryDashboardSource::SetState(SourceState state, std::string message) {
  auto next = std::make_shared<DashboardSnapshot>();
  {
    std::lock_guard<std::mutex> lock(mu_);
    next->data = current_->data;
    next->demo = current_->demo;
  }
  next->state = state;
  next->message = std::move(message);
  Install(std::move(next));
}

}  // namespace salesflow
