#include "pipeline/bronze_job.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cstdio>

#include "delta/local_storage.h"
#include "kafka/group_consumer.h"
#include "pipeline/bronze_committer.h"
#include "pipeline/checkpoint_worker.h"
#include "pipeline/metrics_endpoint.h"
#include "pipeline/table_maintainer.h"

namespace salesflow::pipeline {

Status RunBronzeJob(const BronzeJobOptions& options, BronzeJobSummary* summary) {
  delta::LocalStorage bronze(options.table_dir, {.sync = options.sync});
  delta::LocalStorage quarantine(options.quarantine_dir, {.sync = options.sync});
  SF_ASSIGN_OR_RETURN(auto committer, BronzeCommitter::Open(bronze, quarantine,
                                                            {.topic = options.topic,
                                                             .app_id = options.app_id,
                                                             .new_cluster = options.new_cluster}));
  summary->app_id = committer->app_id();
  if (options.seek_offsets) {
    SF_ASSIGN_OR_RETURN(auto offsets, ParseSeekOffsets(*options.seek_offsets));
    SF_RETURN_IF_ERROR(committer->SeekOffsets(offsets).status());
  }
  BronzeMetrics metrics;
  std::unique_ptr<MetricsEndpoint> endpoint;
  if (options.metrics_port >= 0) {
    SF_ASSIGN_OR_RETURN(endpoint, MetricsEndpoint::Start(metrics.registry(), options.metrics_host,
                                                         options.metrics_port));
    summary->metrics_port = endpoint->port();
    spdlog::info("bronze: metrics on http://{}:{}/metrics", options.metrics_host, endpoint->port());
  }
  // Vacuum and expired-log cleanup right after each checkpoint, on the checkpoint thread (off
  // the commit path; docs/DESIGN.md "Bronze": maintenance). Declared before the workers that
  // call them. Every process of the group does it: concurrent passes are harmless.
  MaintenanceObserver observer = [&metrics](const std::string& /*table*/,
                                            const Result<MaintenanceReport>& report) {
    metrics.maintenance.Record(report);
  };
  TableMaintainer maintainer(options.table_dir, {.log_prefix = "bronze",
                                                 .table_name = "the bronze table",
                                                 .retention = options.retention,
                                                 .sync = options.sync,
                                                 .observer = observer});
  TableMaintainer quarantine_maintainer(options.quarantine_dir,
                                        {.log_prefix = "bronze",
                                         .table_name = "the quarantine table",
                                         .retention = options.retention,
                                         .sync = options.sync,
                                         .observer = observer});
  // The checkpoint thread gets a storage of its own (LocalStorage holds no state, but keep
  // the seam clean).
  delta::LocalStorage checkpoint_storage(options.table_dir, {.sync = options.sync});
  CheckpointWorker checkpoints(checkpoint_storage,
                               {.table_name = "bronze", .after_checkpoint = maintainer.Hook()});
  delta::LocalStorage quarantine_checkpoint_storage(options.quarantine_dir, {.sync = options.sync});
  CheckpointWorker quarantine_checkpoints(
      quarantine_checkpoint_storage,
      {.table_name = "bronze quarantine", .after_checkpoint = quarantine_maintainer.Hook()});
  delta::LocalStorage compactor_storage(options.table_dir, {.sync = options.sync});
  BronzeCompactor compactor(compactor_storage, {.every = options.optimize_every});

  BronzeIngesterOptions ingest;
  ingest.flush = options.flush;
  ingest.time_zone = options.time_zone;
  ingest.until_caught_up = options.until_caught_up;
  ingest.metrics = &metrics;
  ingest.query_lag = endpoint != nullptr || options.status_line;
  ingest.checkpoints = &checkpoints;
  ingest.quarantine_checkpoints = &quarantine_checkpoints;
  ingest.compactor = &compactor;
  if (options.status_line) {
    ingest.status_sink = [](const std::string& line) {
      std::fprintf(stderr, "\r%-120s", line.c_str());
      std::fflush(stderr);
    };
  }
  BronzeIngester ingester(*committer, ingest);
  spdlog::info("bronze: {} on {} (group {}, app-id {}) -> {} / rejects {}", options.topic,
               options.brokers, options.group, committer->app_id(), options.table_dir,
               options.quarantine_dir);

  std::vector<ClientProperty> properties;
  // An offset that is gone must be an error, never a jump to the earliest or latest: bronze
  // seeks explicitly (stored + 1, or the beginning when nothing is stored).
  properties.push_back({"auto.offset.reset", "error", "salesflow bronze"});
  // Catch-up throughput: with librdkafka's defaults (1 MiB per-partition fetch) bronze spent
  // most of its time waiting in poll for the fetcher (140-180k events/s at 25-30% of a core).
  // Bigger fetches and a deeper prefetch queue gave ~530k/s with peak RSS ~850 MiB on the
  // 2-core box (bench/README.md "Bronze"); -X overrides each of them.
  properties.push_back({"max.partition.fetch.bytes", "16777216", "salesflow bronze"});
  properties.push_back({"queued.max.messages.kbytes", "49152", "salesflow bronze"});
  properties.push_back({"queued.min.messages", "1000000", "salesflow bronze"});
  for (const ClientProperty& p : options.kafka_properties) properties.push_back(p);
  ConsumerFactory factory = [&](RebalanceListener* listener) -> Result<std::unique_ptr<Consumer>> {
    SF_ASSIGN_OR_RETURN(auto consumer, GroupConsumer::Create({.brokers = options.brokers,
                                                              .topic = options.topic,
                                                              .group_id = options.group,
                                                              .properties = properties},
                                                             listener));
    return std::unique_ptr<Consumer>(std::move(consumer));
  };
  Status status = ingester.Run(factory);
  if (options.status_line) std::fprintf(stderr, "\n");
  summary->totals = ingester.totals();
  return status;
}

}  // namespace salesflow::pipeline
