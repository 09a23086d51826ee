#include "parquet/writer.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "parquet/file_metadata_thrift.h"

#ifndef SALESFLOW_VERSION
#define SALESFLOW_VERSION "0.1.0"
#endif
#ifndef SALESFLOW_BUILD_ID
#define SALESFLOW_BUILD_ID "unknown"
#endif

namespace salesflow::parquet {

namespace {

constexpr uint8_t kMagic[4] = {'P', 'A', 'R', '1'};
// Rows shredded and encoded per step: small enough for page and dictionary limits to be
// checked often, large enough to amortise the per-step dispatch.
constexpr int64_t kRowsPerStep = 4096;
// Arrow's default zstd level: ingestion favours speed, and files stay comparable to pyarrow's.
constexpr int kDefaultZstdLevel = 1;

}  // namespace

std::string DefaultCreatedBy() {
  return std::string("salesflow version ") + SALESFLOW_VERSION + " (build " + SALESFLOW_BUILD_ID +
         ")";
}

ParquetWriter::ParquetWriter(std::shared_ptr<const Schema> schema, OutputSink* sink,
                             WriterOptions options, std::unique_ptr<Codec> codec)
    : schema_(std::move(schema)),
      sink_(sink),
      options_(std::move(options)),
      codec_(std::move(codec)) {
  ColumnWriterOptions col;
  col.page_max_bytes = options_.page_max_bytes;
  col.dictionary = options_.dictionary;
  col.dictionary_max_bytes = options_.dictionary_max_bytes;
  col.statistics = options_.statistics;
  for (const LeafColumn& leaf : schema_->leaves()) {
    columns_.push_back(std::make_unique<ColumnChunkWriter>(leaf, col, codec_.get()));
  }
  for (const Field& f : schema_->fields()) {
    shredders_.push_back(f.kind == FieldKind::kPrimitive ? nullptr
                                                         : std::make_unique<RecordShredder>(f));
  }
}

ParquetWriter::~ParquetWriter() = default;

Result<std::unique_ptr<ParquetWriter>> ParquetWriter::Open(std::shared_ptr<const Schema> schema,
                                                           OutputSink* sink,
                                                           WriterOptions options) {
  if (!schema || schema->fields().empty()) return InvalidArgument("parquet writer: empty schema");
  if (options.row_group_max_rows <= 0 || options.page_max_bytes <= 0 ||
      options.row_group_max_bytes <= 0) {
    return InvalidArgument("parquet writer: row group and page limits must be positive");
  }
  switch (options.codec) {
    case CompressionCodec::kUncompressed:
    case CompressionCodec::kSnappy:
    case CompressionCodec::kZstd:
    case CompressionCodec::kGzip:
      break;
    default:
      return Unsupported("unsupported: writing " +
                         std::string(CompressionCodecName(options.codec)));
  }
  int level = options.compression_level;
  if (level == 0 && options.codec == CompressionCodec::kZstd) level = kDefaultZstdLevel;
  SF_ASSIGN_OR_RETURN(std::unique_ptr<Codec> codec,
                      MakeCodec(options.codec, CodecOptions{.level = level}));
  std::unique_ptr<ParquetWriter> w(
      new ParquetWriter(std::move(schema), sink, std::move(options), std::move(codec)));
  SF_RETURN_IF_ERROR(w->WriteBytes(kMagic));
  return w;
}

Status ParquetWriter::WriteBytes(std::span<const uint8_t> bytes) {
  Status s = sink_->Write(bytes);
  if (!s.ok()) {
    failed_ = true;
    return s.WithContext("writing parquet");
  }
  position_ += static_cast<int64_t>(bytes.size());
  return Status::Ok();
}

int64_t ParquetWriter::BufferedBytes() const {
  int64_t total = 0;
  for (const auto& c : columns_) total += c->buffered_bytes();
  return total;
}

Status ParquetWriter::Append(const ColumnBatch& batch) {
  if (finished_) return Internal("parquet writer: Append after Finish");
  if (failed_) return Internal("parquet writer: Append after a failed write");
  if (batch.schema != schema_ && batch.schema->ToElements() != schema_->ToElements()) {
    return InvalidArgument("parquet writer: batch schema differs from the file's");
  }
  SF_RETURN_IF_ERROR(batch.Validate().WithContext("parquet writer"));
  int64_t row = 0;
  while (row < batch.num_rows) {
    int64_t room = options_.row_group_max_rows - group_rows_;
    int64_t end = std::min({batch.num_rows, row + kRowsPerStep, row + room});
    Status s = WriteRows(batch, row, end);
    if (!s.ok()) {
      failed_ = true;
      return s;
    }
    group_rows_ += end - row;
    total_rows_ += end - row;
    row = end;
    if (group_rows_ >= options_.row_group_max_rows ||
        BufferedBytes() >= options_.row_group_max_bytes) {
      SF_RETURN_IF_ERROR(FlushRowGroup());
    }
  }
  return Status::Ok();
}

Status ParquetWriter::WriteRows(const ColumnBatch& batch, int64_t begin, int64_t end) {
  const std::vector<Field>& fields = schema_->fields();
  for (size_t i = 0; i < fields.size(); ++i) {
    const Field& f = fields[i];
    if (!shredders_[i]) {
      SF_RETURN_IF_ERROR(
          columns_[static_cast<size_t>(f.leaf_begin)]->WriteFlat(batch.columns[i], begin, end));
      continue;
    }
    RecordShredder& shredder = *shredders_[i];
    shredder.Shred(batch.columns[i], begin, end);
    for (int leaf = f.leaf_begin; leaf < f.leaf_end; ++leaf) {
      const LeafLevels& l = shredder.leaves()[static_cast<size_t>(leaf - f.leaf_begin)];
      SF_RETURN_IF_ERROR(
          columns_[static_cast<size_t>(leaf)]->WriteNested(l.defs, l.reps, *l.values, l.slots));
    }
  }
  return Status::Ok();
}

Status ParquetWriter::FlushRowGroup() {
  if (group_rows_ == 0) return Status::Ok();
  RowGroup g;
  g.num_rows = group_rows_;
  g.file_offset = position_;
  g.ordinal = static_cast<int16_t>(std::min<size_t>(row_groups_.size(), INT16_MAX));
  int64_t compressed = 0;
  for (auto& c : columns_) {
    chunk_bytes_.clear();
    ColumnChunk chunk;
    Status s = c->FinishChunk(position_, &chunk_bytes_, &chunk);
    if (!s.ok()) {
      failed_ = true;
      return s;
    }
    SF_RETURN_IF_ERROR(WriteBytes(chunk_bytes_));
    g.total_byte_size += chunk.meta_data->total_uncompressed_size;
    compressed += chunk.meta_data->total_compressed_size;
    g.columns.push_back(std::move(chunk));
  }
  g.total_compressed_size = compressed;
  row_groups_.push_back(std::move(g));
  group_rows_ = 0;
  return Status::Ok();
}

Result<WriteSummary> ParquetWriter::Finish() {
  if (finished_) return Internal("parquet writer: Finish called twice");
  if (failed_) return Internal("parquet writer: Finish after a failed write");
  SF_RETURN_IF_ERROR(FlushRowGroup());
  finished_ = true;
  FileMetaData meta;
  meta.version = 2;
  meta.schema = schema_->ToElements();
  meta.num_rows = total_rows_;
  meta.row_groups = std::move(row_groups_);
  meta.key_value_metadata = options_.key_value_metadata;
  meta.created_by = options_.created_by;
  meta.column_orders.assign(schema_->leaves().size(), ColumnOrder{});
  std::vector<uint8_t> footer;
  SerializeFileMetaData(meta, &footer);
  auto len = static_cast<uint32_t>(footer.size());
  uint8_t tail[8];
  std::memcpy(tail, &len, 4);
  std::memcpy(tail + 4, kMagic, 4);
  footer.insert(footer.end(), tail, tail + 8);
  SF_RETURN_IF_ERROR(WriteBytes(footer));
  SF_RETURN_IF_ERROR(sink_->Close().WithContext("closing the parquet sink"));

  WriteSummary summary;
  summary.num_rows = total_rows_;
  summary.file_size = position_;
  summary.num_row_groups = static_cast<int64_t>(meta.row_groups.size());
  const auto& leaves = schema_->leaves();
  for (size_t i = 0; i < leaves.size(); ++i) {
    summary.columns.push_back(columns_[i]->file_statistics().ToColumnStatistics(leaves[i]));
  }
  return summary;
}

}  // namespace salesflow::parquet
