#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "base/clock.h"
#include "delta/parquet_checkpoint_reader.h"
#include "delta/storage.h"

namespace salesflow::pipeline {

// What a CheckpointWorker does besides checkpoints.
struct CheckpointWorkerOptions {
  std::string table_name = "bronze";  // names the table in its log lines
  const Clock* clock = nullptr;       // "now" for expiring tombstones (nullptr = SystemClock)
  // Run on the worker's thread after each checkpoint it wrote (silver's and bronze's vacuum
  // and log cleanup, which need a fresh checkpoint for the log to start at); may be empty.
  std::function<void()> after_checkpoint;
};

// Writes a table's checkpoints (delta.checkpointInterval) on a thread of its own, off the
// commit path: a slow or failed checkpoint never delays or fails a commit. `storage` must be
// safe to use from that thread (a LocalStorage of its own).
class CheckpointWorker {
 public:
  explicit CheckpointWorker(delta::Storage& storage, CheckpointWorkerOptions options = {});
  // Finishes a pending checkpoint, then stops the thread.
  ~CheckpointWorker();
  CheckpointWorker(const CheckpointWorker&) = delete;
  CheckpointWorker& operator=(const CheckpointWorker&) = delete;

  // Tells the worker a commit happened; it checks whether a checkpoint is due.
  void Notify();
  // Checkpoints written so far.
  int64_t written() const;

 private:
  void Loop();

  delta::Storage& storage_;
  CheckpointWorkerOptions options_;
  delta::ParquetCheckpointReader reader_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool pending_ = false;
  bool stopping_ = false;
  int64_t written_ = 0;
  std::thread thread_;  // last: started once the members above exist
};

}  // namespace salesflow::pipeline
