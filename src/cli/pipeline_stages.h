#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "base/result.h"
#include "pipeline/bronze_job.h"
#include "pipeline/silver_job.h"
#include "server/dashboard_server.h"
#include "server/dashboard_source.h"
#include "server/delta_dashboard_loader.h"

namespace salesflow {

// What runs in one process for `salesflow run` and `salesflow demo`.
struct PipelineStagesOptions {
  pipeline::BronzeJobOptions bronze;  // Kafka -> delta_ventes_table
  pipeline::SilverJobOptions silver;  // bronze -> delta_silver_aggreges + delta_gold
  DashboardServerOptions dashboard;   // the web server (the loader reads silver's tables)
};

// Bronze, silver and the dashboard (Delta loader + server) in one process: bronze and silver
// each on a thread of their own, exactly as their commands run them. They stop on the
// process-wide stop request (base/shutdown.h); a stage that fails requests it too, so the
// others finish cleanly and Join reports the failure.
class PipelineStages {
 public:
  // Starts the server first (a busy port fails before any data moves), then the loader,
  // silver and bronze.
  static Result<std::unique_ptr<PipelineStages>> Start(PipelineStagesOptions options);
  // Requests a stop and joins when Join was not called.
  ~PipelineStages();
  PipelineStages(const PipelineStages&) = delete;
  PipelineStages& operator=(const PipelineStages&) = delete;

  // The dashboard's address, e.g. http://127.0.0.1:8501/.
  std::string url() const { return server_->url(); }
  // The versions the dashboard serves, nullopt before the first publish.
  std::optional<DataVersions> published() const { return loader_->published(); }
  // The first stage failure so far (ok while all run).
  Status error() const;
  // Waits for bronze and silver to return (after a stop request), then stops the loader and
  // the server. Returns the first stage failure.
  Status Join();

 private:
  explicit PipelineStages(PipelineStagesOptions options) : options_(std::move(options)) {}
  void Fail(const char* stage, const Status& status);

  PipelineStagesOptions options_;
  InMemoryDashboardSource source_;
  std::unique_ptr<DeltaDashboardLoader> loader_;
  std::unique_ptr<DashboardServer> server_;
  std::thread bronze_;
  std::thread silver_;
  bool joined_ = false;
  mutable std::mutex mu_;
  Status error_;
};

}  // namespace salesflow
