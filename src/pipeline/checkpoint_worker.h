#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "delta/parquet_checkpoint_reader.h"
#include "delta/storage.h"

namespace salesflow::pipeline {

// Writes a table's checkpoints (delta.checkpointInterval) on a thread of its own, off the
// commit path: a slow or failed checkpoint never delays or fails a commit. `storage` must be
// safe to use from that thread (a LocalStorage of its own).
class CheckpointWorker {
 public:
  explicit CheckpointWorker(delta::Storage& storage);
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
  delta::ParquetCheckpointReader reader_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool pending_ = false;
  bool stopping_ = false;
  int64_t written_ = 0;
  std::thread thread_;  // last: started once the members above exist
};

}  // namespace salesflow::pipeline
