#pragma once

// The scenario of silver's retention tests (silver_maintenance_test, the delta-rs check):
// RunSilverJob in-process over a bronze table with many commits (silver_feed.h), one output
// commit per bronze commit, checkpoint interval 10 (silver's is 100: same logic, fewer
// commits), 1 h retentions. A first run happens "three hours ago" (an injected clock stamps
// the removes, then every file of the tables is backdated); a later run happens now.

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "bronze_test_support.h"
#include "delta/snapshot.h"
#include "pipeline/silver_job.h"
#include "silver_feed.h"

namespace salesflow::testing {

inline constexpr int64_t kHourMs = int64_t{3600} * 1000;
// delta.checkpointInterval of the scenario's tables.
inline constexpr int64_t kScenarioCheckpointInterval = 10;
// Bronze commits per run: more than one interval, so every output table writes at least one
// checkpoint in each run (a skipped multiple is caught up at the latest when the run ends)
// and maintenance follows it.
inline constexpr int kCommitsPerRun = 15;
// Bronze rows per commit.
inline constexpr int64_t kRowsPerCommit = 12;

// Table-relative paths of the snapshot's active files, or of its tombstones.
std::set<std::string> DataFilePaths(const delta::Snapshot& snapshot, bool tombstones);

// One bronze table and silver's tables over it, in a temporary directory.
class SilverMaintenanceScenario {
 public:
  SilverMaintenanceScenario();

  // Silver's options (edit before a run).
  pipeline::SilverJobOptions& options() { return options_; }
  // Every output table's folder (the gold tables, then delta_silver_aggreges).
  const std::vector<std::string>& tables() const { return tables_; }

  // Appends `commits` bronze commits.
  void Feed(int commits);
  // Runs silver until caught up (a failure is a test failure).
  pipeline::SilverJobSummary Run(const pipeline::SilverJobOptions& options);
  pipeline::SilverJobSummary Run() { return Run(options_); }
  // The first run and kCommitsPerRun more commits, three hours ago: the clock stamps the
  // removes then, then every file of the tables is dated then. Returns, per table, the files
  // removed during it (checked still on disk).
  std::map<std::string, std::set<std::string>> RunThreeHoursAgo();
  // A from-scratch rebuild without maintenance into fresh folders; returns them as
  // (silver folder, gold folder).
  std::pair<std::string, std::string> BuildReference();

 private:
  TempDir dir_;
  pipeline::SilverJobOptions options_;
  std::unique_ptr<BronzeFeeder> feeder_;
  std::vector<std::string> tables_;
};

}  // namespace salesflow::testing
