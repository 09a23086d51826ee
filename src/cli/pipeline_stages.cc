#include "cli/pipeline_stages.h"

#include <prometheus/registry.h>
#include <spdlog/spdlog.h>

#include "base/shutdown.h"

namespace salesflow {

Result<std::unique_ptr<PipelineStages>> PipelineStages::Start(PipelineStagesOptions options) {
  std::unique_ptr<PipelineStages> stages(new PipelineStages(std::move(options)));
  PipelineStagesOptions& o = stages->options_;
  // One registry for the server and the loader: one scrape of /metrics sees both.
  auto registry = std::make_shared<prometheus::Registry>();
  o.dashboard.registry = registry;
  SF_ASSIGN_OR_RETURN(stages->server_, DashboardServer::Create(stages->source_, o.dashboard));
  SF_RETURN_IF_ERROR(stages->server_->Start().status());
  stages->loader_ = std::make_unique<DeltaDashboardLoader>(
      stages->source_, DeltaDashboardLoaderOptions{.silver_table = o.silver.silver_dir,
                                                   .gold_dir = o.silver.gold_dir,
                                                   .time_zone = o.silver.time_zone.name(),
                                                   .registry = registry});
  stages->loader_->Start();
  PipelineStages* self = stages.get();
  stages->silver_ = std::thread([self] {
    pipeline::SilverJobSummary summary;
    self->Fail("silver", pipeline::RunSilverJob(self->options_.silver, &summary));
  });
  stages->bronze_ = std::thread([self] {
    pipeline::BronzeJobSummary summary;
    self->Fail("bronze", pipeline::RunBronzeJob(self->options_.bronze, &summary));
  });
  return stages;
}

PipelineStages::~PipelineStages() {
  if (!joined_) {
    RequestStop();
    Status status = Join();
    if (!status.ok()) spdlog::warn("{}", status.ToString());
  }
}

void PipelineStages::Fail(const char* stage, const Status& status) {
  if (status.ok()) return;
  spdlog::error("{}: {}", stage, status.ToString());
  {
    std::lock_guard lock(mu_);
    if (error_.ok()) error_ = status.WithContext(stage);
  }
  RequestStop();  // the other stages finish cleanly
}

Status PipelineStages::error() const {
  std::lock_guard lock(mu_);
  return error_;
}

Status PipelineStages::Join() {
  if (bronze_.joinable()) bronze_.join();
  if (silver_.joinable()) silver_.join();
  if (loader_) loader_->Stop();
  if (server_) server_->Stop();
  joined_ = true;
  return error();
}

}  // namespace salesflow
