#pragma once

#include <cstdint>
#include <optional>

#include "base/result.h"
#include "delta/data_file_writer.h"
#include "delta/snapshot.h"
#include "delta/storage.h"
#include "delta/transaction.h"

namespace salesflow::delta {

// How small files are compacted.
struct OptimizeOptions {
  int64_t target_file_size = int64_t{128} << 20;       // bytes a compacted file aims at; files
                                                       // this size or larger are left alone
  int min_files_per_bin = 2;                           // a bin of one file is not rewritten
  DataFileWriterOptions writer{.data_change = false};  // the new files (dataChange=false)
  CommitOptions commit;                                // attempts and clock of the commit
};

// What an optimize did.
struct OptimizeResult {
  int64_t files_removed = 0;            // small files replaced
  int64_t files_added = 0;              // compacted files written
  int64_t bytes_removed = 0;            // size of the replaced files
  int64_t bytes_added = 0;              // size of the new files
  std::optional<TableVersion> version;  // the OPTIMIZE commit; unset when nothing to do
};

// Bin-packs the small files of each partition of `snapshot` into files of up to
// target_file_size (greedy, in path order) and commits all rewrites as one OPTIMIZE commit of
// removes and adds with dataChange=false, so streaming readers skip it. Rows are unchanged.
// A concurrent commit that removes one of the same files makes it a Conflict (the new files
// then stay unreferenced until vacuum).
Result<OptimizeResult> Optimize(Storage& storage, const Snapshot& snapshot,
                                const OptimizeOptions& options = {});

}  // namespace salesflow::delta
