#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "parquet/byte_source.h"
#include "parquet/delta_decoding.h"
#include "parquet/file_metadata.h"

namespace salesflow::parquet {

// Resource bounds of the reader. Hostile files can declare anything; these caps turn absurd
// declarations into errors before memory is allocated for them.
struct ReadLimits {
  // Largest uncompressed page (legitimate writers stay around 1 MiB).
  uint64_t max_page_bytes = uint64_t{256} << 20;
  // Most levels (values, nulls included) in one column chunk.
  uint64_t max_chunk_values = uint64_t{64} << 20;
  // Most bytes of BYTE_ARRAY values rebuilt by DELTA_BYTE_ARRAY in one page.
  uint64_t max_rebuilt_bytes = uint64_t{256} << 20;
};

// What decoding one leaf column needs to know about it.
struct LeafInfo {
  Type physical_type = Type::kInt32;  // storage type
  int32_t type_length = 0;            // FIXED_LEN_BYTE_ARRAY width
  int16_t max_def = 0;                // definition level of a present value
  int16_t max_rep = 0;                // repetition level of the innermost repeated ancestor
  std::string path;                   // dotted path, for error messages
};

// Bytes per value of a fixed-width physical type in ColumnChunkData::fixed (BOOLEAN: 1 byte
// 0/1; INT96: 12; FIXED_LEN_BYTE_ARRAY: type_length); 0 for BYTE_ARRAY.
size_t FixedValueWidth(const LeafInfo& leaf);

// The decoded content of one column chunk: levels and the dense non-null values.
struct ColumnChunkData {
  std::vector<int16_t> def_levels;          // one per level; empty when max_def == 0
  std::vector<int16_t> rep_levels;          // one per level; empty when max_rep == 0
  size_t num_levels = 0;                    // values, nulls included
  size_t num_values = 0;                    // non-null values (def == max_def)
  std::vector<uint8_t> fixed;               // fixed-width types: num_values * width bytes
  std::vector<std::string_view> binary;     // BYTE_ARRAY: views into pages / arena below
  std::vector<std::vector<uint8_t>> pages;  // chunk and page buffers the views point into
  size_t pages_used = 0;                    // buffers of `pages` holding this chunk's data
  ByteArena arena;                          // values rebuilt by DELTA_BYTE_ARRAY

  // A buffer of `size` bytes that lives until Reset, reusing one left by an earlier chunk
  // (fresh large allocations cost page faults on every row group).
  std::vector<uint8_t>& NewBuffer(size_t size);
  // Forgets the content, keeping the buffers' memory for the next chunk.
  void Reset();
};

// Reads and decodes every page of one column chunk of `source`: dictionary page, data pages
// V1 and V2, all codecs and value encodings we support. Errors carry the column and the
// page's file offset; unsupported features give Unsupported("unsupported: ...").
// `parquet_816_padding`: the file comes from parquet-mr <= 1.2.8, whose chunk sizes miss the
// dictionary page header (see WriterNeedsParquet816Padding).
Status ReadColumnChunk(ByteSource* source, const ColumnMetaData& meta, const LeafInfo& leaf,
                       const ReadLimits& limits, bool parquet_816_padding, ColumnChunkData* out);

// True for created_by strings of parquet-mr before 1.2.9 (or without a version), whose
// total_compressed_size misses the dictionary page header (PARQUET-816).
bool WriterNeedsParquet816Padding(std::string_view created_by);

}  // namespace salesflow::parquet
