#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "base/clock.h"
#include "delta/optimize.h"
#include "delta/parquet_checkpoint_reader.h"
#include "delta/storage.h"

namespace salesflow::pipeline {

// How bronze compacts its small files (--optimize-every).
struct BronzeCompactorOptions {
  int64_t every = 0;  // bronze commits between two compactions (0 = never)
  int64_t target_file_size = int64_t{128} << 20;  // bytes a compacted file aims at
  const Clock* clock =
      nullptr;  // OPTIMIZE commit time = removes' deletionTimestamp (nullptr = system)
};

// Compacts the bronze table's small files (one per date_vente per commit) on a thread of its
// own, every `every` commits: one OPTIMIZE commit (dataChange=false, so streaming readers such
// as silver skip it). It runs off the commit path: bronze's appends and the OPTIMIZE commit do
// not conflict (blind appends vs removes of older files), and a failed compaction is a warning
// (the next one retries). `storage` must be safe to use from that thread (a LocalStorage of its
// own).
class BronzeCompactor {
 public:
  BronzeCompactor(delta::Storage& storage, BronzeCompactorOptions options);
  // Finishes a running compaction, then stops the thread.
  ~BronzeCompactor();
  BronzeCompactor(const BronzeCompactor&) = delete;
  BronzeCompactor& operator=(const BronzeCompactor&) = delete;

  // Tells the compactor a bronze commit happened; every `every`-th starts a compaction.
  void Notify();
  // OPTIMIZE commits written so far.
  int64_t compactions() const;
  // Blocks until no compaction is pending or running.
  void WaitIdle();

 private:
  void Loop();

  delta::Storage& storage_;
  const BronzeCompactorOptions options_;
  delta::ParquetCheckpointReader reader_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  int64_t commits_ = 0;  // bronze commits since the last compaction was started
  bool pending_ = false;
  bool running_ = false;
  std::condition_variable idle_;  // signalled when a compaction ends
  bool stopping_ = false;
  int64_t compactions_ = 0;
  std::thread thread_;  // last: started once the members above exist
};

}  // namespace salesflow::pipeline
