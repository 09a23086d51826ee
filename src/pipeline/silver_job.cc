#include "pipeline/silver_job.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <utility>

#include "base/shutdown.h"
#include "pipeline/bronze_tail.h"
#include "pipeline/metrics_endpoint.h"
#include "pipeline/silver_metrics.h"
#include "pipeline/silver_output_table.h"
#include "pipeline/silver_restore.h"
#include "pipeline/silver_state.h"
#include "pipeline/silver_table_batches.h"

namespace salesflow::pipeline {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr int kPartCount = 7;
constexpr std::array<SilverPart, kPartCount> kParts = {
    kPartClients,   kPartMinutes, kPartClientDays, kPartProduit,
    kPartCategorie, kPartPays,    kPartSegment};
constexpr std::array<const char*, 4> kDimensions = {"produit", "categorie", "pays", "segment"};
// How often an idle silver checks that bronze is still the same table.
constexpr auto kIdentityCheckInterval = std::chrono::seconds(2);

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

SilverTableLayout LayoutOf(int index) {
  switch (kParts[static_cast<size_t>(index)]) {
    case kPartClients:
      return {"delta_silver_aggreges", SilverAggregesTableSchema(), {kClientBucketColumn}};
    case kPartMinutes:
      return {"ventes_par_minute", VentesParMinuteTableSchema(), {kDayColumn}};
    case kPartClientDays:
      return {"ventes_client_jour", VentesClientJourTableSchema(), {kDayColumn}};
    default: {
      const char* dimension = kDimensions[static_cast<size_t>(index - 3)];
      return {fmt::format("ventes_par_{}", dimension), DimensionTotalsTableSchema(dimension), {}};
    }
  }
}

// The whole job; one instance per RunSilverJob call.
class SilverJob {
 public:
  SilverJob(const SilverJobOptions& options, SilverJobSummary* summary, SilverMetrics& metrics)
      : options_(options), summary_(summary), metrics_(metrics), tail_(options.bronze_dir) {}

  Status Run();

 private:
  Status OpenTables();
  Status Start();
  // Recomputes the state from bronze's active files and rewrites every table; a first run
  // (no table has a version) is not counted as a rebuild.
  Status Rebuild(const std::string& why, bool first_run = false);
  Status Step(bool* idle);
  Status CheckIdentity(bool* rebuilt);
  void OnRow(const SilverInputRow& row, int64_t version);
  Status CommitTable(int index);
  Status CommitRound(bool with_silver);
  bool HasPending(int index) const;
  // A table's maintenance pass ended (on its checkpoint thread).
  void OnMaintenance(const Result<MaintenanceReport>& report);

  const SilverJobOptions& options_;
  SilverJobSummary* summary_;
  SilverMetrics& metrics_;
  BronzeTail tail_;
  // Guards the summary's maintenance counts, written by the tables' checkpoint threads; declared
  // before tables_ so it outlives their threads.
  std::mutex maintenance_mutex_;
  std::array<std::unique_ptr<SilverOutputTable>, kPartCount> tables_;
  std::unique_ptr<SilverState> state_;
  std::array<int64_t, kPartCount> folded_{};    // bronze version folded into each part
  std::array<bool, kPartCount> replace_all_{};  // the next commit rewrites the whole table
  int64_t position_ = -1;                       // bronze version the tail has read up to
  std::string bronze_id_;
  delta::Metadata bronze_metadata_;
  int64_t target_version_ = -1;  // --until-caught-up: bronze version at start
  std::set<int32_t> dirty_buckets_;
  std::set<int32_t> dirty_minute_days_;
  std::set<int32_t> dirty_client_days_;
  int64_t bytes_since_round_ = 0;
  SteadyClock::time_point last_identity_check_ = SteadyClock::now();
};

Status SilverJob::OpenTables() {
  for (int i = 0; i < kPartCount; ++i) {
    SilverTableLayout layout = LayoutOf(i);
    const std::string dir = i == 0 ? options_.silver_dir : options_.gold_dir + "/" + layout.name;
    SilverTableOptions table_options{
        .sync = options_.sync,
        .clock = options_.clock,
        .retention = options_.retention,
        .checkpoint_interval = options_.checkpoint_interval,
        .on_maintenance = [this](const std::string& /*table*/,
                                 const Result<MaintenanceReport>& report) {
          OnMaintenance(report);
        }};
    SF_ASSIGN_OR_RETURN(tables_[static_cast<size_t>(i)],
                        SilverOutputTable::Open(dir, std::move(layout), std::move(table_options)));
  }
  return Status::Ok();
}

void SilverJob::OnMaintenance(const Result<MaintenanceReport>& report) {
  std::lock_guard<std::mutex> lock(maintenance_mutex_);
  metrics_.maintenance.Record(report);
  if (!report.ok()) {
    summary_->maintenance_failures += 1;
    return;
  }
  summary_->maintenance_runs += 1;
  summary_->files_vacuumed += report->files_deleted;
  summary_->log_files_deleted += report->log_files_deleted;
}

Status SilverJob::Rebuild(const std::string& why, bool first_run) {
  if (first_run) {
    spdlog::info("silver: building every table from bronze: {}", why);
  } else {
    spdlog::warn("silver: rebuilding every table from bronze: {}", why);
    metrics_.rebuilds.Increment();
    summary_->rebuilds += 1;
  }
  SF_ASSIGN_OR_RETURN(delta::Snapshot snapshot, tail_.LoadSnapshot());
  bronze_id_ = snapshot.metadata().id;
  bronze_metadata_ = snapshot.metadata();
  state_ = std::make_unique<SilverState>(options_.time_zone);
  std::vector<BronzeFile> files;
  for (const auto& [key, add] : snapshot.active_files()) {
    files.push_back({snapshot.version().value(), add});
  }
  const int64_t version = snapshot.version().value();
  folded_.fill(-1);  // every row counts
  SF_ASSIGN_OR_RETURN(FoldCounters counters,
                      tail_.Fold(bronze_metadata_, files,
                                 [this](const SilverInputRow& row, int64_t v) { OnRow(row, v); }));
  metrics_.bronze_bytes_read.Increment(static_cast<double>(counters.bytes));
  metrics_.bronze_files_read.Increment(static_cast<double>(counters.files));
  metrics_.rows_folded.Increment(static_cast<double>(counters.rows));
  summary_->bronze_bytes_read += counters.bytes;
  summary_->rows_folded += counters.rows;
  bytes_since_round_ += counters.bytes;
  folded_.fill(version);
  replace_all_.fill(true);
  position_ = version;
  summary_->bronze_version = version;
  metrics_.bronze_version.Set(static_cast<double>(version));
  target_version_ = std::max(target_version_, version);
  spdlog::info("silver: rebuilt from bronze version {} ({} files, {} rows, {} clients)", version,
               counters.files, counters.rows, state_->client_count());
  return CommitRound(/*with_silver=*/true);
}

Status SilverJob::Start() {
  SF_ASSIGN_OR_RETURN(delta::Snapshot snapshot, tail_.LoadSnapshot());
  bronze_id_ = snapshot.metadata().id;
  bronze_metadata_ = snapshot.metadata();
  target_version_ = snapshot.version().value();
  if (options_.rebuild) return Rebuild("--rebuild");
  bool any = false;
  for (const auto& table : tables_) {
    if (!table->bronze_version().has_value()) continue;
    any = true;
    if (table->bronze_table_id() != bronze_id_) {
      return Rebuild(fmt::format("{} was built from bronze table {}, bronze is now table {}",
                                 table->name(), table->bronze_table_id(), bronze_id_));
    }
    if (*table->bronze_version() > target_version_) {
      return Rebuild(fmt::format("{} is at bronze version {}, beyond bronze's {}", table->name(),
                                 *table->bronze_version(), target_version_));
    }
  }
  for (const auto& table : tables_) {
    // Written by an older silver (e.g. ventes_par_minute before montant_max): its rows cannot
    // be restored nor extended, so every table is recomputed and this one takes the new schema.
    const std::string mismatch = table->SchemaMismatch();
    if (any && !mismatch.empty()) {
      return Rebuild(fmt::format("{} has an older schema: {}", table->name(), mismatch));
    }
  }
  if (!any) {
    return Rebuild("first run: no silver or gold table has a bronze version yet",
                   /*first_run=*/true);
  }
  state_ = std::make_unique<SilverState>(options_.time_zone);
  for (int i = 0; i < kPartCount; ++i) {
    SilverOutputTable& table = *tables_[static_cast<size_t>(i)];
    folded_[static_cast<size_t>(i)] = table.bronze_version().value_or(-1);
    if (!table.bronze_version().has_value()) continue;
    SF_ASSIGN_OR_RETURN(std::unique_ptr<delta::TableScan> scan, table.ScanAll());
    SF_RETURN_IF_ERROR(RestoreSilverPart(kParts[static_cast<size_t>(i)], *scan, state_.get())
                           .WithContext(fmt::format("restoring {}", table.name())));
  }
  replace_all_.fill(false);
  position_ = *std::min_element(folded_.begin(), folded_.end());
  summary_->bronze_version = position_;
  metrics_.bronze_version.Set(static_cast<double>(position_));
  spdlog::info("silver: restored {} clients; tables at bronze versions {}..{}, bronze at {}",
               state_->client_count(), position_, *std::max_element(folded_.begin(), folded_.end()),
               target_version_);
  return Status::Ok();
}

void SilverJob::OnRow(const SilverInputRow& row, int64_t version) {
  uint32_t parts = 0;
  for (size_t i = 0; i < kPartCount; ++i) {
    if (version > folded_[i]) parts |= kParts[i];
  }
  if (parts == 0) return;
  state_->Fold(row, parts);
  if ((parts & kPartClients) != 0) {
    dirty_buckets_.insert(ClientBucket(row.client_id, options_.bucket_count));
  }
  if ((parts & (kPartMinutes | kPartClientDays)) != 0) {
    const int32_t day = state_->LocalDay(row.event_time_us);
    if ((parts & kPartMinutes) != 0) dirty_minute_days_.insert(day);
    if ((parts & kPartClientDays) != 0) dirty_client_days_.insert(day);
  }
}

Status SilverJob::CheckIdentity(bool* rebuilt) {
  *rebuilt = false;
  last_identity_check_ = SteadyClock::now();
  SF_ASSIGN_OR_RETURN(std::string id, tail_.CurrentTableId());
  if (id == bronze_id_) return Status::Ok();
  *rebuilt = true;
  return Rebuild(fmt::format("bronze is a new table (id {}, was {})", id, bronze_id_));
}

Status SilverJob::Step(bool* idle) {
  *idle = false;
  SF_ASSIGN_OR_RETURN(BronzeChanges changes,
                      tail_.ReadAfter(position_, bronze_id_, options_.max_commits_per_step,
                                      options_.max_bytes_per_step));
  if (!changes.rebuild_reason.empty()) return Rebuild(changes.rebuild_reason);
  if (SteadyClock::now() - last_identity_check_ > kIdentityCheckInterval) {
    // A table deleted and created again restarts its versions: its commits must not be
    // folded as if they followed ours.
    bool rebuilt = false;
    SF_RETURN_IF_ERROR(CheckIdentity(&rebuilt));
    if (rebuilt) return Status::Ok();
  }
  if (changes.last_version < 0) {
    *idle = true;
    return Status::Ok();
  }
  SF_ASSIGN_OR_RETURN(FoldCounters counters,
                      tail_.Fold(bronze_metadata_, changes.files,
                                 [this](const SilverInputRow& row, int64_t v) { OnRow(row, v); }));
  for (int64_t& f : folded_) f = std::max(f, changes.last_version);
  position_ = changes.last_version;
  metrics_.bronze_bytes_read.Increment(static_cast<double>(counters.bytes));
  metrics_.bronze_files_read.Increment(static_cast<double>(counters.files));
  metrics_.rows_folded.Increment(static_cast<double>(counters.rows));
  metrics_.bronze_version.Set(static_cast<double>(position_));
  summary_->bronze_bytes_read += counters.bytes;
  summary_->rows_folded += counters.rows;
  summary_->bronze_version = position_;
  bytes_since_round_ += counters.bytes;
  return Status::Ok();
}

bool SilverJob::HasPending(int index) const {
  const auto i = static_cast<size_t>(index);
  return replace_all_[i] || folded_[i] > tables_[i]->bronze_version().value_or(-1);
}

Status SilverJob::CommitTable(int index) {
  const auto i = static_cast<size_t>(index);
  if (!HasPending(index)) return Status::Ok();
  const bool all = replace_all_[i];
  Result<parquet::ColumnBatch> batch = Status::Ok();
  switch (kParts[i]) {
    case kPartClients: {
      SilverRowContext context{.loyalty = options_.loyalty,
                               .churn = options_.churn,
                               .now_us = NowMicros(),
                               .bucket_count = options_.bucket_count};
      batch = SilverAggregesBatch(
          all ? state_->ClientRows()
              : state_->ClientRowsInBuckets(dirty_buckets_, options_.bucket_count),
          context);
      break;
    }
    case kPartMinutes:
      batch = VentesParMinuteBatch(all ? state_->MinuteRows()
                                       : state_->MinuteRowsOfDays(dirty_minute_days_));
      break;
    case kPartClientDays:
      batch = VentesClientJourBatch(all ? state_->ClientDayRows()
                                        : state_->ClientDayRowsOfDays(dirty_client_days_));
      break;
    case kPartProduit:
      batch = DimensionTotalsBatch("produit", state_->ProduitRows());
      break;
    case kPartCategorie:
      batch = DimensionTotalsBatch("categorie", state_->CategorieRows());
      break;
    case kPartPays:
      batch = DimensionTotalsBatch("pays", state_->PaysRows());
      break;
    default:
      batch = DimensionTotalsBatch("segment", state_->SegmentRows());
      break;
  }
  if (!batch.ok()) return batch.status();
  // Dimension tables are a handful of rows: always rewritten whole.
  const bool replace = all || index >= 3;
  SF_ASSIGN_OR_RETURN(int64_t written, tables_[i]->Commit(*batch, replace, folded_[i], bronze_id_));
  (void)written;
  replace_all_[i] = false;
  if (kParts[i] == kPartClients) dirty_buckets_.clear();
  if (kParts[i] == kPartMinutes) dirty_minute_days_.clear();
  if (kParts[i] == kPartClientDays) dirty_client_days_.clear();
  return Status::Ok();
}

Status SilverJob::CommitRound(bool with_silver) {
  bool pending = false;
  for (int i = with_silver ? 0 : 1; i < kPartCount; ++i) pending |= HasPending(i);
  if (!pending) return Status::Ok();
  const auto start = SteadyClock::now();
  int64_t version = -1;
  for (int i = 1; i < kPartCount; ++i) {
    SF_RETURN_IF_ERROR(CommitTable(i));
    version = std::max(version, folded_[static_cast<size_t>(i)]);
  }
  if (with_silver && HasPending(0)) {
    SF_RETURN_IF_ERROR(CommitTable(0));
    metrics_.silver_commits.Increment();
    summary_->silver_commits += 1;
  }
  metrics_.gold_commits.Increment();
  metrics_.commit_bronze_bytes.Set(static_cast<double>(bytes_since_round_));
  metrics_.commit_bronze_bytes_h.Observe(static_cast<double>(bytes_since_round_));
  metrics_.commit_seconds.Observe(
      std::chrono::duration<double>(SteadyClock::now() - start).count());
  metrics_.state_bytes.Set(static_cast<double>(state_->MemoryBytes()));
  summary_->gold_commits += 1;
  summary_->commits.push_back({version, bytes_since_round_, with_silver});
  summary_->bronze_version = position_;
  bytes_since_round_ = 0;
  return Status::Ok();
}

Status SilverJob::Run() {
  // Bronze may not exist yet (the demo starts every stage at once): wait for it.
  while (true) {
    Result<delta::Snapshot> bronze = tail_.LoadSnapshot();
    if (bronze.ok()) break;
    if (bronze.status().code() != StatusCode::kNotFound || options_.until_caught_up) {
      return bronze.status().WithContext(fmt::format("reading bronze {}", options_.bronze_dir));
    }
    spdlog::info("silver: waiting for the bronze table {}", options_.bronze_dir);
    if (WaitForStop(std::chrono::duration_cast<std::chrono::milliseconds>(options_.poll) +
                    std::chrono::seconds(1))) {
      return Status::Ok();
    }
  }
  SF_RETURN_IF_ERROR(OpenTables());
  SF_RETURN_IF_ERROR(Start());
  auto last_gold = SteadyClock::now();
  auto last_silver = last_gold;
  while (true) {
    bool idle = true;
    if (!StopRequested()) SF_RETURN_IF_ERROR(Step(&idle));
    // The bronze version seen at start is the goal, even while bronze keeps growing.
    const bool caught_up = options_.until_caught_up && position_ >= target_version_;
    if (StopRequested() || caught_up) break;
    const auto now = SteadyClock::now();
    if (now - last_silver >= options_.silver_interval) {
      SF_RETURN_IF_ERROR(CommitRound(/*with_silver=*/true));
      last_silver = last_gold = now;
    } else if (now - last_gold >= options_.gold_interval) {
      SF_RETURN_IF_ERROR(CommitRound(/*with_silver=*/false));
      last_gold = now;
    }
    if (idle) WaitForStop(std::chrono::duration_cast<std::chrono::milliseconds>(options_.poll));
  }
  SF_RETURN_IF_ERROR(CommitRound(/*with_silver=*/true));
  spdlog::info(
      "silver: stopped at bronze version {} ({} rows folded, {} silver commits, {} gold "
      "rounds)",
      position_, summary_->rows_folded, summary_->silver_commits, summary_->gold_commits);
  return Status::Ok();
}

}  // namespace

Status RunSilverJob(const SilverJobOptions& options, SilverJobSummary* summary) {
  if (options.bucket_count < 1) return InvalidArgument("silver bucket count must be >= 1");
  SilverMetrics metrics;
  std::unique_ptr<MetricsEndpoint> endpoint;
  if (options.metrics_port >= 0) {
    SF_ASSIGN_OR_RETURN(endpoint, MetricsEndpoint::Start(metrics.registry(), options.metrics_host,
                                                         options.metrics_port));
    summary->metrics_port = endpoint->port();
    spdlog::info("silver: metrics on http://{}:{}/metrics", options.metrics_host, endpoint->port());
  }
  SilverJob job(options, summary, metrics);
  return job.Run();
}

}  // namespace salesflow::pipeline
