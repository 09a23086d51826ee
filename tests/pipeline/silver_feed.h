#pragma once

// Writes bronze tables for the silver tests and benchmark directly with the Delta API and the
// bronze schema (no Kafka): seeded sales whose clients change name and segment during the
// stream, ties on event time (so the partition/offset tie-break matters), and late events.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "delta/local_storage.h"
#include "delta/snapshot.h"

namespace salesflow::testing {

// What the generated stream looks like.
struct FeedOptions {
  uint64_t seed = 42;                            // everything below is a function of it
  int64_t clients = 200;                         // client ids 1..clients
  int64_t rows_per_epoch = 5000;                 // names/segments change every this many rows
  int64_t base_time_us = 1'733'011'200'000'000;  // 2024-12-01T00:00:00Z
  int64_t pace_us = 250'000;                     // event time advance per 3 rows
  bool sync = false;                             // fsync (off: tests and bench on tmpfs-ish)
};

// Appends generated sales to a bronze table, one commit per call, continuing the stream.
class BronzeFeeder {
 public:
  // Opens (or creates) the bronze table at `dir`; the stream continues after its last row.
  static Result<std::unique_ptr<BronzeFeeder>> Open(const std::string& dir, FeedOptions options);

  // Commits rows [next_row, next_row + rows) as one bronze commit (files split per
  // date_vente). Returns the version.
  Result<int64_t> Commit(int64_t rows);
  // Rows written so far (the next row index).
  int64_t next_row() const { return next_row_; }
  // Sizes of the files each of this feeder's commits added, by version.
  const std::vector<std::pair<int64_t, int64_t>>& commit_bytes() const { return commit_bytes_; }

 private:
  BronzeFeeder(const std::string& dir, FeedOptions options);

  FeedOptions options_;
  delta::LocalStorage storage_;
  delta::Snapshot snapshot_;
  int64_t next_row_ = 0;
  std::vector<std::pair<int64_t, int64_t>> commit_bytes_;
};

}  // namespace salesflow::testing
