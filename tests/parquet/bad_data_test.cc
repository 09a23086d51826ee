// Hostile input: parquet-testing's bad_data files, and truncated and bit-flipped variants of
// good files, must give a clean error (or, where only values are damaged, read per the
// spec): never a crash, a hang or an unbounded allocation. Runs under ASan+UBSan (label unit).
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "parquet/reader.h"
#include "parquet/row_json.h"
#include "parquet_testdata.h"

namespace salesflow::parquet {
namespace {

namespace fs = std::filesystem;

// Tight caps so a damaged size field cannot make a test allocate much.
ReaderOptions TightOptions() {
  ReaderOptions options;
  options.limits.max_page_bytes = uint64_t{16} << 20;
  options.limits.max_chunk_values = uint64_t{4} << 20;
  options.limits.max_rebuilt_bytes = uint64_t{16} << 20;
  options.max_footer_bytes = uint64_t{4} << 20;
  return options;
}

// Reads every row group and renders every row, as `parquet cat --json` would.
Status ReadEverything(std::vector<uint8_t> bytes, int64_t* rows) {
  *rows = 0;
  SF_ASSIGN_OR_RETURN(
      auto reader, ParquetReader::Open(std::make_unique<MemorySource>(std::move(bytes), "variant"),
                                       TightOptions()));
  ColumnBatch batch;
  std::string line;
  for (int rg = 0; rg < reader->num_row_groups(); ++rg) {
    SF_RETURN_IF_ERROR(reader->ReadRowGroup(rg, &batch));
    for (int64_t r = 0; r < batch.num_rows; ++r) {
      line.clear();
      AppendRowJson(batch, r, &line);
      ++*rows;
    }
  }
  return Status::Ok();
}

fs::path Data(const std::string& name) {
  return testing::ParquetTestingDir() / "data" / name;
}

TEST(BadDataTest, BadDataFilesFailCleanly) {
  const fs::path dir = testing::ParquetTestingDir() / "bad_data";
  ASSERT_TRUE(fs::is_directory(dir)) << "parquet-testing/bad_data not found";
  // The one file whose damage the spec gives a meaning to: dictionary indices with bit width
  // 0 are all index 0, so it reads (as pyarrow reads it).
  const std::map<std::string, std::string> reads_per_spec = {
      {"ARROW-GH-43605.parquet", "RLE dictionary indices of bit width 0"}};
  std::vector<fs::path> files = testing::FilesWithSuffix(dir, ".parquet");
  ASSERT_GE(files.size(), 8u);
  for (const fs::path& f : files) {
    SCOPED_TRACE(f.filename().string());
    int64_t rows = 0;
    Status st = ReadEverything(testing::ReadWholeFile(f), &rows);
    if (reads_per_spec.count(f.filename().string()) != 0) {
      ASSERT_TRUE(st.ok()) << st.ToString();
      auto reader = ParquetReader::OpenFile(f.string());
      ASSERT_TRUE(reader.ok());
      EXPECT_EQ(rows, (*reader)->num_rows());
      continue;
    }
    ASSERT_FALSE(st.ok()) << "read " << rows << " rows of a damaged file";
    EXPECT_EQ(st.code(), StatusCode::kCorruption) << st.ToString();
  }
}

// Good files covering codecs, encodings, page versions and nesting.
const char* const kVariantSources[] = {
    "alltypes_plain.parquet",         "alltypes_dictionary.parquet",
    "alltypes_plain.snappy.parquet",  "nested_maps.snappy.parquet",
    "nested_lists.snappy.parquet",    "nullable.impala.parquet",
    "datapage_v2.snappy.parquet",     "delta_byte_array.parquet",
    "delta_binary_packed.parquet",    "delta_length_byte_array.parquet",
    "byte_stream_split.zstd.parquet", "concatenated_gzip_members.parquet",
    "lz4_raw_compressed.parquet",     "repeated_no_annotation.parquet",
    "fixed_length_decimal.parquet",   "rle_boolean_encoding.parquet",
};

TEST(BadDataTest, TruncatedFilesFail) {
  for (const char* name : kVariantSources) {
    SCOPED_TRACE(name);
    const std::vector<uint8_t> good = testing::ReadWholeFile(Data(name));
    ASSERT_GT(good.size(), 12u) << "missing " << name;
    int64_t rows = 0;
    ASSERT_TRUE(ReadEverything(good, &rows).ok());
    // About 60 cut points per file, always including the footer's neighbourhood.
    const size_t step = std::max<size_t>(1, good.size() / 60);
    std::vector<size_t> cuts;
    for (size_t cut = 0; cut < good.size(); cut += step) cuts.push_back(cut);
    for (size_t back = 1; back <= 16 && back < good.size(); ++back)
      cuts.push_back(good.size() - back);
    for (size_t cut : cuts) {
      std::vector<uint8_t> truncated(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(cut));
      Status st = ReadEverything(std::move(truncated), &rows);
      // The footer sits at the end, so no prefix of a file is a readable file.
      EXPECT_FALSE(st.ok()) << "cut at " << cut;
    }
  }
}

TEST(BadDataTest, BitFlippedFilesNeverCrash) {
  std::mt19937 rng(20241216);
  int failures = 0;
  int reads = 0;
  for (const char* name : kVariantSources) {
    SCOPED_TRACE(name);
    const std::vector<uint8_t> good = testing::ReadWholeFile(Data(name));
    ASSERT_GT(good.size(), 12u) << "missing " << name;
    for (int i = 0; i < 150; ++i) {
      std::vector<uint8_t> damaged = good;
      // One to three flips; half of them in the last 10% (footer and page headers of the
      // last chunks), where a flip changes structure rather than values.
      const int flips = 1 + static_cast<int>(rng() % 3);
      for (int k = 0; k < flips; ++k) {
        size_t pos = rng() % damaged.size();
        if (rng() % 2 == 0)
          pos = damaged.size() - 1 - rng() % std::max<size_t>(1, damaged.size() / 10);
        damaged[pos] ^= static_cast<uint8_t>(1u << (rng() % 8));
      }
      int64_t rows = 0;
      Status st = ReadEverything(std::move(damaged), &rows);
      ++reads;
      if (!st.ok()) {
        ++failures;
        // Damage is reported as such (or as a feature we lack), never as our own bug.
        EXPECT_TRUE(st.code() == StatusCode::kCorruption || st.code() == StatusCode::kUnsupported ||
                    st.code() == StatusCode::kOutOfRange)
            << st.ToString();
      }
    }
  }
  // Most flips hit structure or compressed bytes and are detected; if none were, the reader
  // would be ignoring damage.
  EXPECT_GT(failures, reads / 10);
  // Bounded memory: the whole run stays far below what an unchecked size field would ask for.
  struct rusage usage;
  ASSERT_EQ(getrusage(RUSAGE_SELF, &usage), 0);
  EXPECT_LT(usage.ru_maxrss, 1536 * 1024) << "max RSS in KiB";
}

}  // namespace
}  // namespace salesflow::parquet
