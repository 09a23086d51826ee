#include "delta/schema_json.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "delta/local_storage.h"
#include "delta/snapshot.h"
#include "test_table_dir.h"

namespace salesflow::delta {
namespace {

namespace fs = std::filesystem;

TEST(SchemaJsonTest, GoldenSchemaStringsRoundTripByteExact) {
  int checked = 0;
  for (const auto& table : fs::directory_iterator(testing::GoldenTablesDir())) {
    if (!fs::is_directory(table.path() / "_delta_log")) continue;
    LocalStorage storage(table.path().string());
    Result<Snapshot> snapshot = LoadSnapshot(storage, {.check_read_protocol = false});
    if (!snapshot.ok() || snapshot->metadata().schema_string.empty()) continue;
    const std::string& text = snapshot->metadata().schema_string;
    Result<StructType> schema = ParseSchemaJson(text);
    if (!schema.ok() && schema.status().code() == StatusCode::kUnsupported) {
      // Only types we deliberately do not read (variant, collated strings) may fail.
      EXPECT_TRUE(text.find("variant") != std::string::npos ||
                  text.find("collat") != std::string::npos)
          << table.path() << ": " << schema.status().ToString();
      continue;
    }
    ASSERT_TRUE(schema.ok()) << table.path() << ": " << schema.status().ToString();
    EXPECT_EQ(SchemaToJson(*schema), text) << table.path();
    ++checked;
  }
  EXPECT_GT(checked, 40);
}

TEST(SchemaJsonTest, BuildsTheBronzeStyleSchema) {
  StructType schema{{
      {"vente_id", DataType::Primitive("long"), false},
      {"montant", DataType::Decimal(18, 2)},
      {"event_time", DataType::Primitive("timestamp")},
      {"date_vente", DataType::Primitive("date")},
      {"naive", DataType::Primitive("timestamp_ntz")},
      {"tags", DataType::Array(DataType::Primitive("string"), true)},
      {"attrs",
       DataType::Map(DataType::Primitive("string"), DataType::Primitive("integer"), false)},
      {"nested",
       DataType::Struct(
           {{"a", DataType::Primitive("double")}, {"b", DataType::Primitive("binary")}}),
       true, R"j({"comment":"x"})j"},
  }};
  std::string json = SchemaToJson(schema);
  EXPECT_TRUE(json.starts_with(
      R"j({"type":"struct","fields":[{"name":"vente_id","type":"long","nullable":false,"metadata":{}})j"))
      << json;
  EXPECT_NE(
      json.find(R"j({"name":"montant","type":"decimal(18,2)","nullable":true,"metadata":{}})j"),
      std::string::npos);
  EXPECT_NE(json.find(R"j({"type":"array","elementType":"string","containsNull":true})j"),
            std::string::npos);
  EXPECT_NE(
      json.find(
          R"j({"type":"map","keyType":"string","valueType":"integer","valueContainsNull":false})j"),
      std::string::npos);
  Result<StructType> back = ParseSchemaJson(json);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, schema);
  EXPECT_EQ(back->Find("montant")->type.scale(), 2);
  EXPECT_EQ(back->Find("missing"), nullptr);
}

TEST(SchemaJsonTest, BadSchemasFailClearly) {
  EXPECT_EQ(ParseSchemaJson("{").status().code(), StatusCode::kCorruption);
  EXPECT_EQ(ParseSchemaJson(R"j({"type":"array"})j").status().code(), StatusCode::kCorruption);
  auto unknown = ParseSchemaJson(
      R"j({"type":"struct","fields":[{"name":"v","type":"variant","nullable":true,"metadata":{}}]})j");
  EXPECT_EQ(unknown.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(unknown.status().message().find("variant"), std::string::npos);
  auto decimal = ParseSchemaJson(
      R"j({"type":"struct","fields":[{"name":"d","type":"decimal(40,2)","nullable":true,"metadata":{}}]})j");
  EXPECT_EQ(decimal.status().code(), StatusCode::kCorruption);
  std::string deep = R"j({"type":"struct","fields":[{"name":"d","type":)j";
  for (int i = 0; i < 100; ++i) deep += R"j({"type":"array","elementType":)j";
  deep += "\"long\"";
  for (int i = 0; i < 100; ++i) deep += R"j(,"containsNull":true})j";
  deep += R"j(,"nullable":true,"metadata":{}}]})j";
  EXPECT_EQ(ParseSchemaJson(deep).status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace salesflow::delta
