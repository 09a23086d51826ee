#include "delta/column_parquet_field.h"

#include <gtest/gtest.h>

#include "delta/schema_json.h"
#include "delta/table_schema.h"

namespace salesflow::delta {
namespace {

// Every primitive type of a schemaString maps to the Parquet field salesflow writes.
TEST(ColumnParquetFieldTest, PrimitiveTypesMapToTheirParquetFields) {
  struct Case {
    const char* type;
    parquet::Type physical;
  };
  for (const Case& c :
       {Case{"long", parquet::Type::kInt64}, Case{"integer", parquet::Type::kInt32},
        Case{"short", parquet::Type::kInt32}, Case{"byte", parquet::Type::kInt32},
        Case{"string", parquet::Type::kByteArray}, Case{"boolean", parquet::Type::kBoolean},
        Case{"double", parquet::Type::kDouble}, Case{"float", parquet::Type::kFloat},
        Case{"binary", parquet::Type::kByteArray}, Case{"date", parquet::Type::kInt32},
        Case{"timestamp", parquet::Type::kInt64}, Case{"timestamp_ntz", parquet::Type::kInt64}}) {
    Result<DataType> type = ParsePrimitiveType(c.type);
    ASSERT_TRUE(type.ok()) << c.type << ": " << type.status().ToString();
    Result<parquet::Field> field = ParquetFieldFor(StructField{"x", *type, false});
    ASSERT_TRUE(field.ok()) << c.type << ": " << field.status().ToString();
    EXPECT_EQ(field->physical, c.physical) << c.type;
    EXPECT_FALSE(field->nullable) << c.type;
  }
  Result<parquet::Field> money = ParquetFieldFor(StructField{"m", DataType::Decimal(18, 2)});
  ASSERT_TRUE(money.ok());
  ASSERT_TRUE(money->logical.has_value());
  EXPECT_TRUE(money->nullable);
  Result<parquet::Field> nested =
      ParquetFieldFor(StructField{"tags", DataType::Array(DataType::Primitive("string"), true)});
  EXPECT_EQ(nested.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(nested.status().message().find("'tags'"), std::string::npos);
}

// The transitional TableSchema (src/pipeline/bronze_schema) serialises through SchemaToJson.
TEST(ColumnParquetFieldTest, TableSchemaForwardsToStructType) {
  TableSchema legacy;
  legacy.columns = {{"vente_id", "long", false, ""}, {"montant", "decimal(18,2)", true, ""}};
  StructType expected{
      {{"vente_id", DataType::Primitive("long"), false}, {"montant", DataType::Decimal(18, 2)}}};
  EXPECT_EQ(SerializeTableSchema(legacy), SchemaToJson(expected));
  EXPECT_EQ(ToStructType(legacy).value(), expected);
  EXPECT_EQ(ParquetFieldFor(legacy.columns[1])->physical,
            ParquetFieldFor(expected.fields[1])->physical);
  TableSchema unknown;
  unknown.columns = {{"v", "variant", true, ""}};
  EXPECT_EQ(ToStructType(unknown).status().code(), StatusCode::kUnsupported);
}

}  // namespace
}  // namespace salesflow::delta
