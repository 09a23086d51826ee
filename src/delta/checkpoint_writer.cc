#include "delta/checkpoint_writer.h"

#include <fmt/format.h>

#include <charconv>

#include "delta/fault_injecting_storage.h"
#include "delta/last_checkpoint.h"
#include "delta/log_files.h"
#include "delta/vacuum.h"

namespace salesflow::delta {
namespace {

using parquet::Column;
using parquet::ColumnBatch;
using parquet::Field;

Field StringMapField(std::string name) {
  return Field::Map(std::move(name), Field::String("key", false), Field::String("value", true));
}

Field DeletionVectorField() {
  return Field::Struct(
      "deletionVector",
      {Field::String("storageType"), Field::String("pathOrInlineDv"), Field::Int32("offset"),
       Field::Int32("sizeInBytes"), Field::Int64("cardinality")});
}

std::vector<Field> CheckpointFields(bool reader_features, bool writer_features) {
  std::vector<Field> protocol = {Field::Int32("minReaderVersion"),
                                 Field::Int32("minWriterVersion")};
  if (reader_features) {
    protocol.push_back(Field::List("readerFeatures", Field::String("element")));
  }
  if (writer_features) {
    protocol.push_back(Field::List("writerFeatures", Field::String("element")));
  }
  return {
      Field::Struct("txn",
                    {Field::String("appId"), Field::Int64("version"), Field::Int64("lastUpdated")}),
      Field::Struct("add",
                    {Field::String("path"), StringMapField("partitionValues"), Field::Int64("size"),
                     Field::Int64("modificationTime"), Field::Bool("dataChange"),
                     Field::String("stats"), StringMapField("tags"), DeletionVectorField(),
                     Field::Int64("baseRowId"), Field::Int64("defaultRowCommitVersion")}),
      Field::Struct("remove", {Field::String("path"), Field::Int64("deletionTimestamp"),
                               Field::Bool("dataChange"), Field::Bool("extendedFileMetadata"),
                               StringMapField("partitionValues"), Field::Int64("size"),
                               DeletionVectorField()}),
      Field::Struct(
          "metaData",
          {Field::String("id"), Field::String("name"), Field::String("description"),
           Field::Struct("format", {Field::String("provider"), StringMapField("options")}),
           Field::String("schemaString"), Field::List("partitionColumns", Field::String("element")),
           StringMapField("configuration"), Field::Int64("createdTime")}),
      Field::Struct("protocol", std::move(protocol)),
      Field::Struct("domainMetadata", {Field::String("domain"), Field::String("configuration"),
                                       Field::Bool("removed")}),
      Field::Struct("commitInfo", {Field::Int64("timestamp"), Field::String("operation")}),
  };
}

void AppendOptString(Column& c, const std::optional<std::string>& v) {
  if (v) {
    c.AppendBinary(*v);
  } else {
    c.AppendNull();
  }
}
void AppendOptInt64(Column& c, const std::optional<int64_t>& v) {
  if (v) {
    c.AppendInt64(*v);
  } else {
    c.AppendNull();
  }
}
void AppendMap(Column& c, const StringMap& map) {
  for (const auto& [k, v] : map) {
    c.children[0].AppendBinary(k);
    c.children[1].AppendBinary(v);
  }
  c.CloseListEntry();
}
void AppendNullableMap(Column& c, const NullableStringMap& map) {
  for (const auto& [k, v] : map) {
    c.children[0].AppendBinary(k);
    AppendOptString(c.children[1], v);
  }
  c.CloseListEntry();
}
void AppendStringList(Column& c, const std::vector<std::string>& list) {
  for (const std::string& s : list) c.children[0].AppendBinary(s);
  c.CloseListEntry();
}
void AppendDv(Column& c, const std::optional<DeletionVector>& dv) {
  if (!dv) {
    c.AppendNull();
    return;
  }
  c.children[0].AppendBinary(dv->storage_type);
  c.children[1].AppendBinary(dv->path_or_inline_dv);
  if (dv->offset) {
    c.children[2].AppendInt32(*dv->offset);
  } else {
    c.children[2].AppendNull();
  }
  c.children[3].AppendInt32(dv->size_in_bytes);
  c.children[4].AppendInt64(dv->cardinality);
  c.AppendStructSlot();
}

// Column indices of the checkpoint schema.
enum Col { kTxn = 0, kAdd, kRemove, kMetaData, kProtocol, kDomain, kCommitInfo, kNumCols };

// Appends one action row: the action's struct is set, every other struct null.
class RowBuilder {
 public:
  explicit RowBuilder(ColumnBatch* batch) : batch_(batch) {}
  Column& Begin(Col col) {
    for (int i = 0; i < kNumCols; ++i) {
      if (i != col) batch_->columns[static_cast<size_t>(i)].AppendNull();
    }
    ++batch_->num_rows;
    return batch_->columns[static_cast<size_t>(col)];
  }

 private:
  ColumnBatch* batch_;
};

}  // namespace

int64_t CheckpointInterval(const Snapshot& snapshot) {
  std::optional<std::string> text = snapshot.Property("delta.checkpointInterval");
  if (!text) return kDefaultCheckpointInterval;
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc() || end != text->data() + text->size() || n <= 0) {
    return kDefaultCheckpointInterval;
  }
  return n;
}

Result<CheckpointStats> WriteCheckpoint(Storage& storage, const Snapshot& snapshot,
                                        const CheckpointWriterOptions& options) {
  const Clock& clock = options.clock != nullptr ? *options.clock : SystemClock::Instance();
  const Protocol& protocol = snapshot.protocol();
  const Metadata& metadata = snapshot.metadata();
  SF_ASSIGN_OR_RETURN(
      auto schema, parquet::Schema::Make(CheckpointFields(protocol.reader_features.has_value(),
                                                          protocol.writer_features.has_value())));
  ColumnBatch batch = ColumnBatch::Make(schema);
  RowBuilder rows(&batch);
  CheckpointStats stats;
  stats.version = snapshot.version();

  {
    Column& c = rows.Begin(kProtocol);
    c.children[0].AppendInt32(protocol.min_reader_version);
    c.children[1].AppendInt32(protocol.min_writer_version);
    size_t next = 2;
    if (protocol.reader_features) AppendStringList(c.children[next++], *protocol.reader_features);
    if (protocol.writer_features) AppendStringList(c.children[next++], *protocol.writer_features);
    c.AppendStructSlot();
  }
  {
    Column& c = rows.Begin(kMetaData);
    c.children[0].AppendBinary(metadata.id);
    AppendOptString(c.children[1], metadata.name);
    AppendOptString(c.children[2], metadata.description);
    Column& format = c.children[3];
    format.children[0].AppendBinary(metadata.format.provider);
    AppendMap(format.children[1], metadata.format.options);
    format.AppendStructSlot();
    c.children[4].AppendBinary(metadata.schema_string);
    AppendStringList(c.children[5], metadata.partition_columns);
    AppendMap(c.children[6], metadata.configuration);
    AppendOptInt64(c.children[7], metadata.created_time);
    c.AppendStructSlot();
  }
  for (const auto& [app_id, txn] : snapshot.txns()) {
    Column& c = rows.Begin(kTxn);
    c.children[0].AppendBinary(txn.app_id);
    c.children[1].AppendInt64(txn.version);
    AppendOptInt64(c.children[2], txn.last_updated);
    c.AppendStructSlot();
  }
  for (const auto& [key, add] : snapshot.active_files()) {
    Column& c = rows.Begin(kAdd);
    c.children[0].AppendBinary(add.path);
    AppendNullableMap(c.children[1], add.partition_values);
    c.children[2].AppendInt64(add.size);
    c.children[3].AppendInt64(add.modification_time);
    c.children[4].AppendBool(add.data_change);
    AppendOptString(c.children[5], add.stats);
    if (add.tags) {
      AppendMap(c.children[6], *add.tags);
    } else {
      c.children[6].AppendNull();
    }
    AppendDv(c.children[7], add.deletion_vector);
    AppendOptInt64(c.children[8], add.base_row_id);
    AppendOptInt64(c.children[9], add.default_row_commit_version);
    c.AppendStructSlot();
    ++stats.num_add_files;
  }
  int64_t expire_before =
      clock.NowMillis() - RetentionPropertyMs(snapshot, "delta.deletedFileRetentionDuration")
                              .value_or(kDefaultVacuumRetentionMs);
  for (const auto& [key, remove] : snapshot.tombstones()) {
    if (remove.deletion_timestamp.value_or(0) < expire_before) continue;
    Column& c = rows.Begin(kRemove);
    c.children[0].AppendBinary(remove.path);
    AppendOptInt64(c.children[1], remove.deletion_timestamp);
    c.children[2].AppendBool(remove.data_change);
    if (remove.extended_file_metadata) {
      c.children[3].AppendBool(*remove.extended_file_metadata);
    } else {
      c.children[3].AppendNull();
    }
    if (remove.partition_values) {
      AppendNullableMap(c.children[4], *remove.partition_values);
    } else {
      c.children[4].AppendNull();
    }
    AppendOptInt64(c.children[5], remove.size);
    AppendDv(c.children[6], remove.deletion_vector);
    c.AppendStructSlot();
  }
  for (const auto& [name, domain] : snapshot.domains()) {
    Column& c = rows.Begin(kDomain);
    c.children[0].AppendBinary(domain.domain);
    c.children[1].AppendBinary(domain.configuration);
    c.children[2].AppendBool(domain.removed);
    c.AppendStructSlot();
  }
  stats.num_actions = batch.num_rows;

  parquet::MemoryOutputSink sink;
  SF_ASSIGN_OR_RETURN(auto writer, parquet::ParquetWriter::Open(schema, &sink, options.parquet));
  SF_RETURN_IF_ERROR(writer->Append(batch));
  SF_ASSIGN_OR_RETURN(parquet::WriteSummary summary, writer->Finish());
  stats.size_in_bytes = summary.file_size;

  std::string final_path = ClassicCheckpointPath(snapshot.version());
  std::string_view bytes(reinterpret_cast<const char*>(sink.data().data()), sink.data().size());
  SF_ASSIGN_OR_RETURN(std::string temp,
                      storage.WriteTemporary(kLogDir, bytes, "checkpoint.parquet"));
  // On a failed step the temporary is removed (best effort); a crashed process leaves it,
  // and readers ignore temporaries.
  auto fail = [&storage, &temp](Status status) {
    if (status.code() != StatusCode::kCancelled) (void)storage.Delete(temp);
    return status.WithContext("writing checkpoint");
  };
  Status step = storage.FaultPoint(fault_points::kCheckpointAfterTempWrite);
  if (step.ok()) step = storage.FaultPoint(fault_points::kCheckpointBeforeRename);
  if (step.ok()) step = storage.Rename(temp, final_path);
  if (!step.ok()) return fail(step);
  SF_RETURN_IF_ERROR(storage.FaultPoint(fault_points::kCheckpointAfterRename));

  // A slower writer of an older checkpoint (another process of the group) must not move the
  // hint back behind a newer checkpoint whose older log may already be cleaned up. (A race
  // remains between this read and the rename; readers list from the hint and use the newest
  // checkpoint they find, so a stale hint costs a longer listing, not a failure.)
  if (Result<std::string> current = storage.ReadFile(LastCheckpointPath()); current.ok()) {
    Result<LastCheckpoint> newer = ParseLastCheckpoint(*current);
    if (newer.ok() && newer->version > stats.version) return stats;
  }
  LastCheckpoint last;
  last.version = stats.version;
  last.size = stats.num_actions;
  last.size_in_bytes = stats.size_in_bytes;
  last.num_of_add_files = stats.num_add_files;
  SF_ASSIGN_OR_RETURN(
      std::string last_temp,
      storage.WriteTemporary(kLogDir, SerializeLastCheckpoint(last), "_last_checkpoint"));
  step = storage.FaultPoint(fault_points::kLastCheckpointBeforeRename);
  if (step.ok()) step = storage.Rename(last_temp, LastCheckpointPath());
  if (!step.ok()) {
    if (step.code() != StatusCode::kCancelled) (void)storage.Delete(last_temp);
    return step.WithContext("writing _last_checkpoint");
  }
  SF_RETURN_IF_ERROR(storage.SyncDirectory(kLogDir));
  return stats;
}

Result<bool> MaybeCheckpoint(Storage& storage, CheckpointReader& reader,
                             const CheckpointWriterOptions& options) {
  SnapshotOptions snapshot_options;
  snapshot_options.checkpoint_reader = &reader;
  SF_ASSIGN_OR_RETURN(Snapshot snapshot, LoadSnapshot(storage, snapshot_options));
  int64_t interval = CheckpointInterval(snapshot);
  int64_t version = snapshot.version().value();
  if (version <= 0) return false;
  bool due = version % interval == 0;
  if (!due) {
    // A multiple may have been skipped (the thread was busy): catch up when the latest
    // checkpoint is more than one interval behind.
    SF_ASSIGN_OR_RETURN(LogListing listing,
                        ListLog(storage, TableVersion(std::max<int64_t>(0, version - interval))));
    int64_t latest_checkpoint = -1;
    for (const CheckpointInstance& cp : listing.checkpoints) {
      latest_checkpoint = std::max(latest_checkpoint, cp.version.value());
    }
    due = version - latest_checkpoint > interval && version >= interval;
  } else {
    Result<FileInfo> existing = storage.Stat(ClassicCheckpointPath(snapshot.version()));
    if (existing.ok()) return false;
  }
  if (!due) return false;
  SF_RETURN_IF_ERROR(WriteCheckpoint(storage, snapshot, options).status());
  return true;
}

}  // namespace salesflow::delta
