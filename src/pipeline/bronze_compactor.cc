#include "pipeline/bronze_compactor.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "delta/snapshot.h"

namespace salesflow::pipeline {

BronzeCompactor::BronzeCompactor(delta::Storage& storage, BronzeCompactorOptions options)
    : storage_(storage), options_(options), thread_([this] { Loop(); }) {}

BronzeCompactor::~BronzeCompactor() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void BronzeCompactor::Notify() {
  if (options_.every <= 0) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (++commits_ < options_.every) return;
    commits_ = 0;
    pending_ = true;
  }
  wake_.notify_all();
}

int64_t BronzeCompactor::compactions() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return compactions_;
}

void BronzeCompactor::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return pending_ || stopping_; });
    // A compaction is never started on the way out: it would delay the job's exit.
    if (stopping_) return;
    pending_ = false;
    running_ = true;
    lock.unlock();
    auto started = std::chrono::steady_clock::now();
    Result<delta::Snapshot> snapshot =
        delta::LoadSnapshot(storage_, {.checkpoint_reader = &reader_});
    Result<delta::OptimizeResult> done =
        snapshot.ok() ? delta::Optimize(storage_, *snapshot,
                                        {.target_file_size = options_.target_file_size,
                                         .commit = {.clock = options_.clock}})
                      : Result<delta::OptimizeResult>(snapshot.status());
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    lock.lock();
    running_ = false;
    if (!done.ok()) {
      // Small files only slow readers down: a warning, never a failure of the job.
      spdlog::warn("bronze: compaction failed (retried after the next {} commits): {}",
                   options_.every, done.status().ToString());
    } else if (done->version) {
      ++compactions_;
      spdlog::info("bronze: compaction: version {}: {} files ({} bytes) into {} in {:.2f} s",
                   *done->version, done->files_removed, done->bytes_removed, done->files_added,
                   seconds);
    }
    idle_.notify_all();
  }
}

void BronzeCompactor::WaitIdle() {
  std::unique_lock<std::mutex> lock(mutex_);
  idle_.wait(lock, [this] { return (!pending_ && !running_) || stopping_; });
}

}  // namespace salesflow::pipeline
