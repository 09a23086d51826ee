#include "delta/partition_path.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "delta/local_storage.h"
#include "delta/snapshot.h"
#include "test_table_dir.h"

namespace salesflow::delta {
namespace {

TEST(PartitionPathTest, HiveEscapingOfSpecialCharacters) {
  EXPECT_EQ(EscapePartitionPathPart("2024-12-16"), "2024-12-16");
  EXPECT_EQ(EscapePartitionPathPart("2021-09-08 11:11:11"), "2021-09-08 11%3A11%3A11");
  EXPECT_EQ(EscapePartitionPathPart("a/b=c%d#e?f"), "a%2Fb%3Dc%25d%23e%3Ff");
  EXPECT_EQ(EscapePartitionPathPart("q\"'*\\{[]^"), "q%22%27%2A%5C%7B%5B%5D%5E");
  EXPECT_EQ(EscapePartitionPathPart(std::string("\x01\x7f", 2)), "%01%7F");
  // Kept raw: space, +, !, non-ASCII.
  EXPECT_EQ(EscapePartitionPathPart("bar+ !é"), "bar+ !é");
  for (std::string value : {"a/b=c%d", "2021-09-08 11:11:11", "%zz", "é#"}) {
    EXPECT_EQ(UnescapePartitionPathPart(EscapePartitionPathPart(value)), value);
  }
}

TEST(PartitionPathTest, DirectoryUsesHiveDefaultForNullAndEmpty) {
  std::vector<std::string> columns = {"date_vente", "pays", "x"};
  NullableStringMap values = {{"x", ""}, {"pays", std::nullopt}, {"date_vente", "2024-12-16"}};
  EXPECT_EQ(PartitionDirectory(columns, values),
            "date_vente=2024-12-16/pays=__HIVE_DEFAULT_PARTITION__/x=__HIVE_DEFAULT_PARTITION__/");
  EXPECT_EQ(PartitionDirectory({}, {}), "");
}

TEST(PartitionPathTest, UriEncodingAsSparkWritesAddPath) {
  // What Spark wrote in data-reader-partition-values and data-reader-escaped-chars.
  EXPECT_EQ(UriEncodePath(
                PartitionDirectory({"as_timestamp"}, {{"as_timestamp", "2021-09-08 11:11:11"}}) +
                "part-0.parquet"),
            "as_timestamp=2021-09-08%2011%253A11%253A11/part-0.parquet");
  EXPECT_EQ(UriEncodePath(PartitionDirectory({"_2"}, {{"_2", "bar+%21"}}) + "f.parquet"),
            "_2=bar+%252521/f.parquet");
  EXPECT_EQ(UriEncodePath("special p@#h"), "special%20p@%23h");
  EXPECT_EQ(UriEncodePath("é;,$&=~'()!*"), "é;,$&=~'()!*");
  EXPECT_EQ(UriDecodePath("special%20p@%23h").value(), "special p@#h");
  EXPECT_EQ(UriDecodePath("bar%2Dbar").value(), "bar-bar");
  EXPECT_EQ(UriDecodePath("bad%2").status().code(), StatusCode::kCorruption);
  EXPECT_EQ(UriDecodePath("bad%zz").status().code(), StatusCode::kCorruption);
}

TEST(PartitionPathTest, CanonicalPathsMatchAcrossFileSchemes) {
  EXPECT_EQ(CanonicalFilePath("file:/some/path").value(), "/some/path");
  EXPECT_EQ(CanonicalFilePath("file:///some/path").value(), "/some/path");
  EXPECT_EQ(CanonicalFilePath("/some/with%20space").value(), "/some/with space");
  EXPECT_EQ(CanonicalFilePath("rel/a%3Ab").value(), "rel/a:b");
}

// Every add of data-reader-escaped-chars and data-reader-partition-values names a directory
// that exists: our decoding of add.path finds Spark's files, and our encoding of the decoded
// directory gives back the path Spark wrote.
TEST(PartitionPathTest, GoldenAddPathsDecodeToExistingFilesAndReEncode) {
  for (const char* table : {"data-reader-escaped-chars", "data-reader-partition-values"}) {
    std::string root = testing::GoldenTablesDir() + "/" + table;
    LocalStorage storage(root);
    Result<Snapshot> snapshot = LoadSnapshot(storage);
    ASSERT_TRUE(snapshot.ok()) << table << ": " << snapshot.status().ToString();
    ASSERT_FALSE(snapshot->active_files().empty());
    for (const auto& [key, add] : snapshot->active_files()) {
      std::string decoded = UriDecodePath(add.path).value();
      EXPECT_TRUE(std::filesystem::exists(root + "/" + decoded)) << decoded;
      EXPECT_EQ(UriEncodePath(decoded), add.path);
      std::string file = decoded.substr(decoded.rfind('/') + 1);
      EXPECT_EQ(
          PartitionDirectory(snapshot->metadata().partition_columns, add.partition_values) + file,
          decoded);
    }
  }
}

}  // namespace
}  // namespace salesflow::delta
