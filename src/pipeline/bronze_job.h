#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time_zone.h"
#include "kafka/client_config.h"
#include "pipeline/bronze_ingester.h"
#include "pipeline/flush_policy.h"
#include "pipeline/table_maintenance.h"

namespace salesflow::pipeline {

// Everything `salesflow bronze` needs, resolved from its settings.
struct BronzeJobOptions {
  std::string brokers;                           // bootstrap servers
  std::string topic = "ventes_stream";           // topic consumed
  std::string group = "salesflow-bronze";        // consumer group
  std::vector<ClientProperty> kafka_properties;  // librdkafka pass-through (-X, [kafka.properties])
  std::string table_dir;                         // delta_ventes_table
  std::string quarantine_dir;                    // delta_ventes_rejets
  std::optional<std::string> app_id;             // --app-id (unset: the tables' property)
  bool new_cluster = false;                      // --new-cluster
  std::optional<std::string> seek_offsets;       // --seek-offsets text
  FlushPolicy flush;                             // --max-rows/--max-bytes/--max-latency
  TimeZone time_zone;                            // timezone setting
  bool until_caught_up = false;                  // --until-caught-up
  int metrics_port = -1;                         // --metrics-port (-1 = no endpoint, 0 = any)
  std::string metrics_host = "127.0.0.1";        // where the metrics endpoint listens
  bool status_line = false;                      // a status line on stderr (a terminal)
  bool sync = true;                              // fsync files (off only for benchmarks)
  int64_t optimize_every = 0;                    // --optimize-every: commits between compactions
  // Vacuum and log cleanup of both tables after each of their checkpoints; used for a table
  // without delta.deletedFileRetentionDuration / delta.logRetentionDuration. Delta's own
  // defaults: Spark/Trino jobs and silver read bronze and may lag far behind.
  TableRetention retention = DeltaDefaultRetention();
};

// What a run did.
struct BronzeJobSummary {
  IngestTotals totals;    // counters of the run
  std::string app_id;     // app-id in force
  int metrics_port = -1;  // the bound metrics port, -1 when none
};

// Runs bronze: opens the tables, applies --new-cluster / --seek-offsets, joins the group and
// ingests until a stop request (SIGINT/SIGTERM through base/shutdown.h) or until caught up;
// commits and leaves the group before returning.
Status RunBronzeJob(const BronzeJobOptions& options, BronzeJobSummary* summary);

}  // namespace salesflow::pipeline
