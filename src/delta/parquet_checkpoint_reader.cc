#include "delta/parquet_checkpoint_reader.h"

#include <fmt/format.h>

#include <simdjson.h>

#include "delta/action_json.h"
#include "delta/json_writer.h"
#include "delta/log_files.h"
#include "delta/partition_path.h"
#include "parquet/reader.h"

namespace salesflow::delta {
namespace {

using parquet::Column;
using parquet::ColumnBatch;
using parquet::ColumnStorage;
using parquet::Field;

// A struct column of a checkpoint with its field, read by child name.
class StructView {
 public:
  StructView(const Field* field, const Column* column) : field_(field), column_(column) {}

  bool Valid(int64_t row) const { return column_ != nullptr && column_->IsValid(row); }
  StructView Child(std::string_view name) const {
    if (field_ == nullptr) return {nullptr, nullptr};
    for (size_t i = 0; i < field_->children.size(); ++i) {
      if (field_->children[i].name == name) return {&field_->children[i], &column_->children[i]};
    }
    return {nullptr, nullptr};
  }
  std::optional<std::string> String(std::string_view name, int64_t row) const {
    StructView c = Child(name);
    if (!c.Valid(row) || c.column_->storage != ColumnStorage::kBinary) return std::nullopt;
    return std::string(c.column_->BinaryAt(row));
  }
  std::optional<int64_t> Int(std::string_view name, int64_t row) const {
    StructView c = Child(name);
    if (!c.Valid(row)) return std::nullopt;
    size_t i = static_cast<size_t>(row);
    if (c.column_->storage == ColumnStorage::kInt64) return c.column_->i64[i];
    if (c.column_->storage == ColumnStorage::kInt32) return c.column_->i32[i];
    return std::nullopt;
  }
  std::optional<bool> Bool(std::string_view name, int64_t row) const {
    StructView c = Child(name);
    if (!c.Valid(row) || c.column_->storage != ColumnStorage::kBool) return std::nullopt;
    return c.column_->bools[static_cast<size_t>(row)] != 0;
  }
  std::optional<NullableStringMap> Map(std::string_view name, int64_t row) const {
    StructView c = Child(name);
    if (!c.Valid(row) || c.column_->storage != ColumnStorage::kMap) return std::nullopt;
    const Column& keys = c.column_->children[0];
    const Column& values = c.column_->children[1];
    NullableStringMap map;
    size_t i = static_cast<size_t>(row);
    for (int64_t j = c.column_->offsets[i]; j < c.column_->offsets[i + 1]; ++j) {
      std::optional<std::string> value;
      if (values.IsValid(j)) value = std::string(values.BinaryAt(j));
      map.emplace_back(std::string(keys.BinaryAt(j)), std::move(value));
    }
    return map;
  }
  std::optional<StringMap> NonNullMap(std::string_view name, int64_t row) const {
    std::optional<NullableStringMap> map = Map(name, row);
    if (!map) return std::nullopt;
    StringMap out;
    for (auto& [k, v] : *map) out.emplace_back(k, v.value_or(""));
    return out;
  }
  std::optional<std::vector<std::string>> List(std::string_view name, int64_t row) const {
    StructView c = Child(name);
    if (!c.Valid(row) || c.column_->storage != ColumnStorage::kList) return std::nullopt;
    const Column& elements = c.column_->children[0];
    std::vector<std::string> out;
    size_t i = static_cast<size_t>(row);
    for (int64_t j = c.column_->offsets[i]; j < c.column_->offsets[i + 1]; ++j) {
      if (elements.IsValid(j)) out.emplace_back(elements.BinaryAt(j));
    }
    return out;
  }
  std::optional<DeletionVector> Dv(int64_t row) const {
    StructView c = Child("deletionVector");
    if (!c.Valid(row)) return std::nullopt;
    DeletionVector dv;
    dv.storage_type = c.String("storageType", row).value_or("");
    dv.path_or_inline_dv = c.String("pathOrInlineDv", row).value_or("");
    if (auto offset = c.Int("offset", row)) dv.offset = static_cast<int32_t>(*offset);
    dv.size_in_bytes = static_cast<int32_t>(c.Int("sizeInBytes", row).value_or(0));
    dv.cardinality = c.Int("cardinality", row).value_or(0);
    return dv;
  }

 private:
  const Field* field_;
  const Column* column_;
};

StructView TopLevel(const ColumnBatch& batch, std::string_view name) {
  int index = batch.schema->FieldIndex(name);
  if (index < 0) return {nullptr, nullptr};
  return {&batch.schema->fields()[static_cast<size_t>(index)],
          &batch.columns[static_cast<size_t>(index)]};
}

std::string SidecarJson(const StructView& s, int64_t row) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("path");
  w.String(s.String("path", row).value_or(""));
  w.Key("sizeInBytes");
  w.Int(s.Int("sizeInBytes", row).value_or(0));
  w.Key("modificationTime");
  w.Int(s.Int("modificationTime", row).value_or(0));
  w.EndObject();
  return out;
}

// The table-relative path of a sidecar named in a V2 checkpoint.
Result<std::string> SidecarPath(const OtherAction& sidecar) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string_view path;
  if (parser.parse(sidecar.raw_json).get(doc) != simdjson::SUCCESS ||
      doc["path"].get_string().get(path) != simdjson::SUCCESS) {
    return Corruption("sidecar action without a path");
  }
  SF_ASSIGN_OR_RETURN(std::string decoded, UriDecodePath(path));
  if (decoded.find('/') != std::string::npos) {
    // A full path: keep what follows "_delta_log/_sidecars/".
    size_t at = decoded.rfind("/_sidecars/");
    if (at == std::string::npos)
      return Corruption(fmt::format("sidecar outside _sidecars: {}", path));
    decoded = decoded.substr(at + 11);
  }
  return JoinPath(JoinPath(kLogDir, "_sidecars"), decoded);
}

}  // namespace

Result<std::vector<Action>> CheckpointBatchToActions(const ColumnBatch& batch) {
  std::vector<Action> actions;
  StructView add = TopLevel(batch, "add");
  StructView remove = TopLevel(batch, "remove");
  StructView metadata = TopLevel(batch, "metaData");
  StructView protocol = TopLevel(batch, "protocol");
  StructView txn = TopLevel(batch, "txn");
  StructView domain = TopLevel(batch, "domainMetadata");
  StructView sidecar = TopLevel(batch, "sidecar");
  StructView checkpoint_metadata = TopLevel(batch, "checkpointMetadata");
  for (int64_t r = 0; r < batch.num_rows; ++r) {
    if (add.Valid(r)) {
      AddFile a;
      a.path = add.String("path", r).value_or("");
      a.partition_values = add.Map("partitionValues", r).value_or(NullableStringMap{});
      a.size = add.Int("size", r).value_or(0);
      a.modification_time = add.Int("modificationTime", r).value_or(0);
      a.data_change = add.Bool("dataChange", r).value_or(true);
      a.stats = add.String("stats", r);
      a.tags = add.NonNullMap("tags", r);
      a.deletion_vector = add.Dv(r);
      a.base_row_id = add.Int("baseRowId", r);
      a.default_row_commit_version = add.Int("defaultRowCommitVersion", r);
      if (a.path.empty()) return Corruption(fmt::format("row {}: add without a path", r));
      actions.emplace_back(std::move(a));
    } else if (remove.Valid(r)) {
      RemoveFile m;
      m.path = remove.String("path", r).value_or("");
      m.deletion_timestamp = remove.Int("deletionTimestamp", r);
      m.data_change = remove.Bool("dataChange", r).value_or(true);
      m.extended_file_metadata = remove.Bool("extendedFileMetadata", r);
      m.partition_values = remove.Map("partitionValues", r);
      m.size = remove.Int("size", r);
      m.deletion_vector = remove.Dv(r);
      if (m.path.empty()) return Corruption(fmt::format("row {}: remove without a path", r));
      actions.emplace_back(std::move(m));
    } else if (metadata.Valid(r)) {
      Metadata m;
      m.id = metadata.String("id", r).value_or("");
      m.name = metadata.String("name", r);
      m.description = metadata.String("description", r);
      StructView format = metadata.Child("format");
      m.format.provider = format.String("provider", r).value_or("parquet");
      m.format.options = format.NonNullMap("options", r).value_or(StringMap{});
      m.schema_string = metadata.String("schemaString", r).value_or("");
      m.partition_columns =
          metadata.List("partitionColumns", r).value_or(std::vector<std::string>{});
      m.configuration = metadata.NonNullMap("configuration", r).value_or(StringMap{});
      m.created_time = metadata.Int("createdTime", r);
      actions.emplace_back(std::move(m));
    } else if (protocol.Valid(r)) {
      Protocol p;
      p.min_reader_version = static_cast<int32_t>(protocol.Int("minReaderVersion", r).value_or(1));
      p.min_writer_version = static_cast<int32_t>(protocol.Int("minWriterVersion", r).value_or(2));
      p.reader_features = protocol.List("readerFeatures", r);
      p.writer_features = protocol.List("writerFeatures", r);
      actions.emplace_back(std::move(p));
    } else if (txn.Valid(r)) {
      Txn t;
      t.app_id = txn.String("appId", r).value_or("");
      t.version = txn.Int("version", r).value_or(0);
      t.last_updated = txn.Int("lastUpdated", r);
      actions.emplace_back(std::move(t));
    } else if (domain.Valid(r)) {
      DomainMetadata d;
      d.domain = domain.String("domain", r).value_or("");
      d.configuration = domain.String("configuration", r).value_or("");
      d.removed = domain.Bool("removed", r).value_or(false);
      actions.emplace_back(std::move(d));
    } else if (sidecar.Valid(r)) {
      actions.emplace_back(OtherAction{"sidecar", SidecarJson(sidecar, r)});
    } else if (checkpoint_metadata.Valid(r)) {
      actions.emplace_back(OtherAction{
          "checkpointMetadata",
          fmt::format("{{\"version\":{}}}", checkpoint_metadata.Int("version", r).value_or(0))});
    }
  }
  return actions;
}

Result<std::vector<Action>> ReadCheckpointParquet(Storage& storage, const std::string& path) {
  SF_ASSIGN_OR_RETURN(std::string bytes, storage.ReadFile(path));
  auto source = std::make_unique<parquet::MemorySource>(
      std::vector<uint8_t>(bytes.begin(), bytes.end()), path);
  Result<std::unique_ptr<parquet::ParquetReader>> reader =
      parquet::ParquetReader::Open(std::move(source));
  if (!reader.ok()) return reader.status().WithContext(path);
  std::vector<Action> actions;
  ColumnBatch batch;
  for (int g = 0; g < (*reader)->num_row_groups(); ++g) {
    SF_RETURN_IF_ERROR((*reader)->ReadRowGroup(g, &batch).WithContext(path));
    Result<std::vector<Action>> part = CheckpointBatchToActions(batch);
    if (!part.ok()) return part.status().WithContext(path);
    for (Action& a : *part) actions.push_back(std::move(a));
  }
  return actions;
}

Result<std::vector<Action>> ParquetCheckpointReader::Read(Storage& storage,
                                                          const CheckpointInstance& checkpoint) {
  std::vector<Action> actions;
  for (const LogFile& file : checkpoint.files) {
    std::vector<Action> part;
    if (file.info.name.ends_with(".json")) {
      SF_ASSIGN_OR_RETURN(std::string text, storage.ReadFile(file.path()));
      Result<std::vector<Action>> parsed = ParseCommit(text);
      if (!parsed.ok()) return parsed.status().WithContext(file.path());
      part = std::move(*parsed);
    } else {
      SF_ASSIGN_OR_RETURN(part, ReadCheckpointParquet(storage, file.path()));
    }
    for (Action& a : part) {
      if (const auto* other = std::get_if<OtherAction>(&a); other && other->key == "sidecar") {
        SF_ASSIGN_OR_RETURN(std::string sidecar_path, SidecarPath(*other));
        SF_ASSIGN_OR_RETURN(std::vector<Action> sidecar_actions,
                            ReadCheckpointParquet(storage, sidecar_path));
        for (Action& s : sidecar_actions) actions.push_back(std::move(s));
        continue;
      }
      actions.push_back(std::move(a));
    }
  }
  return actions;
}

}  // namespace salesflow::delta
