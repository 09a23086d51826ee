#include "pipeline/silver_output_table.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <set>
#include <utility>

#include "delta/checkpoint_writer.h"
#include "delta/data_file_writer.h"
#include "delta/parquet_checkpoint_reader.h"
#include "delta/schema_json.h"
#include "delta/transaction.h"
#include "delta/vacuum.h"

namespace salesflow::pipeline {
namespace {

delta::Protocol ProtocolFor(const delta::StructType& schema) {
  for (const delta::StructField& c : schema.fields) {
    // timestamp_ntz needs the table feature (reader 3 / writer 7), as Spark and delta-rs do.
    if (c.type.primitive_name() == "timestamp_ntz") {
      return delta::Protocol{3, 7, std::vector<std::string>{"timestampNtz"},
                             std::vector<std::string>{"timestampNtz"}};
    }
  }
  return delta::Protocol{};
}

std::string PartitionKey(const delta::NullableStringMap& values) {
  std::string key;
  for (const auto& [name, value] : values) {
    key += fmt::format("{}={};", name, value.has_value() ? *value : std::string("\x01null"));
  }
  return key;
}

}  // namespace

SilverOutputTable::SilverOutputTable(const std::string& dir, SilverTableLayout layout,
                                     SilverTableOptions options)
    : layout_(std::move(layout)),
      options_(std::move(options)),
      storage_(dir, {.sync = options_.sync}),
      checkpoint_storage_(dir, {.sync = options_.sync}),
      maintainer_(std::make_unique<TableMaintainer>(
          dir, TableMaintainerOptions{.log_prefix = "silver",
                                      .table_name = layout_.name,
                                      .retention = options_.retention,
                                      .clock = options_.clock,
                                      .sync = options_.sync,
                                      .observer = options_.on_maintenance})) {}

SilverOutputTable::~SilverOutputTable() = default;

Result<std::unique_ptr<SilverOutputTable>> SilverOutputTable::Open(const std::string& dir,
                                                                   SilverTableLayout layout,
                                                                   SilverTableOptions options) {
  SF_RETURN_IF_ERROR(ValidateRetention(options.retention));
  std::unique_ptr<SilverOutputTable> table(
      new SilverOutputTable(dir, std::move(layout), std::move(options)));
  Status loaded = table->Load();
  if (loaded.code() == StatusCode::kNotFound) {
    SF_RETURN_IF_ERROR(table->Create());
    loaded = table->Load();
  }
  SF_RETURN_IF_ERROR(loaded.WithContext(fmt::format("opening {} ({})", table->name(), dir)));
  const TableRetention& retention = table->options_.retention;
  for (const auto& [key, setting_ms] :
       {std::pair{"delta.deletedFileRetentionDuration", retention.deleted_file_retention_ms},
        std::pair{"delta.logRetentionDuration", retention.log_retention_ms}}) {
    std::optional<int64_t> own = delta::RetentionPropertyMs(table->snapshot_, key);
    if (own && *own != setting_ms) {
      spdlog::info("silver: {} keeps its own {} ({}); the setting ({}) is for tables without it",
                   table->name(), key, *table->snapshot_.Property(key),
                   DeltaIntervalText(setting_ms));
    }
  }
  // Maintenance runs on the checkpoint thread right after each checkpoint it writes (every
  // delta.checkpointInterval = 100 commits: ~100 s for a gold table at 1 s, ~8 min for
  // delta_silver_aggreges at 5 s). That keeps it off the commit path (a slow vacuum or a
  // failing disk never delays or fails a commit), scales its cadence with the table's growth,
  // and gives log cleanup the fresh checkpoint it needs for the log to start at.
  CheckpointWorkerOptions worker{.table_name = "silver: " + table->name(),
                                 .clock = table->options_.clock,
                                 .after_checkpoint = table->maintainer_->Hook()};
  table->checkpoints_ =
      std::make_unique<CheckpointWorker>(table->checkpoint_storage_, std::move(worker));
  return table;
}

Status SilverOutputTable::Load() {
  delta::ParquetCheckpointReader reader;
  SF_ASSIGN_OR_RETURN(snapshot_, delta::LoadSnapshot(storage_, {.checkpoint_reader = &reader}));
  return Status::Ok();
}

Status SilverOutputTable::Create() {
  delta::StringMap properties = {
      {"delta.checkpointInterval", std::to_string(options_.checkpoint_interval)}};
  for (auto& property : RetentionProperties(options_.retention)) {
    properties.push_back(std::move(property));
  }
  delta::Metadata metadata =
      delta::NewTableMetadata(delta::SchemaToJson(layout_.schema), layout_.partition_columns,
                              std::move(properties), options_.clock);
  delta::Transaction txn{delta::Snapshot()};
  txn.SetOperation("CREATE TABLE", {{"mode", "\"ErrorIfExists\""}});
  txn.SetProtocol(ProtocolFor(layout_.schema));
  txn.SetMetadata(std::move(metadata));
  Result<delta::CommitResult> created = txn.Commit(storage_, {.clock = options_.clock});
  // Another process created it first: use theirs.
  if (!created.ok() && created.status().code() != StatusCode::kAlreadyExists &&
      created.status().code() != StatusCode::kConflict) {
    return created.status().WithContext(fmt::format("creating {}", layout_.name));
  }
  return Status::Ok();
}

std::optional<int64_t> SilverOutputTable::bronze_version() const {
  return snapshot_.TxnVersion(kSilverAppId);
}

std::string SilverOutputTable::bronze_table_id() const {
  return snapshot_.Property(kBronzeTableIdProperty).value_or("");
}

std::string SilverOutputTable::SchemaMismatch() const {
  Result<delta::StructType> schema = delta::ParseSchemaJson(snapshot_.metadata().schema_string);
  if (!schema.ok()) return "its schemaString does not parse: " + schema.status().ToString();
  if (*schema == layout_.schema) return "";
  std::vector<std::string> missing;
  for (const delta::StructField& field : layout_.schema.fields) {
    bool found = false;
    for (const delta::StructField& have : schema->fields) found |= have == field;
    if (!found) missing.push_back(field.name);
  }
  if (missing.empty()) return "its columns differ from the expected schema";
  return fmt::format("it lacks column(s) {} of the expected schema", fmt::join(missing, ", "));
}

Result<std::unique_ptr<delta::TableScan>> SilverOutputTable::ScanAll() {
  return delta::TableScan::Open(storage_, snapshot_);
}

Result<int64_t> SilverOutputTable::Commit(const parquet::ColumnBatch& batch, bool replace_all,
                                          int64_t version, const std::string& bronze_id) {
  const std::string schema_mismatch = SchemaMismatch();
  if (!schema_mismatch.empty() && !replace_all && !snapshot_.active_files().empty()) {
    // Rows of two schemas in one table: the caller must rebuild (replace_all) instead.
    return Internal(
        fmt::format("{}: {}; it must be rewritten whole", layout_.name, schema_mismatch));
  }
  SF_ASSIGN_OR_RETURN(std::vector<delta::AddFile> adds,
                      delta::WriteDataFiles(storage_, snapshot_.metadata(), batch));
  std::set<std::string> replaced;
  int64_t bytes = 0;
  for (const delta::AddFile& add : adds) {
    replaced.insert(PartitionKey(add.partition_values));
    bytes += add.size;
  }
  delta::Transaction txn(snapshot_);
  txn.SetOperation("WRITE", {{"mode", replace_all ? "\"Overwrite\"" : "\"Append\""}});
  int64_t removed = 0;
  for (const auto& [key, add] : snapshot_.active_files()) {
    if (!replace_all && replaced.count(PartitionKey(add.partition_values)) == 0) continue;
    txn.RemoveFile(delta::RemoveFile{.path = add.path,
                                     .data_change = true,
                                     .extended_file_metadata = true,
                                     .partition_values = add.partition_values,
                                     .size = add.size});
    ++removed;
  }
  const int64_t added = static_cast<int64_t>(adds.size());
  for (delta::AddFile& add : adds) txn.AddFile(std::move(add));
  if (bronze_table_id() != bronze_id || !schema_mismatch.empty()) {
    delta::Metadata metadata = snapshot_.metadata();
    // The batch has the layout's columns: the table takes its schema (same id, partitions).
    metadata.schema_string = delta::SchemaToJson(layout_.schema);
    bool found = false;
    for (auto& [k, v] : metadata.configuration) {
      if (k == kBronzeTableIdProperty) {
        v = bronze_id;
        found = true;
      }
    }
    if (!found) metadata.configuration.emplace_back(kBronzeTableIdProperty, bronze_id);
    txn.SetMetadata(std::move(metadata));
  }
  txn.ExpectTxnVersion(kSilverAppId, bronze_version());
  txn.SetTxn(kSilverAppId, version);
  txn.SetOperationMetrics({{"numAddedFiles", std::to_string(added)},
                           {"numRemovedFiles", std::to_string(removed)},
                           {"numOutputRows", std::to_string(batch.num_rows)},
                           {"numOutputBytes", std::to_string(bytes)}});
  Result<delta::CommitResult> committed = txn.Commit(storage_, {.clock = options_.clock});
  if (!committed.ok()) {
    return committed.status().WithContext(
        fmt::format("committing {} at bronze version {}", layout_.name, version));
  }
  SF_ASSIGN_OR_RETURN(int applied, snapshot_.CatchUp(storage_));
  (void)applied;
  checkpoints_->Notify();
  return bytes;
}

}  // namespace salesflow::pipeline
