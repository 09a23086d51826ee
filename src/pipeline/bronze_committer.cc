#include "pipeline/bronze_committer.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <charconv>

#include "base/civil_time.h"
#include "delta/data_file_writer.h"
#include "delta/last_checkpoint.h"
#include "delta/log_files.h"
#include "delta/transaction.h"
#include "pipeline/bronze_schema.h"

namespace salesflow::pipeline {
namespace {

constexpr const char* kRetentionProperty = "delta.setTransactionRetentionDuration";

// Loads a table, creating it with `metadata` when it has no commit yet.
Result<delta::Snapshot> LoadOrCreate(delta::Storage& storage, delta::CheckpointReader* reader,
                                     const delta::Metadata& metadata, const Clock* clock) {
  Result<delta::Snapshot> snapshot = delta::LoadSnapshot(storage, {.checkpoint_reader = reader});
  if (snapshot.ok() || snapshot.status().code() != StatusCode::kNotFound) return snapshot;
  Result<delta::CommitResult> created = delta::CreateTable(storage, metadata, {.clock = clock});
  // Another bronze process may have created it first: fine, it is the same kind of table.
  if (!created.ok() && created.status().code() != StatusCode::kAlreadyExists) {
    return created.status().WithContext("creating the table");
  }
  return delta::LoadSnapshot(storage, {.checkpoint_reader = reader});
}

// Brings `snapshot` up to the table's latest version. CatchUp alone reads version()+1, +2, ...
// and stops at the first missing commit; when another bronze process's log cleanup deleted
// the commits after ours (this writer was idle for longer than delta.logRetentionDuration,
// e.g. without rejects or partitions), it would stop at once and leave us on a stale version:
// stale positions (duplicates) and a commit published at a cleaned-up version. A checkpoint
// newer than our version tells: then reload from it.
Status Refresh(delta::Storage& storage, delta::CheckpointReader* reader,
               delta::Snapshot* snapshot) {
  SF_RETURN_IF_ERROR(snapshot->CatchUp(storage).status());
  Result<std::string> text = storage.ReadFile(delta::LastCheckpointPath());
  if (!text.ok()) {
    return text.status().code() == StatusCode::kNotFound ? Status::Ok() : text.status();
  }
  Result<delta::LastCheckpoint> last = delta::ParseLastCheckpoint(*text);
  if (!last.ok() || last->version <= snapshot->version()) return Status::Ok();
  spdlog::info("bronze: commits after version {} were cleaned up; reloading from checkpoint {}",
               snapshot->version(), last->version);
  SF_ASSIGN_OR_RETURN(*snapshot, delta::LoadSnapshot(storage, {.checkpoint_reader = reader}));
  return Status::Ok();
}

Status CheckTable(const delta::Snapshot& snapshot, const char* what,
                  const std::vector<std::string>& partition_columns) {
  if (!snapshot.has_metadata()) return Corruption(fmt::format("{} has no metaData", what));
  if (auto retention = snapshot.Property(kRetentionProperty)) {
    return InvalidArgument(fmt::format(
        "{} sets {}={}: txn actions (the Kafka offsets bronze resumes from) would expire and "
        "messages would be ingested again; unset the property or use another table",
        what, kRetentionProperty, *retention));
  }
  if (snapshot.metadata().partition_columns != partition_columns) {
    return InvalidArgument(fmt::format("{} is not partitioned as bronze writes it ({})", what,
                                       fmt::join(partition_columns, ",")));
  }
  return Status::Ok();
}

int64_t EpochOf(const delta::Snapshot& snapshot) {
  std::optional<std::string> text = snapshot.Property(kKafkaEpochProperty);
  int64_t epoch = 0;
  if (text) std::from_chars(text->data(), text->data() + text->size(), epoch);
  return epoch;
}

}  // namespace

BronzeCommitter::BronzeCommitter(delta::Storage& bronze_storage, delta::Storage& quarantine_storage,
                                 BronzeCommitterOptions options)
    : bronze_storage_(bronze_storage),
      quarantine_storage_(quarantine_storage),
      options_(std::move(options)),
      clock_(options_.clock != nullptr ? options_.clock : &SystemClock::Instance()) {}

Result<std::unique_ptr<BronzeCommitter>> BronzeCommitter::Open(delta::Storage& bronze,
                                                               delta::Storage& quarantine,
                                                               BronzeCommitterOptions options) {
  if (options.topic.empty()) return InvalidArgument("bronze: no topic given");
  if (options.app_id && options.app_id->empty()) return InvalidArgument("bronze: empty app-id");
  std::unique_ptr<BronzeCommitter> committer(
      new BronzeCommitter(bronze, quarantine, std::move(options)));
  SF_RETURN_IF_ERROR(committer->OpenTables());
  return committer;
}

Status BronzeCommitter::OpenTables() {
  const std::string initial = options_.app_id.value_or(kDefaultAppId);
  SF_ASSIGN_OR_RETURN(quarantine_, LoadOrCreate(quarantine_storage_, &checkpoint_reader_,
                                                NewQuarantineMetadata(initial), clock_));
  SF_ASSIGN_OR_RETURN(bronze_, LoadOrCreate(bronze_storage_, &checkpoint_reader_,
                                            NewBronzeMetadata(initial), clock_));
  SF_RETURN_IF_ERROR(CheckTable(bronze_, "the bronze table", {kDateVente}));
  SF_RETURN_IF_ERROR(CheckTable(quarantine_, "the quarantine table", {}));
  std::optional<std::string> stored = bronze_.Property(kAppIdProperty);
  if (!stored) {
    return InvalidArgument(
        fmt::format("the bronze table has no {} property: it was not created by salesflow bronze",
                    kAppIdProperty));
  }
  app_id_ = *stored;
  kafka_epoch_ = EpochOf(bronze_);
  std::optional<std::string> stored_q = quarantine_.Property(kAppIdProperty);
  if (stored_q != stored) {
    // A crash between the two metadata commits of a cluster switch: finish it below.
    spdlog::warn("bronze: quarantine app-id {} differs from bronze's {}; aligning",
                 stored_q.value_or("(none)"), app_id_);
  }
  if (!options_.new_cluster) {
    if (options_.app_id && *options_.app_id != app_id_) {
      return InvalidArgument(fmt::format(
          "the bronze table is written with app-id '{}', not '{}': offsets are kept per app-id; "
          "pass --new-cluster to switch app-ids on purpose (e.g. for a new Kafka cluster)",
          app_id_, *options_.app_id));
    }
    if (stored_q != stored) return SwitchCluster(app_id_, kafka_epoch_);
    return Status::Ok();
  }
  // --new-cluster: only when some position is stored under the current app-id.
  const std::string prefix = fmt::format("{}-{}-", app_id_, options_.topic);
  bool has_positions = false;
  for (const auto& [id, txn] : bronze_.txns()) has_positions |= id.starts_with(prefix);
  for (const auto& [id, txn] : quarantine_.txns()) has_positions |= id.starts_with(prefix);
  if (!has_positions && (!options_.app_id || *options_.app_id == app_id_)) {
    spdlog::info("bronze: --new-cluster: no offsets stored under app-id {}, nothing to switch",
                 app_id_);
    if (stored_q != stored) return SwitchCluster(app_id_, kafka_epoch_);
    return Status::Ok();
  }
  std::string base = options_.app_id.value_or(app_id_);
  if (!options_.app_id) {
    // Strip an earlier ".<epoch>" suffix so app-ids read salesflow-bronze.1, .2, ...
    size_t dot = base.rfind('.');
    if (dot != std::string::npos &&
        base.find_first_not_of("0123456789", dot + 1) == std::string::npos) {
      base.resize(dot);
    }
    base = fmt::format("{}.{}", base, kafka_epoch_ + 1);
  }
  return SwitchCluster(base, kafka_epoch_ + 1);
}

Status BronzeCommitter::SwitchCluster(const std::string& new_app_id, int64_t new_epoch) {
  spdlog::warn(
      "bronze: switching to app-id {} (kafka epoch {}); offsets stored under {} no "
      "longer apply",
      new_app_id, new_epoch, app_id_);
  // Quarantine first, bronze last: bronze's property is the one that counts, and a crash in
  // between is finished by the next start (the two differ).
  for (auto [storage, snapshot] :
       {std::pair{&quarantine_storage_, &quarantine_}, std::pair{&bronze_storage_, &bronze_}}) {
    delta::Metadata metadata = snapshot->metadata();
    auto set = [&metadata](const std::string& key, const std::string& value) {
      for (auto& [k, v] : metadata.configuration) {
        if (k == key) {
          v = value;
          return;
        }
      }
      metadata.configuration.emplace_back(key, value);
    };
    set(kAppIdProperty, new_app_id);
    set(kKafkaEpochProperty, std::to_string(new_epoch));
    delta::Transaction txn(*snapshot);
    txn.SetOperation("SET TBLPROPERTIES");
    txn.SetMetadata(std::move(metadata));
    SF_RETURN_IF_ERROR(
        txn.Commit(*storage, {.clock = clock_}).status().WithContext("switching app-id"));
    SF_RETURN_IF_ERROR(snapshot->CatchUp(*storage).status());
  }
  app_id_ = new_app_id;
  kafka_epoch_ = new_epoch;
  return Status::Ok();
}

std::string BronzeCommitter::AppIdOf(int32_t partition) const {
  return PartitionAppId(app_id_, options_.topic, partition);
}

Result<std::map<int32_t, StoredPosition>> BronzeCommitter::Track(
    const std::vector<int32_t>& partitions) {
  SF_RETURN_IF_ERROR(Refresh(quarantine_storage_, &checkpoint_reader_, &quarantine_));
  SF_RETURN_IF_ERROR(Refresh(bronze_storage_, &checkpoint_reader_, &bronze_));
  if (bronze_.Property(kAppIdProperty) != app_id_) {
    return Conflict("the bronze table's app-id was changed by another process (--new-cluster)");
  }
  std::map<int32_t, StoredPosition> out;
  for (int32_t p : partitions) {
    std::string id = AppIdOf(p);
    StoredPosition position{bronze_.TxnVersion(id), quarantine_.TxnVersion(id)};
    expected_[p] = position;
    out[p] = position;
  }
  return out;
}

void BronzeCommitter::Untrack(const std::vector<int32_t>& partitions) {
  for (int32_t p : partitions) expected_.erase(p);
}

std::optional<StoredPosition> BronzeCommitter::Expected(int32_t partition) const {
  auto it = expected_.find(partition);
  if (it == expected_.end()) return std::nullopt;
  return it->second;
}

Result<FlushResult> BronzeCommitter::Commit(const IngestBuffer& buffer) {
  FlushResult result;
  if (buffer.empty()) return result;
  for (const auto& [p, run] : buffer.runs()) {
    if (!expected_.contains(p)) {
      return Conflict(fmt::format("partition {} is no longer assigned to this writer", p));
    }
  }
  const int64_t now_ms = clock_->NowMillis();
  delta::DataFileWriterOptions file_options{.parquet = {.codec = options_.codec}};

  // 1. Quarantine first, under its own txns: a crash after it is resolved by skipping rejects
  //    at or below the quarantine position on re-read.
  if (buffer.rejects() > 0) {
    SF_RETURN_IF_ERROR(Refresh(quarantine_storage_, &checkpoint_reader_, &quarantine_));
    SF_ASSIGN_OR_RETURN(
        delta::AddFile add,
        delta::WriteDataFile(quarantine_storage_, {}, {}, buffer.quarantine(), file_options));
    delta::Transaction txn(quarantine_);
    txn.SetOperation("STREAMING UPDATE", {{"outputMode", "\"Append\""}});
    txn.SetOperationMetrics({{"numFiles", "1"},
                             {"numOutputRows", std::to_string(buffer.rejects())},
                             {"numOutputBytes", std::to_string(add.size)}});
    txn.AddFile(std::move(add));
    for (const auto& [p, run] : buffer.runs()) {
      std::string id = AppIdOf(p);
      txn.ExpectTxnVersion(id, expected_[p].quarantine);
      txn.SetTxn(id, run.last);
    }
    SF_ASSIGN_OR_RETURN(delta::CommitResult committed,
                        txn.Commit(quarantine_storage_, {.clock = clock_}));
    for (const auto& [p, run] : buffer.runs()) expected_[p].quarantine = run.last;
    result.quarantine_version = committed.version;
    result.rejects = buffer.rejects();
    result.files += 1;
    // Keep the read snapshot close to the head so conflict checks stay short.
    SF_RETURN_IF_ERROR(quarantine_.CatchUp(quarantine_storage_).status());
  }

  // 2. Bronze: one file per date_vente, every covered partition's txn, fenced.
  SF_RETURN_IF_ERROR(Refresh(bronze_storage_, &checkpoint_reader_, &bronze_));
  delta::Transaction txn(bronze_);
  txn.SetOperation("STREAMING UPDATE", {{"outputMode", "\"Append\""}});
  int64_t bytes = 0;
  for (const auto& [day, batch] : buffer.days()) {
    if (batch.num_rows == 0) continue;
    delta::NullableStringMap values{{kDateVente, FormatDate(day)}};
    SF_ASSIGN_OR_RETURN(delta::AddFile add, delta::WriteDataFile(bronze_storage_, {kDateVente},
                                                                 values, batch, file_options));
    bytes += add.size;
    result.rows += batch.num_rows;
    result.files += 1;
    txn.AddFile(std::move(add));
  }
  txn.SetOperationMetrics({{"numFiles", std::to_string(result.files)},
                           {"numOutputRows", std::to_string(result.rows)},
                           {"numOutputBytes", std::to_string(bytes)}});
  for (const auto& [p, run] : buffer.runs()) {
    std::string id = AppIdOf(p);
    txn.ExpectTxnVersion(id, expected_[p].bronze);
    txn.SetTxn(id, run.last);
  }
  (void)now_ms;
  SF_ASSIGN_OR_RETURN(delta::CommitResult committed,
                      txn.Commit(bronze_storage_, {.clock = clock_}));
  for (const auto& [p, run] : buffer.runs()) expected_[p].bronze = run.last;
  result.bronze_version = committed.version;
  result.attempts = committed.attempts;
  SF_RETURN_IF_ERROR(bronze_.CatchUp(bronze_storage_).status());
  return result;
}

Result<std::vector<int32_t>> BronzeCommitter::SeekOffsets(
    const std::map<int32_t, int64_t>& offsets) {
  SF_RETURN_IF_ERROR(Refresh(bronze_storage_, &checkpoint_reader_, &bronze_));
  delta::Transaction txn(bronze_);
  txn.SetOperation("STREAMING UPDATE", {{"outputMode", "\"Append\""}});
  std::vector<int32_t> set;
  for (const auto& [p, offset] : offsets) {
    std::string id = AppIdOf(p);
    if (std::optional<int64_t> stored = bronze_.TxnVersion(id)) {
      spdlog::warn(
          "bronze: --seek-offsets: partition {} already has a stored offset {} ({}); "
          "kept",
          p, *stored, id);
      continue;
    }
    txn.ExpectTxnVersion(id, std::nullopt);
    txn.SetTxn(id, offset);
    set.push_back(p);
  }
  if (set.empty()) return set;
  SF_RETURN_IF_ERROR(
      txn.Commit(bronze_storage_, {.clock = clock_}).status().WithContext("--seek-offsets"));
  SF_RETURN_IF_ERROR(bronze_.CatchUp(bronze_storage_).status());
  spdlog::info("bronze: --seek-offsets recorded for partitions {}", fmt::join(set, ","));
  return set;
}

Result<std::map<int32_t, int64_t>> ParseSeekOffsets(std::string_view text) {
  std::map<int32_t, int64_t> out;
  std::string cleaned;
  for (char ch : text) {
    if (ch == '{' || ch == '}' || ch == '[' || ch == ']' || ch == '"' || ch == ' ') continue;
    cleaned.push_back(ch);
  }
  std::string_view rest = cleaned;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (item.empty()) continue;
    size_t colon = item.find(':');
    int32_t partition = -1;
    int64_t offset = -1;
    bool good = colon != std::string_view::npos;
    if (good) {
      auto a = std::from_chars(item.data(), item.data() + colon, partition);
      auto b = std::from_chars(item.data() + colon + 1, item.data() + item.size(), offset);
      good = a.ec == std::errc() && a.ptr == item.data() + colon && b.ec == std::errc() &&
             b.ptr == item.data() + item.size() && partition >= 0 && offset >= -1;
    }
    if (!good) {
      return InvalidArgument(fmt::format(
          "--seek-offsets: '{}' is not partition:offset (e.g. 0:100,1:42 or {{\"0\":100}})", item));
    }
    if (!out.emplace(partition, offset).second) {
      return InvalidArgument(fmt::format("--seek-offsets: partition {} given twice", partition));
    }
  }
  if (out.empty()) return InvalidArgument("--seek-offsets: no partition:offset given");
  return out;
}

}  // namespace salesflow::pipeline
