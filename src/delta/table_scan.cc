#include "delta/table_scan.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "delta/column_parquet_field.h"
#include "delta/log_files.h"
#include "delta/partition_path.h"
#include "delta/scalar_value.h"
#include "delta/schema_json.h"
#include "delta/stats_json.h"

namespace salesflow::delta {
namespace {

using parquet::Column;
using parquet::ColumnBatch;
using parquet::Field;

using Op = ColumnPredicate::Op;

// Microseconds a millisecond-truncated timestamp max may hide.
constexpr int64_t kTimestampMaxSlackMicros = 999;

const std::optional<std::string>* PartitionValue(const AddFile& add, std::string_view column) {
  for (const auto& [k, v] : add.partition_values) {
    if (k == column) return &v;
  }
  return nullptr;
}

bool IsNullPartition(const std::optional<std::string>& v) {
  return !v || v->empty() || *v == kHiveDefaultPartition;
}

bool IsInexactNumeric(std::string_view type) {
  return type == "double" || type == "float" || type.starts_with("decimal");
}

// Converts a stats value to the column's comparable form; nullopt when unusable.
std::optional<ScalarValue> StatToScalar(std::string_view type, const StatsValue& v) {
  if (const auto* i = std::get_if<int64_t>(&v)) {
    if (IsInexactNumeric(type)) return ScalarValue(static_cast<double>(*i));
    if (type == "long" || type == "integer" || type == "short" || type == "byte") {
      return ScalarValue(*i);
    }
    return std::nullopt;
  }
  if (const auto* d = std::get_if<double>(&v)) {
    if (IsInexactNumeric(type)) return ScalarValue(*d);
    return std::nullopt;
  }
  if (const auto* s = std::get_if<std::string>(&v)) {
    if (type == "string") return ScalarValue(*s);
    if (type == "date" || type == "timestamp" || type == "timestamp_ntz") {
      Result<ScalarValue> parsed = ParseScalarText(type, *s);
      if (parsed.ok()) return *parsed;
    }
  }
  return std::nullopt;
}

// Whether a value in [min, max] may satisfy `op` against the literal(s); strict comparisons
// only when `exact` is false (rounded bounds).
bool RangeMayMatch(const std::optional<ScalarValue>& min, const std::optional<ScalarValue>& max,
                   Op op, const ScalarValue& lit, const std::optional<ScalarValue>& upper,
                   bool exact) {
  // Returns true when a > b is certain (a >= b when `or_equal` and the values are exact).
  auto above = [exact](const ScalarValue& a, const ScalarValue& b, bool or_equal) {
    int c = CompareScalars(a, b);
    return c > 0 || (or_equal && exact && c == 0);
  };
  switch (op) {
    case Op::kEq:
      return !((min && above(*min, lit, false)) || (max && above(lit, *max, false)));
    case Op::kLt:
      return !(min && above(*min, lit, true));
    case Op::kLe:
      return !(min && above(*min, lit, false));
    case Op::kGt:
      return !(max && above(lit, *max, true));
    case Op::kGe:
      return !(max && above(lit, *max, false));
    case Op::kBetween:
      return !((max && above(lit, *max, false)) || (min && upper && above(*min, *upper, false)));
  }
  return true;
}

// Big-endian two's complement of `v` in `width` bytes.
std::string BigEndian(int64_t v, int32_t width) {
  std::string out(static_cast<size_t>(width), v < 0 ? '\xff' : '\0');
  for (int i = 0; i < 8 && i < width; ++i) {
    out[static_cast<size_t>(width - 1 - i)] =
        static_cast<char>((static_cast<uint64_t>(v) >> (8 * i)) & 0xff);
  }
  return out;
}

}  // namespace

bool ValueMatches(const ScalarValue& value, ColumnPredicate::Op op, const ScalarValue& literal,
                  const std::optional<ScalarValue>& upper) {
  int c = CompareScalars(value, literal);
  switch (op) {
    case Op::kEq:
      return c == 0;
    case Op::kLt:
      return c < 0;
    case Op::kLe:
      return c <= 0;
    case Op::kGt:
      return c > 0;
    case Op::kGe:
      return c >= 0;
    case Op::kBetween:
      return c >= 0 && upper && CompareScalars(value, *upper) <= 0;
  }
  return false;
}

Result<bool> FileMayMatch(const StructType& schema,
                          const std::vector<std::string>& partition_columns, const AddFile& add,
                          const std::vector<ColumnPredicate>& predicates) {
  std::optional<FileStats> stats;
  bool stats_parsed = false;
  for (const ColumnPredicate& p : predicates) {
    const StructField* column = schema.Find(p.column);
    if (column == nullptr) {
      return InvalidArgument(fmt::format("no column '{}' in the table", p.column));
    }
    if (column->type.kind() != TypeKind::kPrimitive) {
      return InvalidArgument(
          fmt::format("column '{}' is nested: predicates compare primitive "
                      "columns only",
                      p.column));
    }
    const std::string& type = column->type.primitive_name();
    SF_ASSIGN_OR_RETURN(ScalarValue lit, ParseScalarText(type, p.value));
    std::optional<ScalarValue> upper;
    if (p.op == Op::kBetween) {
      SF_ASSIGN_OR_RETURN(upper, ParseScalarText(type, p.upper));
    }
    bool is_partition = std::find(partition_columns.begin(), partition_columns.end(), p.column) !=
                        partition_columns.end();
    if (is_partition) {
      const std::optional<std::string>* value = PartitionValue(add, p.column);
      if (value == nullptr || IsNullPartition(*value)) return false;  // null matches nothing
      const std::string& text = **value;
      Result<ScalarValue> v = ParseScalarText(type, text);
      if (!v.ok()) continue;  // unreadable value: keep the file
      if (!ValueMatches(*v, p.op, lit, upper)) return false;
      continue;
    }
    if (!stats_parsed) {
      stats_parsed = true;
      if (add.stats) {
        Result<FileStats> parsed = ParseStatsJson(*add.stats);
        if (parsed.ok()) stats = std::move(*parsed);
      }
    }
    if (!stats) continue;
    auto it = stats->columns.find(p.column);
    if (it == stats->columns.end()) continue;
    const ColumnFileStats& c = it->second;
    if (c.null_count && stats->num_records && *c.null_count == *stats->num_records &&
        *stats->num_records > 0) {
      return false;  // every row is null there: no comparison holds
    }
    std::optional<ScalarValue> min = StatToScalar(type, c.min);
    std::optional<ScalarValue> max = StatToScalar(type, c.max);
    if (type == "string" && std::holds_alternative<std::string>(c.max) &&
        Utf8Length(std::get<std::string>(c.max)) >= kStatsStringPrefixChars) {
      max.reset();  // a cut prefix, not a bound
    }
    if ((type == "timestamp" || type == "timestamp_ntz") && max) {
      max = ScalarValue(std::get<int64_t>(*max) + kTimestampMaxSlackMicros);
    }
    if (!RangeMayMatch(min, max, p.op, lit, upper, !IsInexactNumeric(type))) return false;
  }
  return true;
}

Result<Column> PartitionColumn(const Field& field, const StructField& column,
                               const std::optional<std::string>& value, int64_t num_rows) {
  Column out = parquet::MakeColumn(field);
  if (IsNullPartition(value)) {
    for (int64_t i = 0; i < num_rows; ++i) out.AppendNull();
    return out;
  }
  const std::string& text = *value;
  const std::string& type = column.type.primitive_name();
  auto bad = [&](const Status& s) {
    return s.WithContext(fmt::format("partition value of '{}'", column.name));
  };
  for (int64_t i = 0; i < num_rows; ++i) {
    if (type == "string" || type == "binary") {
      out.AppendBinary(text);
    } else if (type == "boolean") {
      out.AppendBool(text == "true");
    } else if (type == "double" || type == "float") {
      char* end = nullptr;
      double d = std::strtod(text.c_str(), &end);
      if (end != text.c_str() + text.size()) return bad(InvalidArgument("not a number: " + text));
      if (type == "float") {
        out.AppendFloat(static_cast<float>(d));
      } else {
        out.AppendDouble(d);
      }
    } else if (column.type.is_decimal()) {
      Result<int64_t> unscaled = ParseDecimalUnscaled(text, column.type.scale());
      if (!unscaled.ok()) return bad(unscaled.status());
      if (out.storage == parquet::ColumnStorage::kInt32) {
        out.AppendInt32(static_cast<int32_t>(*unscaled));
      } else if (out.storage == parquet::ColumnStorage::kInt64) {
        out.AppendInt64(*unscaled);
      } else {
        out.AppendBinary(BigEndian(*unscaled, field.type_length));
      }
    } else {
      Result<ScalarValue> v = ParseScalarText(type, text);
      if (!v.ok()) return bad(v.status());
      int64_t n = std::get<int64_t>(*v);
      if (out.storage == parquet::ColumnStorage::kInt32) {
        out.AppendInt32(static_cast<int32_t>(n));
      } else {
        out.AppendInt64(n);
      }
    }
  }
  return out;
}

Result<std::unique_ptr<TableScan>> TableScan::Open(Storage& storage, const Snapshot& snapshot,
                                                   ScanOptions options) {
  std::vector<AddFile> files;
  files.reserve(snapshot.active_files().size());
  for (const auto& [key, add] : snapshot.active_files()) files.push_back(add);
  return OpenFiles(storage, snapshot.metadata(), std::move(files), std::move(options));
}

Result<std::unique_ptr<TableScan>> TableScan::OpenFiles(Storage& storage, const Metadata& metadata,
                                                        std::vector<AddFile> files,
                                                        ScanOptions options) {
  SF_ASSIGN_OR_RETURN(StructType schema, ParseSchemaJson(metadata.schema_string));
  std::unique_ptr<TableScan> scan(new TableScan(storage, metadata, std::move(schema)));
  scan->metrics_.files_total = static_cast<int64_t>(files.size());
  for (AddFile& add : files) {
    if (add.deletion_vector) {
      return Unsupported(fmt::format(
          "file {} has a deletion vector: the table uses the deletionVectors feature, which "
          "salesflow does not read",
          add.path));
    }
    if (!options.predicates.empty()) {
      // Pruning first: a partition mismatch is counted as pruned, the rest as stats skips.
      std::vector<ColumnPredicate> on_partitions, on_data;
      for (const ColumnPredicate& p : options.predicates) {
        bool part = std::find(metadata.partition_columns.begin(), metadata.partition_columns.end(),
                              p.column) != metadata.partition_columns.end();
        (part ? on_partitions : on_data).push_back(p);
      }
      SF_ASSIGN_OR_RETURN(bool partition_ok, FileMayMatch(scan->schema_, metadata.partition_columns,
                                                          add, on_partitions));
      if (!partition_ok) {
        ++scan->metrics_.files_pruned;
        continue;
      }
      SF_ASSIGN_OR_RETURN(bool stats_ok,
                          FileMayMatch(scan->schema_, metadata.partition_columns, add, on_data));
      if (!stats_ok) {
        ++scan->metrics_.files_skipped_by_stats;
        continue;
      }
    }
    scan->files_.push_back(std::move(add));
  }
  std::sort(scan->files_.begin(), scan->files_.end(),
            [](const AddFile& a, const AddFile& b) { return a.path < b.path; });
  return scan;
}

Status TableScan::OpenNextFile() {
  current_ = &files_[next_file_++];
  SF_ASSIGN_OR_RETURN(std::string path, CanonicalFilePath(current_->path));
  Result<std::unique_ptr<parquet::ParquetReader>> reader = Status(StatusCode::kInternal, "unset");
  if (!path.empty() && path.front() == '/') {
    reader = parquet::ParquetReader::OpenFile(path);  // an absolute path outside the table
  } else {
    SF_ASSIGN_OR_RETURN(std::string bytes, storage_.ReadFile(path));
    reader = parquet::ParquetReader::Open(std::make_unique<parquet::MemorySource>(
        std::vector<uint8_t>(bytes.begin(), bytes.end()), path));
  }
  if (!reader.ok()) return reader.status().WithContext(fmt::format("data file {}", path));
  reader_ = std::move(*reader);
  next_row_group_ = 0;
  out_schema_.reset();
  ++metrics_.files_read;
  return Status::Ok();
}

Status TableScan::Assemble(ColumnBatch* file_batch, ColumnBatch* out) {
  const parquet::Schema& file_schema = *file_batch->schema;
  std::vector<Field> fields;
  std::vector<Column> columns;
  for (const StructField& column : schema_.fields) {
    bool is_partition =
        std::find(metadata_.partition_columns.begin(), metadata_.partition_columns.end(),
                  column.name) != metadata_.partition_columns.end();
    int index = is_partition ? -1 : file_schema.FieldIndex(column.name);
    if (index >= 0) {
      fields.push_back(file_schema.fields()[static_cast<size_t>(index)]);
      columns.push_back(std::move(file_batch->columns[static_cast<size_t>(index)]));
      continue;
    }
    StructField nullable = column;
    nullable.nullable = true;
    Result<Field> field = ParquetFieldFor(nullable);
    if (!field.ok()) {
      if (is_partition) return field.status();
      continue;  // a nested column absent from this file: left out
    }
    std::optional<std::string> value;
    if (is_partition) {
      const std::optional<std::string>* v = PartitionValue(*current_, column.name);
      if (v != nullptr) value = *v;
    }
    SF_ASSIGN_OR_RETURN(Column c, PartitionColumn(*field, column, value, file_batch->num_rows));
    fields.push_back(std::move(*field));
    columns.push_back(std::move(c));
  }
  if (out_schema_ == nullptr) {
    SF_ASSIGN_OR_RETURN(out_schema_, parquet::Schema::Make(std::move(fields)));
  }
  out->schema = out_schema_;
  out->num_rows = file_batch->num_rows;
  out->columns = std::move(columns);
  return Status::Ok();
}

Result<bool> TableScan::Next(ColumnBatch* batch) {
  while (true) {
    if (reader_ == nullptr || next_row_group_ >= reader_->num_row_groups()) {
      if (next_file_ >= files_.size()) return false;
      SF_RETURN_IF_ERROR(OpenNextFile());
      continue;
    }
    SF_RETURN_IF_ERROR(reader_->ReadRowGroup(next_row_group_++, &file_batch_)
                           .WithContext(fmt::format("data file {}", current_->path)));
    if (file_batch_.num_rows == 0) continue;
    SF_RETURN_IF_ERROR(
        Assemble(&file_batch_, batch).WithContext(fmt::format("data file {}", current_->path)));
    metrics_.rows_read += batch->num_rows;
    return true;
  }
}

Result<std::vector<AddFile>> AddedFiles(Storage& storage, TableVersion first, TableVersion last) {
  std::vector<AddFile> files;
  for (TableVersion v = first; v <= last; v = v.next()) {
    SF_ASSIGN_OR_RETURN(std::vector<Action> actions, ReadCommit(storage, v));
    for (Action& a : actions) {
      if (auto* add = std::get_if<AddFile>(&a); add != nullptr && add->data_change) {
        files.push_back(std::move(*add));
      }
    }
  }
  return files;
}

}  // namespace salesflow::delta
