// libFuzzer target: the whole read path (footer, schema, pages, codecs, encodings, record
// assembly, JSON rendering) on arbitrary bytes. Errors are fine; crashes, sanitizer reports,
// hangs and large allocations are bugs.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "parquet/reader.h"
#include "parquet/row_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace salesflow::parquet;
  ReaderOptions options;
  // Small caps keep each input fast and far below libFuzzer's memory limit.
  options.limits.max_page_bytes = uint64_t{1} << 20;
  options.limits.max_chunk_values = uint64_t{1} << 17;
  options.limits.max_rebuilt_bytes = uint64_t{1} << 20;
  options.max_footer_bytes = uint64_t{1} << 20;
  auto reader = ParquetReader::Open(
      std::make_unique<MemorySource>(std::vector<uint8_t>(data, data + size), "fuzz"), options);
  if (!reader.ok()) return 0;
  ColumnBatch batch;
  std::string line;
  for (int rg = 0; rg < (*reader)->num_row_groups(); ++rg) {
    if (!(*reader)->ReadRowGroup(rg, &batch).ok()) continue;
    for (int64_t r = 0; r < batch.num_rows && r < 1000; ++r) {
      line.clear();
      AppendRowJson(batch, r, &line);
    }
  }
  return 0;
}
