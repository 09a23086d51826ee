#include "delta/data_file_writer.h"

#include <fmt/format.h>

#include <map>

#include "base/civil_time.h"
#include "delta/partition_path.h"
#include "delta/stats_json.h"
#include "delta/unique_id.h"
#include "parquet/json_scalars.h"

namespace salesflow::delta {
namespace {

using parquet::Column;
using parquet::ColumnBatch;
using parquet::ColumnStorage;
using parquet::Field;
using parquet::LogicalType;

std::string_view CodecSuffix(parquet::CompressionCodec codec) {
  switch (codec) {
    case parquet::CompressionCodec::kSnappy:
      return ".snappy";
    case parquet::CompressionCodec::kZstd:
      return ".zstd";
    case parquet::CompressionCodec::kGzip:
      return ".gz";
    case parquet::CompressionCodec::kLz4Raw:
    case parquet::CompressionCodec::kLz4:
      return ".lz4";
    default:
      return "";
  }
}

}  // namespace

Result<std::optional<std::string>> PartitionValueText(const Field& field, const Column& column,
                                                      int64_t row) {
  if (field.kind != parquet::FieldKind::kPrimitive) {
    return Unsupported(fmt::format("partition column '{}' is not primitive", field.name));
  }
  if (!column.IsValid(row)) return std::optional<std::string>();
  size_t i = static_cast<size_t>(row);
  const std::optional<LogicalType>& logical = field.logical;
  auto kind = logical ? std::optional(logical->kind) : std::nullopt;
  switch (column.storage) {
    case ColumnStorage::kBool:
      return std::optional<std::string>(column.bools[i] ? "true" : "false");
    case ColumnStorage::kInt32:
    case ColumnStorage::kInt64: {
      int64_t v = column.storage == ColumnStorage::kInt32 ? column.i32[i] : column.i64[i];
      if (kind == LogicalType::Kind::kDate) return std::optional(FormatDate(v));
      if (kind == LogicalType::Kind::kTimestamp) {
        if (logical->unit == parquet::TimeUnit::kMillis) v *= 1000;
        if (logical->unit == parquet::TimeUnit::kNanos) v /= 1000;
        std::string text = FormatTimestampMicrosUtc(v);  // 2024-12-16T14:30:00.000000Z
        text[10] = ' ';
        text.pop_back();
        return std::optional(text);
      }
      if (kind == LogicalType::Kind::kDecimal) {
        std::string quoted;
        parquet::AppendJsonDecimal(v, logical->scale, &quoted);
        return std::optional(quoted.substr(1, quoted.size() - 2));
      }
      return std::optional(std::to_string(v));
    }
    case ColumnStorage::kBinary: {
      std::string_view v = column.BinaryAt(row);
      if (v.empty()) return std::optional<std::string>();
      return std::optional(std::string(v));
    }
    default:
      break;
  }
  return Unsupported(
      fmt::format("partition column '{}' has a type we cannot partition by", field.name));
}

Result<Column> TakeRows(const Field& field, const Column& column,
                        const std::vector<int64_t>& rows) {
  if (field.kind != parquet::FieldKind::kPrimitive) {
    return Unsupported(
        fmt::format("column '{}': splitting nested columns by partition", field.name));
  }
  Column out = parquet::MakeColumn(field);
  for (int64_t r : rows) {
    size_t i = static_cast<size_t>(r);
    if (!column.IsValid(r)) {
      out.AppendNull();
      continue;
    }
    switch (column.storage) {
      case ColumnStorage::kBool:
        out.AppendBool(column.bools[i] != 0);
        break;
      case ColumnStorage::kInt32:
        out.AppendInt32(column.i32[i]);
        break;
      case ColumnStorage::kInt64:
        out.AppendInt64(column.i64[i]);
        break;
      case ColumnStorage::kFloat:
        out.AppendFloat(column.f32[i]);
        break;
      case ColumnStorage::kDouble:
        out.AppendDouble(column.f64[i]);
        break;
      case ColumnStorage::kBinary:
      case ColumnStorage::kFixed:
        out.AppendBinary(column.BinaryAt(r));
        break;
      default:
        return Internal("TakeRows: nested storage");
    }
  }
  return out;
}

Result<AddFile> WriteDataFile(Storage& storage, const std::vector<std::string>& partition_columns,
                              const NullableStringMap& partition_values, const ColumnBatch& batch,
                              const DataFileWriterOptions& options) {
  return WriteDataFileBatches(storage, partition_columns, partition_values, {batch}, options);
}

Result<AddFile> WriteDataFileBatches(Storage& storage,
                                     const std::vector<std::string>& partition_columns,
                                     const NullableStringMap& partition_values,
                                     const std::vector<ColumnBatch>& batches,
                                     const DataFileWriterOptions& options) {
  if (batches.empty()) return InvalidArgument("no batch to write");
  parquet::MemoryOutputSink sink;
  SF_ASSIGN_OR_RETURN(auto writer,
                      parquet::ParquetWriter::Open(batches.front().schema, &sink, options.parquet));
  for (const ColumnBatch& batch : batches) SF_RETURN_IF_ERROR(writer->Append(batch));
  SF_ASSIGN_OR_RETURN(parquet::WriteSummary summary, writer->Finish());

  std::string dir = PartitionDirectory(partition_columns, partition_values);
  if (!dir.empty() && dir.back() == '/') dir.pop_back();
  std::string name =
      fmt::format("part-00000-{}-c000{}.parquet", RandomUuid(), CodecSuffix(options.parquet.codec));
  std::string relative = dir.empty() ? name : dir + "/" + name;
  std::string_view bytes(reinterpret_cast<const char*>(sink.data().data()), sink.data().size());
  SF_ASSIGN_OR_RETURN(std::string temp, storage.WriteTemporary(dir, bytes, name));
  SF_RETURN_IF_ERROR(storage.Rename(temp, relative).WithContext("publishing data file"));
  SF_ASSIGN_OR_RETURN(FileInfo info, storage.Stat(relative));

  AddFile add;
  add.path = UriEncodePath(relative);
  add.partition_values = partition_values;
  add.size = info.size;
  add.modification_time = info.modification_time_ms;
  add.data_change = options.data_change;
  add.stats = BuildStatsJson(summary.num_rows, summary.columns);
  return add;
}

Result<std::vector<AddFile>> WriteDataFiles(Storage& storage, const Metadata& metadata,
                                            const ColumnBatch& batch,
                                            const DataFileWriterOptions& options) {
  std::vector<AddFile> adds;
  if (batch.num_rows == 0) return adds;
  SF_RETURN_IF_ERROR(batch.Validate());
  const std::vector<Field>& fields = batch.schema->fields();
  std::vector<int> partition_index;
  for (const std::string& name : metadata.partition_columns) {
    int index = batch.schema->FieldIndex(name);
    if (index < 0) {
      return InvalidArgument(fmt::format("the batch has no partition column '{}'", name));
    }
    partition_index.push_back(index);
  }
  std::vector<Field> data_fields;
  std::vector<int> data_index;
  for (size_t i = 0; i < fields.size(); ++i) {
    bool is_partition = false;
    for (int p : partition_index) is_partition |= p == static_cast<int>(i);
    if (!is_partition) {
      data_fields.push_back(fields[i]);
      data_index.push_back(static_cast<int>(i));
    }
  }
  SF_ASSIGN_OR_RETURN(std::shared_ptr<const parquet::Schema> data_schema,
                      parquet::Schema::Make(data_fields));

  // Rows by partition tuple, in order of first appearance (deterministic file order).
  std::map<std::vector<std::optional<std::string>>, std::vector<int64_t>> groups;
  std::vector<std::vector<std::optional<std::string>>> order;
  for (int64_t row = 0; row < batch.num_rows; ++row) {
    std::vector<std::optional<std::string>> key;
    for (int p : partition_index) {
      SF_ASSIGN_OR_RETURN(std::optional<std::string> text,
                          PartitionValueText(fields[static_cast<size_t>(p)],
                                             batch.columns[static_cast<size_t>(p)], row));
      key.push_back(std::move(text));
    }
    auto [it, inserted] = groups.try_emplace(key);
    if (inserted) order.push_back(key);
    it->second.push_back(row);
  }

  for (const auto& key : order) {
    const std::vector<int64_t>& rows = groups[key];
    ColumnBatch part = ColumnBatch::Make(data_schema);
    part.num_rows = static_cast<int64_t>(rows.size());
    for (size_t c = 0; c < data_index.size(); ++c) {
      size_t source = static_cast<size_t>(data_index[c]);
      if (groups.size() == 1) {
        part.columns[c] = batch.columns[source];
      } else {
        SF_ASSIGN_OR_RETURN(part.columns[c], TakeRows(fields[source], batch.columns[source], rows));
      }
    }
    NullableStringMap values;
    for (size_t p = 0; p < key.size(); ++p) {
      values.emplace_back(metadata.partition_columns[p], key[p]);
    }
    SF_ASSIGN_OR_RETURN(AddFile add,
                        WriteDataFile(storage, metadata.partition_columns, values, part, options));
    adds.push_back(std::move(add));
  }
  return adds;
}

}  // namespace salesflow::delta
