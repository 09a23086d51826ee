// Files of every type written by ParquetWriter, read back by pyarrow and DuckDB
// (writer_interop_check.py), which compare values exactly and check the statistics.
#include <gtest/gtest.h>

#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "parquet/writer.h"
#include "test_paths.h"
#include "writer_test_data.h"

namespace salesflow::parquet {
namespace {

namespace fs = std::filesystem;
using namespace testdata;  // NOLINT: the shared test data helpers

// ---- the test

class WriterInteropTest : public ::testing::Test {
 protected:
  static fs::path Dir() { return salesflow::testing::BinaryDir() / "parquet_writer_interop"; }

  static void SetUpTestSuite() {
    fs::remove_all(Dir());
    fs::create_directories(Dir());
  }

  // Writes `batches` to <name>.parquet with the expected rows and statistics beside it.
  static void Write(const std::string& name, const std::vector<ColumnBatch>& batches,
                    WriterOptions options) {
    const auto& schema = batches.at(0).schema;
    auto sink = FileOutputSink::Open(Dir() / (name + ".parquet"));
    ASSERT_TRUE(sink.ok()) << sink.status().ToString();
    auto w = ParquetWriter::Open(schema, sink->get(), options);
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    std::ofstream rows(Dir() / (name + ".expected.jsonl"));
    for (const ColumnBatch& b : batches) {
      Status s = (*w)->Append(b);
      ASSERT_TRUE(s.ok()) << s.ToString();
      for (int64_t i = 0; i < b.num_rows; ++i) rows << RowJson(b, i) << "\n";
    }
    auto summary = (*w)->Finish();
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
    std::string stats = "{";
    for (const ColumnStatistics& c : summary->columns) {
      if (c.path.size() != 1) continue;  // flat columns only
      if (stats.size() > 1) stats += ',';
      JsonString(c.path[0], stats);
      stats += ":{\"null_count\":" + std::to_string(c.null_count);
      if (!std::holds_alternative<std::monostate>(c.min)) {
        stats += ",\"min\":";
        Scalar(*c.field, c.min, stats);
        stats += ",\"max\":";
        Scalar(*c.field, c.max, stats);
      }
      stats += "}";
    }
    std::ofstream(Dir() / (name + ".stats.json")) << stats << "}\n";
  }

  static ColumnBatch Random(std::shared_ptr<const Schema> schema, int64_t rows, uint64_t seed) {
    return RandomBatch(std::move(schema), rows, seed);
  }
};

TEST_F(WriterInteropTest, PyarrowAndDuckDbReadWhatWeWrite) {
  WriterOptions snappy;
  snappy.codec = CompressionCodec::kSnappy;
  snappy.row_group_max_rows = 1500;
  snappy.page_max_bytes = 4096;
  auto all = AllTypesSchema();
  Write("all_types_snappy", {Random(all, 2000, 1), Random(all, 2500, 2)}, snappy);

  WriterOptions zstd;
  zstd.codec = CompressionCodec::kZstd;
  Write("all_types_zstd_plain", {Random(all, 3000, 3)}, [&] {
    WriterOptions o = zstd;
    o.dictionary = false;
    return o;
  }());
  Write("zero_rows", {ColumnBatch::Make(all)}, zstd);

  // A large dictionary (60k distinct strings, under the limit) and a fallback (300k unique
  // strings and int64s, past 1 MiB).
  auto dict_schema = *Schema::Make({Field::String("s", false), Field::Int64("n")});
  ColumnBatch large = ColumnBatch::Make(dict_schema);
  ColumnBatch fallback = ColumnBatch::Make(dict_schema);
  for (int64_t i = 0; i < 300'000; ++i) {
    large.columns[0].AppendBinary("client-é-" + std::to_string((i * 7919) % 60'000));
    large.columns[1].AppendInt64(i % 1000);
    fallback.columns[0].AppendBinary("unique-" + std::to_string(i * 31));
    if (i % 10 == 0) {
      fallback.columns[1].AppendNull();
    } else {
      fallback.columns[1].AppendInt64(i * 1'000'003);
    }
  }
  large.num_rows = fallback.num_rows = 300'000;
  Write("large_dictionary", {large}, zstd);
  Write("dictionary_fallback", {fallback}, zstd);

  // Nested: structs in structs, lists of strings and structs, maps, lists of lists.
  auto nested = NestedSchema();
  WriterOptions small_groups;
  small_groups.codec = CompressionCodec::kUncompressed;
  small_groups.row_group_max_rows = 700;
  Write("nested", {Random(nested, 1000, 4), Random(nested, 1000, 5)}, small_groups);

  const char* env = std::getenv("SALESFLOW_PYTHON");
  std::string python = env && *env ? env : "";
  fs::path src = salesflow::testing::SourceDir();
  if (python.empty()) {
    FILE* p = popen((src / "scripts" / "setup-venv").string().c_str(), "r");
    ASSERT_NE(p, nullptr);
    char buf[4096] = {0};
    if (fgets(buf, sizeof buf, p) != nullptr) python = buf;
    pclose(p);
    while (!python.empty() && (python.back() == '\n' || python.back() == '\r')) python.pop_back();
  }
  ASSERT_FALSE(python.empty()) << "no python: set SALESFLOW_PYTHON or run scripts/setup-venv";
  std::string cmd = python + " " +
                    (src / "tests" / "parquet" / "writer_interop_check.py").string() + " " +
                    Dir().string() + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string output;
  char buf[4096];
  while (fgets(buf, sizeof buf, p) != nullptr) output += buf;
  int rc = pclose(p);
  EXPECT_EQ(rc, 0) << output;
  EXPECT_NE(output.find("checked nested.parquet"), std::string::npos) << output;
  std::printf("%s", output.c_str());
}

}  // namespace
}  // namespace salesflow::parquet
