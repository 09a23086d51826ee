#include "pipeline/checkpoint_worker.h"

#include <spdlog/spdlog.h>

#include <utility>

#include "delta/checkpoint_writer.h"

namespace salesflow::pipeline {

CheckpointWorker::CheckpointWorker(delta::Storage& storage, CheckpointWorkerOptions options)
    : storage_(storage), options_(std::move(options)), thread_([this] { Loop(); }) {}

CheckpointWorker::~CheckpointWorker() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void CheckpointWorker::Notify() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_ = true;
  }
  wake_.notify_all();
}

int64_t CheckpointWorker::written() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return written_;
}

void CheckpointWorker::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return pending_ || stopping_; });
    if (!pending_) return;  // stopping with nothing left to do
    pending_ = false;
    lock.unlock();
    Result<bool> wrote = delta::MaybeCheckpoint(storage_, reader_, {.clock = options_.clock});
    if (wrote.ok() && *wrote && options_.after_checkpoint) options_.after_checkpoint();
    lock.lock();
    if (!wrote.ok()) {
      // Readers only replay more JSON until the next checkpoint: a warning, not a failure.
      spdlog::warn("{}: checkpoint failed: {}", options_.table_name, wrote.status().ToString());
    } else if (*wrote) {
      ++written_;
    }
  }
}

}  // namespace salesflow::pipeline
