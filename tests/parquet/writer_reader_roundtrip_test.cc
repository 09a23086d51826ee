// What ParquetWriter writes, ParquetReader reads back to the same rows (every type, nested
// data, each codec, dictionary on/off/fallback, several row groups, zero rows).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parquet/reader.h"
#include "parquet/writer.h"
#include "writer_test_data.h"

namespace salesflow::parquet {
namespace {

using testdata::RowJson;

struct Case {
  std::string name;
  CompressionCodec codec;
  bool dictionary;
  int64_t dictionary_max_bytes;
  int64_t row_group_rows;
};

class WriterReaderRoundTripTest : public ::testing::TestWithParam<Case> {
 protected:
  // Writes `batches`, reads the file back, compares rows in the canonical JSON form.
  static void RoundTrip(const std::vector<ColumnBatch>& batches, const Case& c) {
    MemoryOutputSink sink;
    WriterOptions options;
    options.codec = c.codec;
    options.dictionary = c.dictionary;
    options.dictionary_max_bytes = c.dictionary_max_bytes;
    options.row_group_max_rows = c.row_group_rows;
    options.page_max_bytes = 2048;  // many pages per chunk
    auto w = ParquetWriter::Open(batches.at(0).schema, &sink, options);
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    std::vector<std::string> want;
    for (const ColumnBatch& b : batches) {
      ASSERT_TRUE((*w)->Append(b).ok());
      for (int64_t i = 0; i < b.num_rows; ++i) want.push_back(RowJson(b, i));
    }
    ASSERT_TRUE((*w)->Finish().ok());

    auto r = ParquetReader::Open(std::make_unique<MemorySource>(sink.data()));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ((*r)->schema()->ToElements(), batches[0].schema->ToElements());
    std::vector<std::string> got;
    ColumnBatch batch;
    for (int g = 0; g < (*r)->num_row_groups(); ++g) {
      Status s = (*r)->ReadRowGroup(g, &batch);
      ASSERT_TRUE(s.ok()) << s.ToString();
      for (int64_t i = 0; i < batch.num_rows; ++i) got.push_back(RowJson(batch, i));
    }
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ(got[i], want[i]) << "row " << i;
  }
};

TEST_P(WriterReaderRoundTripTest, AllTypes) {
  auto schema = testdata::AllTypesSchema();
  RoundTrip({testdata::RandomBatch(schema, 1500, 11), testdata::RandomBatch(schema, 700, 12)},
            GetParam());
}

TEST_P(WriterReaderRoundTripTest, Nested) {
  auto schema = testdata::NestedSchema();
  RoundTrip({testdata::RandomBatch(schema, 900, 13), testdata::RandomBatch(schema, 400, 14)},
            GetParam());
}

TEST_P(WriterReaderRoundTripTest, ZeroRows) {
  RoundTrip({ColumnBatch::Make(testdata::NestedSchema())}, GetParam());
}

INSTANTIATE_TEST_SUITE_P(
    Settings, WriterReaderRoundTripTest,
    ::testing::Values(Case{"plain_uncompressed", CompressionCodec::kUncompressed, false, 1 << 20,
                           1000},
                      Case{"dictionary_snappy", CompressionCodec::kSnappy, true, 1 << 20, 600},
                      Case{"fallback_zstd", CompressionCodec::kZstd, true, 200, 1 << 20}),
    [](const ::testing::TestParamInfo<Case>& p) { return p.param.name; });

}  // namespace
}  // namespace salesflow::parquet
