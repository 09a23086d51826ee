#include "cli/bronze_progress.h"

#include <charconv>
#include <variant>

#include "delta/stats_json.h"
#include "pipeline/bronze_schema.h"

namespace salesflow {

BronzeProgress::BronzeProgress(std::filesystem::path table_dir, std::string topic)
    : topic_(std::move(topic)), storage_(std::move(table_dir), {.sync = false}) {}

Status BronzeProgress::Refresh() {
  if (snapshot_) return snapshot_->CatchUp(storage_).status();
  Result<delta::Snapshot> loaded =
      delta::LoadSnapshot(storage_, {.checkpoint_reader = &checkpoint_reader_});
  if (!loaded.ok()) {
    if (loaded.status().code() == StatusCode::kNotFound) return Status::Ok();
    return loaded.status().WithContext("reading the bronze table");
  }
  snapshot_ = std::move(loaded).value();
  return Status::Ok();
}

Result<std::optional<int64_t>> BronzeProgress::MaxVenteId() const {
  std::optional<int64_t> max;
  if (!snapshot_) return max;
  for (const auto& [key, add] : snapshot_->active_files()) {
    if (!add.stats) {
      return Unsupported("bronze file " + add.path +
                         " has no statistics: cannot tell its largest vente_id");
    }
    SF_ASSIGN_OR_RETURN(delta::FileStats stats, delta::ParseStatsJson(*add.stats));
    auto column = stats.columns.find("vente_id");
    if (column == stats.columns.end()) continue;
    if (const int64_t* value = std::get_if<int64_t>(&column->second.max)) {
      max = max ? std::max(*max, *value) : *value;
    }
  }
  return max;
}

std::string BronzeProgress::AppId() const {
  if (!snapshot_) return pipeline::kDefaultAppId;
  return snapshot_->Property(pipeline::kAppIdProperty).value_or(pipeline::kDefaultAppId);
}

int64_t BronzeProgress::kafka_epoch() const {
  if (!snapshot_) return 0;
  std::optional<std::string> text = snapshot_->Property(pipeline::kKafkaEpochProperty);
  int64_t epoch = 0;
  if (text) std::from_chars(text->data(), text->data() + text->size(), epoch);
  return epoch;
}

bool BronzeProgress::HasStoredOffsets() const {
  if (!snapshot_) return false;
  const std::string prefix = AppId() + "-" + topic_ + "-";
  for (const auto& [id, txn] : snapshot_->txns()) {
    if (id.starts_with(prefix)) return true;
  }
  return false;
}

int64_t BronzeProgress::Ingested(int partitions) const {
  if (!snapshot_) return 0;
  const std::string app_id = AppId();
  int64_t total = 0;
  for (int p = 0; p < partitions; ++p) {
    std::optional<int64_t> last =
        snapshot_->TxnVersion(pipeline::PartitionAppId(app_id, topic_, p));
    if (last) total += *last + 1;
  }
  return total;
}

}  // namespace salesflow
