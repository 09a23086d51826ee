#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "base/time_zone.h"
#include "delta/checkpoint_writer.h"
#include "pipeline/churn_rule.h"
#include "pipeline/loyalty_rule.h"
#include "pipeline/table_maintenance.h"

namespace salesflow::pipeline {

// Everything `salesflow silver` needs, resolved from its settings.
struct SilverJobOptions {
  std::string bronze_dir;                                // delta_ventes_table
  std::string silver_dir;                                // delta_silver_aggreges
  std::string gold_dir;                                  // delta_gold (one folder per gold table)
  std::chrono::microseconds poll{250'000};               // wait between looks at an idle bronze
  std::chrono::microseconds silver_interval{5'000'000};  // silver commit cadence
  std::chrono::microseconds gold_interval{1'000'000};    // gold commit cadence
  TimeZone time_zone;                                    // minutes and days of the gold tables
  LoyaltyRule loyalty;                                   // fidelite thresholds
  ChurnRule churn;                                       // risque_churn thresholds
  int32_t bucket_count = 16;                             // silver partitions (client_id mod this)
  int max_commits_per_step = 500;                        // bronze commits read per fold step
  int64_t max_bytes_per_step = 32 << 20;                 // and no more once their files reach this
  bool until_caught_up = false;                          // stop at the bronze version seen at start
  bool rebuild = false;                                  // recompute everything from bronze first
  int metrics_port = -1;                                 // -1 = no endpoint, 0 = any free port
  std::string metrics_host = "127.0.0.1";                // where the metrics endpoint listens
  bool sync = true;                                      // fsync files (off only for benchmarks)
  TableRetention retention;      // retention properties, vacuum and log cleanup of the outputs
  const Clock* clock = nullptr;  // commit timestamps and maintenance "now" (nullptr = system)
  // delta.checkpointInterval of the tables silver creates (tests use fewer commits).
  int64_t checkpoint_interval = delta::kStreamingCheckpointInterval;
};

// One gold commit round, as the bytes-read metric saw it.
struct SilverCommitRecord {
  int64_t bronze_version = -1;  // bronze version the round committed
  int64_t bronze_bytes = 0;     // bronze data file bytes read since the previous round
  bool with_silver = false;     // delta_silver_aggreges was committed in the same round
};

// What a run did.
struct SilverJobSummary {
  int64_t bronze_version = -1;              // last bronze version folded
  int64_t rows_folded = 0;                  // bronze rows folded
  int64_t bronze_bytes_read = 0;            // bronze data file bytes read
  int64_t silver_commits = 0;               // delta_silver_aggreges commits
  int64_t gold_commits = 0;                 // gold rounds
  int64_t rebuilds = 0;                     // full recomputations
  std::vector<SilverCommitRecord> commits;  // every gold round, in order
  int metrics_port = -1;                    // the bound metrics port, -1 when none
  int64_t maintenance_runs = 0;             // vacuum + log cleanup passes that succeeded
  int64_t maintenance_failures = 0;         // passes that failed (logged, never fatal)
  int64_t files_vacuumed = 0;               // removed data files deleted
  int64_t log_files_deleted = 0;            // expired commit and checkpoint files deleted
};

// Runs silver: waits for the bronze table, restores the state from the output tables (or
// rebuilds it from bronze), then tails bronze, folding each new commit's added files and
// committing gold every gold_interval and silver (with gold) every silver_interval, until a
// stop request (base/shutdown.h) or until caught up; commits what it folded before returning.
Status RunSilverJob(const SilverJobOptions& options, SilverJobSummary* summary);

}  // namespace salesflow::pipeline
