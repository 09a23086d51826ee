#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "delta/action.h"
#include "delta/scalar_value.h"
#include "delta/schema.h"
#include "delta/snapshot.h"
#include "delta/storage.h"
#include "parquet/column_batch.h"
#include "parquet/reader.h"

namespace salesflow::delta {

// A simple predicate on one column, for partition pruning and file skipping.
struct ColumnPredicate {
  // The comparison: column OP value (kBetween: value <= column <= upper).
  enum class Op { kEq, kLt, kLe, kGt, kGe, kBetween };
  std::string column;  // top-level column name
  Op op = Op::kEq;     // comparison
  std::string value;   // literal in partition-value syntax ("2024-12-16", "12.50", "abc")
  std::string upper;   // kBetween only: the inclusive upper bound
};

// What a scan reads.
struct ScanOptions {
  // ANDed predicates. Files that cannot hold a matching row are skipped (by partition value
  // or add.stats); rows of the files read are NOT filtered: callers apply the predicate.
  std::vector<ColumnPredicate> predicates;
};

// Counters of one scan.
struct ScanMetrics {
  int64_t files_total = 0;             // candidate files
  int64_t files_pruned = 0;            // skipped by partition values
  int64_t files_skipped_by_stats = 0;  // skipped by min/max/nullCount
  int64_t files_read = 0;              // files opened so far
  int64_t rows_read = 0;               // rows returned so far
};

// Whether `value` satisfies `column op literal` (kBetween: literal <= value <= *upper) —
// what callers apply to the rows of the files a scan reads (a scan never filters rows).
bool ValueMatches(const ScalarValue& value, ColumnPredicate::Op op, const ScalarValue& literal,
                  const std::optional<ScalarValue>& upper);

// Whether `add` may hold a row matching every predicate. Never false for a file that does:
// truncated stats are inexact — a string max of 32+ characters is only a prefix (ignored), a
// timestamp max truncated to milliseconds may hide up to 999 us more, decimal/float bounds are
// compared strictly. A null partition value or an all-null column matches no comparison.
// InvalidArgument when a predicate names an unknown column or a literal does not parse.
Result<bool> FileMayMatch(const StructType& schema,
                          const std::vector<std::string>& partition_columns, const AddFile& add,
                          const std::vector<ColumnPredicate>& predicates);

// Reads data files of a table into column batches in table-schema order, partition columns
// materialised from partitionValues (typed by the schema; __HIVE_DEFAULT_PARTITION__ or null
// is null) and columns missing from older files as nulls. One batch per row group.
// Deletion vectors are refused (Unsupported "deletionVectors").
class TableScan {
 public:
  // The active files of `snapshot`, pruned by the predicates.
  static Result<std::unique_ptr<TableScan>> Open(Storage& storage, const Snapshot& snapshot,
                                                 ScanOptions options = {});
  // Exactly `files` (e.g. the adds of some commits: see AddedFiles), pruned likewise.
  static Result<std::unique_ptr<TableScan>> OpenFiles(Storage& storage, const Metadata& metadata,
                                                      std::vector<AddFile> files,
                                                      ScanOptions options = {});

  // Fills `batch` with the next non-empty row group; false when every file was read.
  Result<bool> Next(parquet::ColumnBatch* batch);

  // Files the scan reads, in path order.
  const std::vector<AddFile>& files() const { return files_; }
  // The table's top-level columns.
  const StructType& schema() const { return schema_; }
  const ScanMetrics& metrics() const { return metrics_; }

 private:
  TableScan(Storage& storage, Metadata metadata, StructType schema)
      : storage_(storage), metadata_(std::move(metadata)), schema_(std::move(schema)) {}
  Status OpenNextFile();
  Status Assemble(parquet::ColumnBatch* file_batch, parquet::ColumnBatch* out);

  Storage& storage_;
  Metadata metadata_;
  StructType schema_;
  std::vector<AddFile> files_;
  ScanMetrics metrics_;
  size_t next_file_ = 0;
  std::unique_ptr<parquet::ParquetReader> reader_;  // current file
  int next_row_group_ = 0;
  const AddFile* current_ = nullptr;
  std::shared_ptr<const parquet::Schema> out_schema_;  // for the current file
  parquet::ColumnBatch file_batch_;
};

// The data-changing adds committed in versions first..last (inclusive), in commit order: what
// an incremental consumer (silver) reads next. Compaction adds (dataChange=false) are left out.
Result<std::vector<AddFile>> AddedFiles(Storage& storage, TableVersion first, TableVersion last);

// The column of `num_rows` copies of a partition value (nullopt = null) for `field`.
Result<parquet::Column> PartitionColumn(const parquet::Field& field, const StructField& column,
                                        const std::optional<std::string>& value, int64_t num_rows);

}  // namespace salesflow::delta
