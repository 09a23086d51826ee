#include "parquet/file_metadata_thrift.h"

#include "parquet/thrift_compact.h"
#include "test_paths.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace salesflow::parquet {
namespace {

std::vector<uint8_t> ReadTestFile(const std::string& name) {
  std::ifstream in(salesflow::testing::SourceDir() / "testdata" / "parquet" / name,
                   std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing " << name;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The footer bytes of a Parquet file: between the data and the length + "PAR1".
std::vector<uint8_t> FooterOf(const std::vector<uint8_t>& file) {
  if (file.size() < 12) return {};
  uint32_t len;
  std::memcpy(&len, file.data() + file.size() - 8, 4);
  auto end = file.end() - 8;
  return {end - len, end};
}

class PyarrowFooterTest : public ::testing::TestWithParam<std::string> {};

TEST_P(PyarrowFooterTest, DecodesAndReencodesByteForByte) {
  std::vector<uint8_t> footer = FooterOf(ReadTestFile(GetParam()));
  ASSERT_FALSE(footer.empty());
  Result<FileMetaData> meta = DeserializeFileMetaData(footer);
  ASSERT_TRUE(meta.ok()) << meta.status().ToString();
  EXPECT_EQ(meta->num_rows, 3);
  ASSERT_TRUE(meta->created_by.has_value());
  EXPECT_NE(meta->created_by->find("parquet-cpp-arrow"), std::string::npos);
  ASSERT_EQ(meta->row_groups.size(), 1u);
  EXPECT_EQ(meta->column_orders.size(), meta->row_groups[0].columns.size());
  std::vector<uint8_t> again;
  SerializeFileMetaData(*meta, &again);
  EXPECT_EQ(again, footer);
}

TEST_P(PyarrowFooterTest, ReadsPageHeadersOfEveryChunk) {
  std::vector<uint8_t> file = ReadTestFile(GetParam());
  Result<FileMetaData> meta = DeserializeFileMetaData(FooterOf(file));
  ASSERT_TRUE(meta.ok());
  for (const ColumnChunk& c : meta->row_groups[0].columns) {
    ASSERT_TRUE(c.meta_data.has_value());
    int64_t pos = c.meta_data->dictionary_page_offset.value_or(c.meta_data->data_page_offset);
    int64_t end = pos + c.meta_data->total_compressed_size;
    int64_t values = 0;
    while (pos < end) {
      size_t used = 0;
      auto span = std::span<const uint8_t>(file).subspan(static_cast<size_t>(pos));
      Result<PageHeader> h = DeserializePageHeader(span, &used);
      ASSERT_TRUE(h.ok()) << h.status().ToString();
      // Re-encoding a header gives its bytes back.
      std::vector<uint8_t> again;
      SerializePageHeader(*h, &again);
      EXPECT_EQ(again, std::vector<uint8_t>(span.begin(), span.begin() + used));
      if (h->data_page_header) values += h->data_page_header->num_values;
      if (h->data_page_header_v2) values += h->data_page_header_v2->num_values;
      pos += static_cast<int64_t>(used) + h->compressed_page_size;
    }
    EXPECT_EQ(pos, end);
    EXPECT_EQ(values, c.meta_data->num_values);
  }
}

INSTANTIATE_TEST_SUITE_P(Files, PyarrowFooterTest,
                         ::testing::Values("pyarrow_flat.parquet", "pyarrow_nested.parquet"));

TEST(FileMetaDataThriftTest, RoundTripsEveryField) {
  FileMetaData f;
  f.version = 2;
  SchemaElement root;
  root.name = "schema";
  root.num_children = 1;
  SchemaElement leaf;
  leaf.name = "ts";
  leaf.type = Type::kInt64;
  leaf.repetition_type = FieldRepetitionType::kOptional;
  leaf.logical_type = LogicalType::Timestamp(true, TimeUnit::kMicros);
  leaf.converted_type = ConvertedType::kTimestampMicros;
  leaf.field_id = 7;
  f.schema = {root, leaf};
  f.num_rows = 1LL << 40;
  RowGroup g;
  ColumnChunk c;
  c.file_offset = 4;
  ColumnMetaData m;
  m.type = Type::kInt64;
  m.encodings = {Encoding::kPlain, Encoding::kRle, Encoding::kRleDictionary};
  m.path_in_schema = {"ts"};
  m.codec = CompressionCodec::kZstd;
  m.num_values = 5;
  m.total_compressed_size = 100;
  m.total_uncompressed_size = 200;
  m.data_page_offset = 50;
  m.dictionary_page_offset = 4;
  Statistics st;
  st.min_value = std::string("\x01\0\0\0\0\0\0\0", 8);
  st.max_value = std::string("\x09\0\0\0\0\0\0\0", 8);
  st.null_count = 2;
  st.is_max_value_exact = true;
  m.statistics = st;
  m.encoding_stats = {{PageType::kDictionaryPage, Encoding::kPlain, 1},
                      {PageType::kDataPage, Encoding::kRleDictionary, 3}};
  m.size_statistics = SizeStatistics{.unencoded_byte_array_data_bytes = 9,
                                     .definition_level_histogram = {2, 3},
                                     .has_definition_level_histogram = true};
  c.meta_data = m;
  g.columns = {c};
  g.num_rows = 5;
  g.total_byte_size = 200;
  g.ordinal = 0;
  g.file_offset = 4;
  g.sorting_columns = {{0, true, false}};
  f.row_groups = {g};
  f.key_value_metadata = {{"k", "v"}, {"only-key", std::nullopt}};
  f.created_by = "salesflow version 0.1.0 (build test)";
  f.column_orders = {ColumnOrder{}};

  std::vector<uint8_t> bytes;
  SerializeFileMetaData(f, &bytes);
  Result<FileMetaData> back = DeserializeFileMetaData(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  // Presence flags are set by decoding; set them on the original for the comparison.
  f.has_key_value_metadata = true;
  f.has_column_orders = true;
  f.row_groups[0].has_sorting_columns = true;
  f.row_groups[0].columns[0].meta_data->has_encoding_stats = true;
  EXPECT_EQ(*back, f);
}

TEST(FileMetaDataThriftTest, SkipsUnknownFields) {
  // A Statistics struct with an unknown field 20 (a list of structs) before null_count.
  std::vector<uint8_t> bytes;
  ThriftCompactWriter w(&bytes);
  w.StructBegin();
  w.FieldListBegin(20, ThriftType::kStruct, 1);
  w.StructBegin();
  w.FieldBinary(1, "future");
  w.StructEnd();
  w.FieldI64(3, 42);
  w.StructEnd();
  Result<Statistics> s = DeserializeStatistics(bytes);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->null_count, 42);
}

TEST(FileMetaDataThriftTest, RejectsWrongWireTypeAndMissingRequiredFields) {
  std::vector<uint8_t> bytes;
  ThriftCompactWriter w(&bytes);
  w.StructBegin();
  w.FieldBinary(1, "not an i32");  // PageHeader.type must be i32
  w.StructEnd();
  size_t used = 0;
  EXPECT_EQ(DeserializePageHeader(bytes, &used).status().code(), StatusCode::kCorruption);

  bytes.clear();
  ThriftCompactWriter w2(&bytes);
  w2.StructBegin();
  w2.FieldI32(1, 0);
  w2.StructEnd();  // no sizes
  EXPECT_EQ(DeserializePageHeader(bytes, &used).status().code(), StatusCode::kCorruption);
}

TEST(FileMetaDataThriftTest, ListsOfTinyStructsCannotExplodeMemory) {
  // FileMetaData{row_groups: [RowGroup{columns: [{} x 200000]}]}: 200 KB of input that would
  // decode to ~200000 ColumnChunk structs of several hundred bytes each.
  constexpr size_t kChunks = 200'000;
  std::vector<uint8_t> bytes;
  ThriftCompactWriter w(&bytes);
  w.StructBegin();
  w.FieldListBegin(4, ThriftType::kStruct, 1);
  w.StructBegin();
  w.FieldListBegin(1, ThriftType::kStruct, kChunks);
  for (size_t i = 0; i < kChunks; ++i) {
    w.StructBegin();
    w.StructEnd();
  }
  w.StructEnd();
  w.StructEnd();
  ASSERT_GT(sizeof(ColumnChunk) * kChunks, 64 * bytes.size() + (16u << 20));
  Result<FileMetaData> meta = DeserializeFileMetaData(bytes);
  ASSERT_FALSE(meta.ok());
  EXPECT_EQ(meta.status().code(), StatusCode::kCorruption);
  EXPECT_NE(meta.status().message().find("allocate"), std::string::npos)
      << meta.status().ToString();
}

TEST(FileMetaDataThriftTest, TruncatedAndBitFlippedFootersNeverCrash) {
  std::vector<uint8_t> footer = FooterOf(ReadTestFile("pyarrow_nested.parquet"));
  ASSERT_FALSE(footer.empty());
  for (size_t cut = 0; cut < footer.size(); ++cut) {
    std::vector<uint8_t> part(footer.begin(), footer.begin() + static_cast<std::ptrdiff_t>(cut));
    EXPECT_FALSE(DeserializeFileMetaData(part).ok()) << "cut at " << cut;
  }
  for (size_t i = 0; i < footer.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::vector<uint8_t> flipped = footer;
      flipped[i] ^= static_cast<uint8_t>(1 << bit);
      (void)DeserializeFileMetaData(flipped);  // any status is fine; sanitizers watch the rest
    }
  }
}

}  // namespace
}  // namespace salesflow::parquet
