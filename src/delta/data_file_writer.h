#pragma once

#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "delta/action.h"
#include "delta/storage.h"
#include "parquet/column_batch.h"
#include "parquet/writer.h"

namespace salesflow::delta {

// How data files are written.
struct DataFileWriterOptions {
  parquet::WriterOptions parquet;  // codec, row group size, ...
  bool data_change = true;         // add.dataChange (false for compaction)
};

// Writes `batch` as Parquet data files of the table described by `metadata` and returns their
// add actions (path, partitionValues, size, modificationTime, dataChange, stats). The batch
// holds every table column, partition columns included, in any order; rows are split by
// their partition values into one file per partition, under Hive-style directories
// ("date_vente=2024-12-16/part-00000-<uuid>-c000.zstd.parquet"); partition columns are not
// stored in the files. Each file is staged as a temporary and renamed to its unique name, so
// a crash leaves at most an unreferenced file (which only vacuum removes). Nothing is
// committed: pass the adds to a Transaction. An empty batch writes nothing.
Result<std::vector<AddFile>> WriteDataFiles(Storage& storage, const Metadata& metadata,
                                            const parquet::ColumnBatch& batch,
                                            const DataFileWriterOptions& options = {});

// Writes one data file of an already split partition: `batch` has only the data columns.
// `partition_values` are in partitionColumns order.
Result<AddFile> WriteDataFile(Storage& storage, const std::vector<std::string>& partition_columns,
                              const NullableStringMap& partition_values,
                              const parquet::ColumnBatch& batch,
                              const DataFileWriterOptions& options = {});

// Writes several batches (same schema, data columns only) as one data file of a partition.
Result<AddFile> WriteDataFileBatches(Storage& storage,
                                     const std::vector<std::string>& partition_columns,
                                     const NullableStringMap& partition_values,
                                     const std::vector<parquet::ColumnBatch>& batches,
                                     const DataFileWriterOptions& options = {});

// The text Delta stores in partitionValues for slot `row` of a primitive column: dates
// "2024-12-16", timestamps "2024-12-16 14:30:00.123456" (UTC), numbers, "true"/"false",
// decimals exact; nullopt for null (and for an empty string, as Spark does).
Result<std::optional<std::string>> PartitionValueText(const parquet::Field& field,
                                                      const parquet::Column& column, int64_t row);

// Copies the rows `rows` of a flat (primitive) column into a new column.
Result<parquet::Column> TakeRows(const parquet::Field& field, const parquet::Column& column,
                                 const std::vector<int64_t>& rows);

}  // namespace salesflow::delta
