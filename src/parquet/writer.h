#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/status.h"
#include "parquet/column_batch.h"
#include "parquet/column_statistics.h"
#include "parquet/column_writer.h"
#include "parquet/compression.h"
#include "parquet/output_sink.h"
#include "parquet/record_shredder.h"
#include "parquet/schema.h"

namespace salesflow::parquet {

// "salesflow version 0.1.0 (build <git id>)": the form parquet-mr's and Arrow's version
// parsers accept (application, version, build).
std::string DefaultCreatedBy();

// How a file is written. Defaults follow pyarrow's where it has one.
struct WriterOptions {
  CompressionCodec codec = CompressionCodec::kZstd;  // UNCOMPRESSED, SNAPPY, ZSTD (or GZIP)
  int compression_level = 0;                         // 0 = the codec's default
  int64_t row_group_max_rows = 1 << 20;              // a row group closes at this many rows...
  int64_t row_group_max_bytes = 128 << 20;      // ...or once its buffered pages reach this size
  int64_t page_max_bytes = 1 << 20;             // data page size target
  bool dictionary = true;                       // RLE_DICTIONARY first, PLAIN fallback
  int64_t dictionary_max_bytes = 1 << 20;       // dictionary size that triggers the fallback
  bool statistics = true;                       // min/max in the footer (null counts always)
  std::string created_by = DefaultCreatedBy();  // the footer's created_by
  std::vector<KeyValue> key_value_metadata;     // extra footer metadata
};

// What a finished file holds (Delta's add action and add.stats use it).
struct WriteSummary {
  int64_t num_rows = 0;                   // records written
  int64_t file_size = 0;                  // bytes, footer included
  int64_t num_row_groups = 0;             // row groups written
  std::vector<ColumnStatistics> columns;  // per leaf column, whole file, schema order
};

// Streams batches into one Parquet file: Open, Append any number of batches, Finish. Memory
// is bounded by one row group's encoded pages plus one page in progress per column.
class ParquetWriter {
 public:
  // Writes the leading magic; `sink` must outlive the writer.
  static Result<std::unique_ptr<ParquetWriter>> Open(std::shared_ptr<const Schema> schema,
                                                     OutputSink* sink, WriterOptions options = {});

  ParquetWriter(const ParquetWriter&) = delete;
  ParquetWriter& operator=(const ParquetWriter&) = delete;
  ~ParquetWriter();

  // Appends the rows of `batch` (validated against the schema first; an invalid batch
  // leaves the file as it was).
  Status Append(const ColumnBatch& batch);

  // Flushes the last row group, writes the footer and closes the sink. Zero rows is fine.
  Result<WriteSummary> Finish();

  // Rows appended so far.
  int64_t num_rows() const { return total_rows_; }
  // Bytes written to the sink so far (the current row group is still in memory).
  int64_t bytes_written() const { return position_; }
  // The schema the writer was opened with.
  const std::shared_ptr<const Schema>& schema() const { return schema_; }

 private:
  ParquetWriter(std::shared_ptr<const Schema> schema, OutputSink* sink, WriterOptions options,
                std::unique_ptr<Codec> codec);
  Status WriteRows(const ColumnBatch& batch, int64_t begin, int64_t end);
  Status FlushRowGroup();
  Status WriteBytes(std::span<const uint8_t> bytes);
  int64_t BufferedBytes() const;

  std::shared_ptr<const Schema> schema_;
  OutputSink* sink_;
  WriterOptions options_;
  std::unique_ptr<Codec> codec_;
  std::vector<std::unique_ptr<ColumnChunkWriter>> columns_;  // per leaf
  std::vector<std::unique_ptr<RecordShredder>> shredders_;   // per top-level field, or null
  std::vector<RowGroup> row_groups_;
  std::vector<uint8_t> chunk_bytes_;
  int64_t position_ = 0;
  int64_t group_rows_ = 0;
  int64_t total_rows_ = 0;
  bool failed_ = false;
  bool finished_ = false;
};

}  // namespace salesflow::parquet
