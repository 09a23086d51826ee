#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "parquet/column_batch.h"
#include "parquet/column_statistics.h"
#include "parquet/compression.h"
#include "parquet/dictionary_encoder.h"
#include "parquet/file_metadata.h"
#include "parquet/schema.h"

namespace salesflow::parquet {

// Settings of one column chunk writer (a subset of WriterOptions).
struct ColumnWriterOptions {
  int64_t page_max_bytes = 1 << 20;        // a data page is cut once its values reach this
  bool dictionary = true;                  // start each chunk with RLE_DICTIONARY
  int64_t dictionary_max_bytes = 1 << 20;  // past this PLAIN dictionary size, fall back to PLAIN
  bool statistics = true;                  // write min/max (null_count is always written)
};

// Encodes one leaf column of the current row group into DataPage V1 pages (RLE levels,
// RLE_DICTIONARY or PLAIN values, compressed by `codec`), held in memory until FinishChunk.
// Values arrive in runs; the type dispatch happens once per run, never per value.
class ColumnChunkWriter {
 public:
  // `leaf` and `codec` must outlive the writer.
  ColumnChunkWriter(const LeafColumn& leaf, const ColumnWriterOptions& options, Codec* codec);

  // A top-level primitive column (max_rep 0): slots [begin, end) of `column`.
  Status WriteFlat(const Column& column, int64_t begin, int64_t end);

  // A nested leaf: its levels, and for each level at max_def the slot of its value in
  // `values` (in order).
  Status WriteNested(std::span<const int16_t> defs, std::span<const int16_t> reps,
                     const Column& values, std::span<const int64_t> slots);

  // Bytes held for the current row group: finished pages, the page in progress, dictionary.
  int64_t buffered_bytes() const;

  // Flushes the last page and appends the chunk (dictionary page first) to `out`, whose first
  // byte lands at `file_offset` in the file; fills `chunk`. Then starts a new chunk.
  Status FinishChunk(int64_t file_offset, std::vector<uint8_t>* out, ColumnChunk* chunk);

  // Statistics of every finished chunk so far.
  const StatisticsAccumulator& file_statistics() const { return file_stats_; }

 private:
  template <typename T, typename U>
  void AddFixed(const T* values, int64_t n);
  void AddBinary(std::string_view v);
  void AddBinaryRunToDictionary(const Column& column, int64_t begin, int64_t end);
  void AddBool(bool v);
  template <typename T>
  void AddSelected(const std::vector<T>& src, const Column& column, std::span<const int64_t> slots);
  void AddSelectedAny(const Column& column, std::span<const int64_t> slots);
  Status AfterWrite();
  Status FlushPage();
  Status EmitPage(PageType type, Encoding encoding, int64_t num_values);
  void AppendLevels(const std::vector<int16_t>& levels, int16_t max_level);
  size_t DictionarySize() const;
  size_t DictionaryBytes() const;
  void EncodeDictionaryPage();
  void StartChunk();

  const LeafColumn& leaf_;
  ColumnWriterOptions options_;
  Codec* codec_;
  Type type_;
  bool use_dictionary_;            // this chunk still writes dictionary pages
  bool dictionary_pages_ = false;  // this chunk wrote at least one dictionary-encoded page
  FixedDictionary<uint32_t> dict32_;
  FixedDictionary<uint64_t> dict64_;
  BinaryDictionary dict_binary_;

  // The page in progress.
  std::vector<int16_t> defs_;
  std::vector<int16_t> reps_;
  std::vector<uint32_t> indices_;
  std::vector<uint8_t> plain_;
  std::vector<uint8_t> bools_;
  int64_t page_levels_ = 0;

  // Scratch buffers reused between pages.
  std::vector<uint8_t> page_;
  std::vector<uint8_t> compressed_;
  std::vector<uint8_t> header_;
  std::vector<int32_t> gather32_;
  std::vector<int64_t> gather64_;
  std::vector<float> gatherf_;
  std::vector<double> gatherd_;
  std::vector<int64_t> slots_;

  // The chunk in progress.
  std::vector<uint8_t> pages_;
  int64_t num_values_ = 0;
  int64_t uncompressed_bytes_ = 0;
  int64_t compressed_bytes_ = 0;
  int32_t dictionary_data_pages_ = 0;
  int32_t plain_data_pages_ = 0;
  StatisticsAccumulator chunk_stats_;
  StatisticsAccumulator file_stats_;
};

}  // namespace salesflow::parquet
