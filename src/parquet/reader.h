#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/status.h"
#include "parquet/byte_source.h"
#include "parquet/column_batch.h"
#include "parquet/column_chunk_reader.h"
#include "parquet/file_metadata.h"
#include "parquet/schema.h"

namespace salesflow::parquet {

// Options of ParquetReader.
struct ReaderOptions {
  // Resource caps against hostile or absurd files.
  ReadLimits limits;
  // Largest footer accepted (pyarrow's own footers are a few KiB to a few MiB).
  uint64_t max_footer_bytes = uint64_t{64} << 20;
};

// Reads a Parquet file row group by row group into ColumnBatches: footer, schema (including
// the legacy list layouts), every codec and encoding of docs/DESIGN.md "Reading", record
// assembly of structs, lists and maps. Memory is bounded by one row group (whose buffers the
// reader keeps for the next one). Errors name the
// file, row group, column and page offset; unsupported features give
// Unsupported("unsupported: <what>").
class ParquetReader {
 public:
  // Reads and validates the footer of `source`.
  static Result<std::unique_ptr<ParquetReader>> Open(std::unique_ptr<ByteSource> source,
                                                     ReaderOptions options = {});
  // Same for a local file.
  static Result<std::unique_ptr<ParquetReader>> OpenFile(const std::string& path,
                                                         ReaderOptions options = {});

  // The decoded footer.
  const FileMetaData& metadata() const { return metadata_; }
  // The logical schema built from the footer.
  const std::shared_ptr<const Schema>& schema() const { return schema_; }
  // Row groups in the file.
  int num_row_groups() const { return static_cast<int>(metadata_.row_groups.size()); }
  // Rows in the file (the footer's count).
  int64_t num_rows() const { return metadata_.num_rows; }

  // Reads row group `index` (0-based) into `batch`, replacing its content (its schema is set
  // to schema()).
  Status ReadRowGroup(int index, ColumnBatch* batch);

 private:
  ParquetReader(std::unique_ptr<ByteSource> source, ReaderOptions options)
      : source_(std::move(source)), options_(options) {}
  Status ReadFooter();
  Status ValidateRowGroup(int index) const;

  std::unique_ptr<ByteSource> source_;
  ReaderOptions options_;
  FileMetaData metadata_;
  std::shared_ptr<const Schema> schema_;
  std::vector<LeafInfo> leaves_;
  std::vector<ColumnChunkData> chunks_;  // decoded chunks; their buffers are reused
  bool parquet_816_padding_ = false;     // see WriterNeedsParquet816Padding
};

}  // namespace salesflow::parquet
