#include "parquet/reader.h"

#include <cstring>
#include <string>

#include "parquet/file_metadata_thrift.h"
#include "parquet/record_assembly.h"

namespace salesflow::parquet {
namespace {

constexpr char kMagic[] = "PAR1";
constexpr char kEncryptedMagic[] = "PARE";

std::string JoinPath(const std::vector<std::string>& path) {
  std::string out;
  for (const std::string& p : path) {
    if (!out.empty()) out += '.';
    out += p;
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<ParquetReader>> ParquetReader::Open(std::unique_ptr<ByteSource> source,
                                                           ReaderOptions options) {
  std::unique_ptr<ParquetReader> reader(new ParquetReader(std::move(source), options));
  SF_RETURN_IF_ERROR(reader->ReadFooter().WithContext(reader->source_->name()));
  return reader;
}

Result<std::unique_ptr<ParquetReader>> ParquetReader::OpenFile(const std::string& path,
                                                               ReaderOptions options) {
  SF_ASSIGN_OR_RETURN(auto source, LocalFileSource::Open(path));
  return Open(std::move(source), options);
}

Status ParquetReader::ReadFooter() {
  const uint64_t size = source_->size();
  if (size < 12) {
    return Corruption("not a Parquet file: " + std::to_string(size) + " bytes is too small");
  }
  uint8_t tail[8];
  SF_RETURN_IF_ERROR(source_->ReadAt(size - 8, tail));
  uint8_t head[4];
  SF_RETURN_IF_ERROR(source_->ReadAt(0, head));
  if (std::memcmp(tail + 4, kEncryptedMagic, 4) == 0) {
    return Unsupported("unsupported: encrypted footer (PARE)");
  }
  if (std::memcmp(tail + 4, kMagic, 4) != 0 || std::memcmp(head, kMagic, 4) != 0) {
    return Corruption("not a Parquet file: missing PAR1 magic");
  }
  uint32_t footer_len;
  std::memcpy(&footer_len, tail, 4);
  if (footer_len > size - 12 || footer_len > options_.max_footer_bytes) {
    return Corruption("footer length " + std::to_string(footer_len) + " does not fit the " +
                      std::to_string(size) + "-byte file");
  }
  std::vector<uint8_t> footer(footer_len);
  SF_RETURN_IF_ERROR(source_->ReadAt(size - 8 - footer_len, footer));
  SF_ASSIGN_OR_RETURN(metadata_, DeserializeFileMetaData(footer));
  if (metadata_.has_encryption_algorithm) {
    return Unsupported("unsupported: encrypted columns (plaintext footer)");
  }
  auto schema = Schema::FromElements(metadata_.schema);
  if (!schema.ok()) {
    // Schema validation speaks of bad arguments; in a file they are corruption.
    const Status& st = schema.status();
    if (st.code() == StatusCode::kInvalidArgument) return Corruption(st.message());
    return st;
  }
  schema_ = std::move(schema).value();
  leaves_.clear();
  for (const LeafColumn& leaf : schema_->leaves()) {
    LeafInfo info;
    info.physical_type = leaf.field->physical;
    info.type_length = leaf.field->type_length;
    info.max_def = leaf.max_def;
    info.max_rep = leaf.max_rep;
    info.path = JoinPath(leaf.path);
    leaves_.push_back(std::move(info));
  }
  if (metadata_.num_rows < 0) return Corruption("negative row count");
  parquet_816_padding_ = WriterNeedsParquet816Padding(metadata_.created_by.value_or(""));
  return Status::Ok();
}

Status ParquetReader::ValidateRowGroup(int index) const {
  const RowGroup& rg = metadata_.row_groups[static_cast<size_t>(index)];
  if (rg.columns.size() != leaves_.size()) {
    return Corruption("row group has " + std::to_string(rg.columns.size()) +
                      " columns, the schema " + std::to_string(leaves_.size()));
  }
  if (rg.num_rows < 0 || static_cast<uint64_t>(rg.num_rows) > options_.limits.max_chunk_values) {
    return Corruption("row group of " + std::to_string(rg.num_rows) + " rows (reader limit " +
                      std::to_string(options_.limits.max_chunk_values) + ")");
  }
  for (size_t c = 0; c < rg.columns.size(); ++c) {
    const ColumnChunk& chunk = rg.columns[c];
    if (chunk.has_crypto_metadata) return Unsupported("unsupported: encrypted columns");
    if (chunk.file_path) return Unsupported("unsupported: column chunks in another file");
    if (!chunk.meta_data) return Corruption("column " + leaves_[c].path + " has no metadata");
  }
  return Status::Ok();
}

Status ParquetReader::ReadRowGroup(int index, ColumnBatch* batch) {
  if (index < 0 || index >= num_row_groups()) {
    return OutOfRange("row group " + std::to_string(index) + " of " +
                      std::to_string(num_row_groups()));
  }
  const std::string where = source_->name() + ", row group " + std::to_string(index);
  SF_RETURN_IF_ERROR(ValidateRowGroup(index).WithContext(where));
  const RowGroup& rg = metadata_.row_groups[static_cast<size_t>(index)];
  chunks_.resize(leaves_.size());
  for (size_t c = 0; c < leaves_.size(); ++c) {
    chunks_[c].Reset();
    SF_RETURN_IF_ERROR(ReadColumnChunk(source_.get(), *rg.columns[c].meta_data, leaves_[c],
                                       options_.limits, parquet_816_padding_, &chunks_[c])
                           .WithContext(where));
  }
  batch->schema = schema_;
  SF_RETURN_IF_ERROR(AssembleRowGroup(*schema_, chunks_, rg.num_rows, batch).WithContext(where));
  return Status::Ok();
}

}  // namespace salesflow::parquet
