#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/result.h"
#include "delta/action.h"
#include "delta/local_storage.h"
#include "delta/snapshot.h"
#include "pipeline/silver_input_row.h"

namespace salesflow::pipeline {

// One data file added to bronze, and the commit that added it.
struct BronzeFile {
  int64_t version = 0;  // bronze version of the commit
  delta::AddFile add;   // the add (dataChange=true)
};

// What the bronze commits after a position hold.
struct BronzeChanges {
  int64_t last_version = -1;      // last commit read; -1 when there was none
  std::vector<BronzeFile> files;  // data-changing adds in commit order (compaction skipped)
  std::string rebuild_reason;     // non-empty: these commits cannot be folded incrementally
};

// Counters of one fold.
struct FoldCounters {
  int64_t files = 0;  // data files read
  int64_t bytes = 0;  // their sizes
  int64_t rows = 0;   // rows folded
};

// Silver's read side of bronze: follows the log commit by commit from a position and reads
// only the files those commits added. Everything that makes an incremental fold wrong is
// reported as a rebuild reason: a remove with dataChange=true (rows left bronze), a metaData
// with another table id, a commit cleaned from the log, a data file vacuumed away.
class BronzeTail {
 public:
  explicit BronzeTail(const std::string& dir);

  // The latest snapshot (start and rebuild). NotFound while bronze does not exist.
  Result<delta::Snapshot> LoadSnapshot();
  // The commits after `position` of the table whose metaData.id is `table_id`: at most
  // `max_commits`, and no more once their files reach `max_bytes`.
  Result<BronzeChanges> ReadAfter(int64_t position, const std::string& table_id, int max_commits,
                                  int64_t max_bytes);
  // The metaData.id of the table in the folder now (cheap: version 0's commit when kept).
  Result<std::string> CurrentTableId();

  // Reads `files` (bronze metadata `metadata`) and calls `on_row` for each row with the bronze
  // version that added it.
  Result<FoldCounters> Fold(const delta::Metadata& metadata, const std::vector<BronzeFile>& files,
                            const std::function<void(const SilverInputRow&, int64_t)>& on_row);

 private:
  delta::LocalStorage storage_;
};

}  // namespace salesflow::pipeline
