// `salesflow parquet schema|meta|cat` end to end: the binary prints what the library reads.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "parquet/reader.h"
#include "parquet/row_json.h"
#include "parquet_testdata.h"

namespace salesflow::parquet {
namespace {

namespace fs = std::filesystem;

fs::path Binary() {
  if (const char* b = std::getenv("SALESFLOW_BINARY_DIR"); b != nullptr && *b != '\0') {
    return fs::path(b) / "salesflow";
  }
  return fs::path(SALESFLOW_TEST_BINARY_DIR) / "salesflow";
}

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout and stderr
};

CliRun Salesflow(const std::string& args) {
  CliRun run;
  FILE* pipe = popen((Binary().string() + " " + args + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return run;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) run.out.append(buf, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

fs::path Data(const std::string& name) {
  return testing::ParquetTestingDir() / "data" / name;
}

TEST(ParquetCliTest, CatJsonPrintsTheLibraryRows) {
  for (const char* name : {"nested_maps.snappy.parquet", "alltypes_plain.parquet",
                           "nullable.impala.parquet", "int96_from_spark.parquet"}) {
    SCOPED_TRACE(name);
    auto reader = ParquetReader::OpenFile(Data(name).string());
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    std::string want;
    ColumnBatch batch;
    for (int g = 0; g < (*reader)->num_row_groups(); ++g) {
      ASSERT_TRUE((*reader)->ReadRowGroup(g, &batch).ok());
      for (int64_t r = 0; r < batch.num_rows; ++r) {
        AppendRowJson(batch, r, &want);
        want += '\n';
      }
    }
    CliRun run = Salesflow("parquet cat --json " + Data(name).string());
    EXPECT_EQ(run.exit_code, 0) << run.out;
    EXPECT_EQ(run.out, want);
  }
}

TEST(ParquetCliTest, LimitSchemaAndMeta) {
  const std::string file = Data("alltypes_plain.parquet").string();
  CliRun two = Salesflow("parquet cat --json --limit 2 " + file);
  ASSERT_EQ(two.exit_code, 0) << two.out;
  EXPECT_EQ(std::count(two.out.begin(), two.out.end(), '\n'), 2);
  EXPECT_EQ(two.out.rfind("{\"id\":4,", 0), 0u) << two.out;

  CliRun table = Salesflow("parquet cat --limit 1 " + file);
  ASSERT_EQ(table.exit_code, 0) << table.out;
  EXPECT_EQ(table.out.rfind("id\tbool_col\t", 0), 0u) << table.out;
  EXPECT_EQ(std::count(table.out.begin(), table.out.end(), '\n'), 2);

  auto reader = ParquetReader::OpenFile(file);
  ASSERT_TRUE(reader.ok());
  CliRun schema = Salesflow("parquet schema " + file);
  ASSERT_EQ(schema.exit_code, 0) << schema.out;
  EXPECT_EQ(schema.out, (*reader)->schema()->ToString());

  CliRun meta = Salesflow("parquet meta " + file);
  ASSERT_EQ(meta.exit_code, 0) << meta.out;
  EXPECT_NE(meta.out.find("num_rows: 8\n"), std::string::npos) << meta.out;
  EXPECT_NE(meta.out.find("num_row_groups: 1\n"), std::string::npos) << meta.out;
  EXPECT_NE(meta.out.find("  bigint_col: INT64 UNCOMPRESSED"), std::string::npos) << meta.out;
}

TEST(ParquetCliTest, ErrorsExitNonZeroWithTheReason) {
  CliRun unsupported = Salesflow("parquet cat " + Data("large_string_map.brotli.parquet").string());
  EXPECT_EQ(unsupported.exit_code, 1);
  EXPECT_NE(unsupported.out.find("unsupported: BROTLI compression"), std::string::npos)
      << unsupported.out;
  CliRun missing = Salesflow("parquet cat /nonexistent/file.parquet");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.out.find("no such file"), std::string::npos) << missing.out;
  CliRun usage = Salesflow("parquet cat");
  EXPECT_EQ(usage.exit_code, 2) << usage.out;
}

}  // namespace
}  // namespace salesflow::parquet
