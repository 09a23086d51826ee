#include "parquet/writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "parquet/file_metadata_thrift.h"
#include "parquet/rle_bit_packed.h"

namespace salesflow::parquet {
namespace {

// Decodes the footer of a file in memory.
FileMetaData Footer(const std::vector<uint8_t>& file) {
  EXPECT_GE(file.size(), 12u);
  EXPECT_EQ(std::memcmp(file.data(), "PAR1", 4), 0);
  EXPECT_EQ(std::memcmp(file.data() + file.size() - 4, "PAR1", 4), 0);
  uint32_t len;
  std::memcpy(&len, file.data() + file.size() - 8, 4);
  std::span<const uint8_t> footer(file.data() + file.size() - 8 - len, len);
  Result<FileMetaData> meta = DeserializeFileMetaData(footer);
  EXPECT_TRUE(meta.ok()) << meta.status().ToString();
  return meta.ok() ? *meta : FileMetaData{};
}

// A page of a chunk: header and (uncompressed here) body.
struct Page {
  PageHeader header;
  std::span<const uint8_t> body;
};

std::vector<Page> Pages(const std::vector<uint8_t>& file, const ColumnMetaData& m) {
  std::vector<Page> pages;
  int64_t pos = m.dictionary_page_offset.value_or(m.data_page_offset);
  int64_t end = pos + m.total_compressed_size;
  while (pos < end) {
    size_t used = 0;
    auto rest = std::span<const uint8_t>(file).subspan(static_cast<size_t>(pos));
    Result<PageHeader> h = DeserializePageHeader(rest, &used);
    EXPECT_TRUE(h.ok()) << h.status().ToString();
    if (!h.ok()) break;
    pages.push_back({*h, rest.subspan(used, static_cast<size_t>(h->compressed_page_size))});
    pos += static_cast<int64_t>(used) + h->compressed_page_size;
  }
  EXPECT_EQ(pos, end);
  return pages;
}

template <typename T>
T PlainAt(const std::string& s) {
  T v;
  EXPECT_EQ(s.size(), sizeof(T));
  std::memcpy(&v, s.data(), sizeof(T));
  return v;
}

std::shared_ptr<const Schema> MakeSchema(std::vector<Field> fields) {
  auto s = Schema::Make(std::move(fields));
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return *s;
}

TEST(ParquetWriterTest, WritesRowGroupsFooterAndStatistics) {
  auto schema =
      MakeSchema({Field::Int64("id", false), Field::String("name"), Field::Decimal("amount", 18, 2),
                  Field::Double("ratio"), Field::Bool("flag"), Field::Date("day", false),
                  Field::TimestampMicros("ts", true)});
  MemoryOutputSink sink;
  WriterOptions options;
  options.codec = CompressionCodec::kUncompressed;
  options.row_group_max_rows = 3;
  auto w = ParquetWriter::Open(schema, &sink, options);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  ColumnBatch b = ColumnBatch::Make(schema);
  const char* names[] = {"zoé", "", "amélie", "bob"};
  for (int i = 0; i < 10; ++i) {
    b.columns[0].AppendInt64(100 - i);
    if (i % 4 == 3) {
      b.columns[1].AppendNull();
    } else {
      b.columns[1].AppendBinary(names[i % 4]);
    }
    b.columns[2].AppendInt64(i * 125 - 300);
    if (i == 5) {
      b.columns[3].AppendNull();
    } else {
      b.columns[3].AppendDouble(i == 0 ? -0.0 : i * 0.5);
    }
    b.columns[4].AppendBool(i % 3 == 0);
    b.columns[5].AppendInt32(19000 + i);
    b.columns[6].AppendInt64(1'700'000'000'000'000 + i);
  }
  b.num_rows = 10;
  ASSERT_TRUE((*w)->Append(b).ok());
  Result<WriteSummary> summary = (*w)->Finish();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_TRUE(sink.closed());
  EXPECT_EQ(summary->num_rows, 10);
  EXPECT_EQ(summary->num_row_groups, 4);
  EXPECT_EQ(summary->file_size, static_cast<int64_t>(sink.data().size()));

  FileMetaData meta = Footer(sink.data());
  EXPECT_EQ(meta.num_rows, 10);
  ASSERT_EQ(meta.row_groups.size(), 4u);
  EXPECT_EQ(meta.row_groups[3].num_rows, 1);
  EXPECT_EQ(meta.created_by, DefaultCreatedBy());
  EXPECT_EQ(meta.column_orders.size(), 7u);
  EXPECT_EQ(meta.schema, schema->ToElements());
  // Row group 0 holds rows 0..2: names "zoé", "", "amélie"; ids 100..98.
  const ColumnMetaData& id = *meta.row_groups[0].columns[0].meta_data;
  EXPECT_EQ(id.path_in_schema, std::vector<std::string>{"id"});
  EXPECT_EQ(PlainAt<int64_t>(*id.statistics->min_value), 98);
  EXPECT_EQ(PlainAt<int64_t>(*id.statistics->max_value), 100);
  const ColumnMetaData& name = *meta.row_groups[0].columns[1].meta_data;
  EXPECT_EQ(*name.statistics->min_value, "");
  EXPECT_EQ(*name.statistics->max_value, "zoé");
  EXPECT_FALSE(name.statistics->min.has_value());  // unsigned order: no deprecated fields
  EXPECT_EQ(*meta.row_groups[0].columns[1].meta_data->statistics->null_count, 0);
  EXPECT_EQ(*meta.row_groups[1].columns[1].meta_data->statistics->null_count, 1);
  const ColumnMetaData& ratio = *meta.row_groups[0].columns[3].meta_data;
  EXPECT_TRUE(std::signbit(PlainAt<double>(*ratio.statistics->min_value)));
  // Offsets chain: each chunk starts where the previous ended.
  int64_t pos = 4;
  for (const RowGroup& g : meta.row_groups) {
    for (const ColumnChunk& c : g.columns) {
      EXPECT_EQ(c.meta_data->dictionary_page_offset.value_or(c.meta_data->data_page_offset), pos);
      pos += c.meta_data->total_compressed_size;
    }
  }

  // File-wide typed statistics for Delta.
  const auto& cols = summary->columns;
  ASSERT_EQ(cols.size(), 7u);
  EXPECT_EQ(std::get<int64_t>(cols[0].min), 91);
  EXPECT_EQ(std::get<int64_t>(cols[0].max), 100);
  EXPECT_EQ(std::get<std::string>(cols[1].min), "");
  EXPECT_EQ(std::get<std::string>(cols[1].max), "zoé");
  EXPECT_EQ(cols[1].null_count, 2);
  EXPECT_EQ(cols[1].num_values, 8);
  EXPECT_EQ(std::get<int64_t>(cols[2].min), -300);
  EXPECT_EQ(std::get<int64_t>(cols[2].max), 825);
  EXPECT_EQ(std::get<double>(cols[3].max), 4.5);
  EXPECT_EQ(cols[3].null_count, 1);
  EXPECT_EQ(std::get<bool>(cols[4].min), false);
  EXPECT_EQ(std::get<bool>(cols[4].max), true);
  EXPECT_EQ(std::get<int32_t>(cols[5].max), 19009);
}

TEST(ParquetWriterTest, PlainPagesHoldTheValuesAndLevels) {
  auto schema = MakeSchema({Field::Int64("v")});
  MemoryOutputSink sink;
  WriterOptions options;
  options.codec = CompressionCodec::kUncompressed;
  options.dictionary = false;
  auto w = ParquetWriter::Open(schema, &sink, options);
  ASSERT_TRUE(w.ok());
  ColumnBatch b = ColumnBatch::Make(schema);
  std::vector<int64_t> want;
  for (int i = 0; i < 1000; ++i) {
    if (i % 7 == 0) {
      b.columns[0].AppendNull();
    } else {
      b.columns[0].AppendInt64(i * 3);
      want.push_back(i * 3);
    }
  }
  b.num_rows = 1000;
  ASSERT_TRUE((*w)->Append(b).ok());
  ASSERT_TRUE((*w)->Finish().ok());
  FileMetaData meta = Footer(sink.data());
  const ColumnMetaData& m = *meta.row_groups[0].columns[0].meta_data;
  EXPECT_FALSE(m.dictionary_page_offset.has_value());
  std::vector<Page> pages = Pages(sink.data(), m);
  ASSERT_EQ(pages.size(), 1u);
  ASSERT_TRUE(pages[0].header.data_page_header.has_value());
  EXPECT_EQ(pages[0].header.data_page_header->num_values, 1000);
  EXPECT_EQ(pages[0].header.data_page_header->encoding, Encoding::kPlain);
  std::span<const uint8_t> body = pages[0].body;
  uint32_t def_len;
  std::memcpy(&def_len, body.data(), 4);
  RleBitPackedDecoder defs(body.subspan(4, def_len), 1);
  std::vector<int16_t> levels(1000);
  ASSERT_TRUE(defs.Decode(levels.data(), levels.size()).ok());
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(levels[static_cast<size_t>(i)], i % 7 == 0 ? 0 : 1);
  std::span<const uint8_t> values = body.subspan(4 + def_len);
  ASSERT_EQ(values.size(), want.size() * 8);
  std::vector<int64_t> got(want.size());
  std::memcpy(got.data(), values.data(), values.size());
  EXPECT_EQ(got, want);
}

TEST(ParquetWriterTest, DictionaryFallsBackToPlainPastItsLimit) {
  auto schema = MakeSchema({Field::String("s", false)});
  MemoryOutputSink sink;
  WriterOptions options;
  options.codec = CompressionCodec::kSnappy;
  options.dictionary_max_bytes = 10'000;
  auto w = ParquetWriter::Open(schema, &sink, options);
  ASSERT_TRUE(w.ok());
  ColumnBatch b = ColumnBatch::Make(schema);
  for (int i = 0; i < 20000; ++i) b.columns[0].AppendBinary("value-" + std::to_string(i));
  b.num_rows = 20000;
  ASSERT_TRUE((*w)->Append(b).ok());
  auto summary = (*w)->Finish();
  ASSERT_TRUE(summary.ok());
  FileMetaData meta = Footer(sink.data());
  const ColumnMetaData& m = *meta.row_groups[0].columns[0].meta_data;
  ASSERT_TRUE(m.dictionary_page_offset.has_value());
  int dict_pages = 0, plain_pages = 0;
  for (const PageEncodingStats& s : m.encoding_stats) {
    if (s.page_type == PageType::kDataPage && s.encoding == Encoding::kRleDictionary)
      dict_pages += s.count;
    if (s.page_type == PageType::kDataPage && s.encoding == Encoding::kPlain)
      plain_pages += s.count;
  }
  EXPECT_GE(dict_pages, 1);
  EXPECT_GE(plain_pages, 1);
  EXPECT_EQ(m.codec, CompressionCodec::kSnappy);
  EXPECT_EQ(*m.statistics->min_value, "value-0");
  EXPECT_EQ(*m.statistics->max_value, "value-9999");
  EXPECT_EQ(std::get<std::string>(summary->columns[0].max), "value-9999");
}

TEST(ParquetWriterTest, ZeroRowsMakeAValidFile) {
  auto schema = MakeSchema({Field::Int32("a"), Field::List("l", Field::String("e"))});
  MemoryOutputSink sink;
  auto w = ParquetWriter::Open(schema, &sink);
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE((*w)->Append(ColumnBatch::Make(schema)).ok());
  auto summary = (*w)->Finish();
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->num_rows, 0);
  FileMetaData meta = Footer(sink.data());
  EXPECT_EQ(meta.num_rows, 0);
  EXPECT_TRUE(meta.row_groups.empty());
  EXPECT_EQ(summary->columns.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(summary->columns[0].min));
}

TEST(ParquetWriterTest, NestedListLevels) {
  auto schema = MakeSchema({Field::List("l", Field::Int32("e"))});
  MemoryOutputSink sink;
  WriterOptions options;
  options.codec = CompressionCodec::kUncompressed;
  options.dictionary = false;
  auto w = ParquetWriter::Open(schema, &sink, options);
  ASSERT_TRUE(w.ok());
  ColumnBatch b = ColumnBatch::Make(schema);
  Column& l = b.columns[0];
  // [1, null, 2], null, [], [3]
  l.children[0].AppendInt32(1);
  l.children[0].AppendNull();
  l.children[0].AppendInt32(2);
  l.CloseListEntry();
  l.AppendNull();
  l.CloseListEntry();
  l.children[0].AppendInt32(3);
  l.CloseListEntry();
  b.num_rows = 4;
  ASSERT_TRUE((*w)->Append(b).ok());
  ASSERT_TRUE((*w)->Finish().ok());
  FileMetaData meta = Footer(sink.data());
  const ColumnMetaData& m = *meta.row_groups[0].columns[0].meta_data;
  EXPECT_EQ(m.path_in_schema, (std::vector<std::string>{"l", "list", "element"}));
  EXPECT_EQ(m.num_values, 6);
  EXPECT_EQ(*m.statistics->null_count, 3);  // the null element, the null list, the empty list
  std::vector<Page> pages = Pages(sink.data(), m);
  ASSERT_EQ(pages.size(), 1u);
  std::span<const uint8_t> body = pages[0].body;
  uint32_t rep_len, def_len;
  std::memcpy(&rep_len, body.data(), 4);
  std::vector<int16_t> reps(6), defs(6);
  ASSERT_TRUE(RleBitPackedDecoder(body.subspan(4, rep_len), 1).Decode(reps.data(), 6).ok());
  std::memcpy(&def_len, body.data() + 4 + rep_len, 4);
  ASSERT_TRUE(
      RleBitPackedDecoder(body.subspan(8 + rep_len, def_len), 2).Decode(defs.data(), 6).ok());
  EXPECT_EQ(reps, (std::vector<int16_t>{0, 1, 1, 0, 0, 0}));
  EXPECT_EQ(defs, (std::vector<int16_t>{3, 2, 3, 0, 1, 3}));
  std::span<const uint8_t> values = body.subspan(8 + rep_len + def_len);
  ASSERT_EQ(values.size(), 12u);
  int32_t got[3];
  std::memcpy(got, values.data(), 12);
  EXPECT_EQ(got[0], 1);
  EXPECT_EQ(got[1], 2);
  EXPECT_EQ(got[2], 3);
}

class FailingSink final : public OutputSink {
 public:
  explicit FailingSink(int64_t budget) : budget_(budget) {}
  Status Write(std::span<const uint8_t> data) override {
    budget_ -= static_cast<int64_t>(data.size());
    return budget_ < 0 ? IoError("disk full (injected)") : Status::Ok();
  }
  Status Close() override { return Status::Ok(); }

 private:
  int64_t budget_;
};

TEST(ParquetWriterTest, SinkErrorsSurfaceAndStopTheWriter) {
  auto schema = MakeSchema({Field::Int64("v", false)});
  FailingSink sink(100);
  WriterOptions options;
  options.row_group_max_rows = 1000;
  auto w = ParquetWriter::Open(schema, &sink, options);
  ASSERT_TRUE(w.ok());
  ColumnBatch b = ColumnBatch::Make(schema);
  for (int i = 0; i < 5000; ++i) b.columns[0].AppendInt64(i * 7919);
  b.num_rows = 5000;
  Status s = (*w)->Append(b);
  EXPECT_EQ(s.code(), StatusCode::kIoError) << s.ToString();
  EXPECT_FALSE((*w)->Finish().ok());
}

TEST(ParquetWriterTest, RejectsBatchesThatDoNotMatch) {
  auto schema = MakeSchema({Field::Int64("v", false)});
  MemoryOutputSink sink;
  auto w = ParquetWriter::Open(schema, &sink);
  ASSERT_TRUE(w.ok());
  ColumnBatch b = ColumnBatch::Make(schema);
  b.columns[0].AppendInt64(1);
  b.num_rows = 2;  // wrong length
  EXPECT_EQ((*w)->Append(b).code(), StatusCode::kInvalidArgument);
  b.num_rows = 1;
  EXPECT_TRUE((*w)->Append(b).ok());
  EXPECT_TRUE((*w)->Finish().ok());
}

}  // namespace
}  // namespace salesflow::parquet
