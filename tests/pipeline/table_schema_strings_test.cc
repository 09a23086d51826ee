// The schemaString every bronze, silver and gold table is created with, byte for byte against
// testdata/pipeline/schema_strings (recorded before the schemas moved from the table_schema.h
// shim to delta::StructType; see the README there): a reader comparing schemas across
// versions, or a table created by an older binary, must see the same string.
#include <gtest/gtest.h>

#include <string>

#include "delta/schema_json.h"
#include "pipeline/bronze_schema.h"
#include "pipeline/silver_table_schemas.h"
#include "testdata_line.h"

namespace salesflow::pipeline {
namespace {

// The golden schemaString of `table`.
std::string Golden(const std::string& table) {
  return testing::TestdataLine(std::filesystem::path("pipeline/schema_strings") /
                               (table + ".json"));
}

TEST(TableSchemaStringsTest, BronzeAndQuarantine) {
  EXPECT_EQ(delta::SchemaToJson(GetBronzeSchemas().bronze_table), Golden("delta_ventes_table"));
  EXPECT_EQ(NewBronzeMetadata("app").schema_string, Golden("delta_ventes_table"));
  EXPECT_EQ(delta::SchemaToJson(GetBronzeSchemas().quarantine_table),
            Golden("delta_ventes_rejets"));
  EXPECT_EQ(NewQuarantineMetadata("app").schema_string, Golden("delta_ventes_rejets"));
}

TEST(TableSchemaStringsTest, SilverAndGold) {
  EXPECT_EQ(delta::SchemaToJson(SilverAggregesTableSchema()), Golden("delta_silver_aggreges"));
  EXPECT_EQ(delta::SchemaToJson(VentesParMinuteTableSchema()), Golden("ventes_par_minute"));
  EXPECT_EQ(delta::SchemaToJson(VentesClientJourTableSchema()), Golden("ventes_client_jour"));
  for (const char* dimension : {"produit", "categorie", "pays", "segment"}) {
    EXPECT_EQ(delta::SchemaToJson(DimensionTotalsTableSchema(dimension)),
              Golden(std::string("ventes_par_") + dimension))
        << dimension;
  }
}

// The strings parse back to the same schemas (the golden files are real schemaStrings).
TEST(TableSchemaStringsTest, GoldenStringsParseBack) {
  Result<delta::StructType> silver = delta::ParseSchemaJson(Golden("delta_silver_aggreges"));
  ASSERT_TRUE(silver.ok()) << silver.status().ToString();
  EXPECT_EQ(*silver, SilverAggregesTableSchema());
  Result<delta::StructType> bronze = delta::ParseSchemaJson(Golden("delta_ventes_table"));
  ASSERT_TRUE(bronze.ok()) << bronze.status().ToString();
  EXPECT_EQ(*bronze, GetBronzeSchemas().bronze_table);
}

// The minute table of an older silver (before montant_max, the README there): the current
// schema less that one column, which is what silver notices to rebuild it.
TEST(TableSchemaStringsTest, MinuteSchemaBeforeMontantMax) {
  Result<delta::StructType> old =
      delta::ParseSchemaJson(Golden("ventes_par_minute_before_montant_max"));
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  delta::StructType expected = VentesParMinuteTableSchema();
  std::erase_if(expected.fields,
                [](const delta::StructField& f) { return f.name == "montant_max"; });
  EXPECT_EQ(expected.fields.size() + 1, VentesParMinuteTableSchema().fields.size());
  EXPECT_EQ(*old, expected);
}

}  // namespace
}  // namespace salesflow::pipeline
