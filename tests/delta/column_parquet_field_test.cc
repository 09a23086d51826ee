#include "delta/column_parquet_field.h"

#include <gtest/gtest.h>

#include "delta/schema_json.h"

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

// A table's file schema: every column's field, in order; a column without a mapping fails.
TEST(ColumnParquetFieldTest, SchemaHasEveryColumnInOrder) {
  StructType table{
      {{"vente_id", DataType::Primitive("long"), false}, {"montant", DataType::Decimal(18, 2)}}};
  Result<std::shared_ptr<const parquet::Schema>> schema = ParquetSchemaFor(table);
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  ASSERT_EQ((*schema)->fields().size(), 2u);
  EXPECT_EQ((*schema)->fields()[0].name, "vente_id");
  EXPECT_EQ((*schema)->fields()[0].physical, parquet::Type::kInt64);
  EXPECT_FALSE((*schema)->fields()[0].nullable);
  EXPECT_EQ((*schema)->fields()[1].name, "montant");
  EXPECT_EQ((*schema)->fields()[1].physical, ParquetFieldFor(table.fields[1])->physical);
  EXPECT_TRUE((*schema)->fields()[1].nullable);
  table.fields.push_back({"tags", DataType::Array(DataType::Primitive("string"), true)});
  EXPECT_EQ(ParquetSchemaFor(table).status().code(), StatusCode::kUnsupported);
}

}  // namespace
}  // namespace salesflow::delta
