#include "delta/table_schema.h"

#include "base/check.h"
#include "delta/column_parquet_field.h"
#include "delta/schema_json.h"

namespace salesflow::delta {
namespace {

Result<StructField> ToStructField(const TableColumn& column) {
  SF_ASSIGN_OR_RETURN(DataType type, ParsePrimitiveType(column.type));
  return StructField{column.name, std::move(type), column.nullable};
}

}  // namespace

Result<StructType> ToStructType(const TableSchema& schema) {
  StructType out;
  for (const TableColumn& column : schema.columns) {
    SF_ASSIGN_OR_RETURN(StructField field, ToStructField(column));
    out.fields.push_back(std::move(field));
  }
  return out;
}

std::string SerializeTableSchema(const TableSchema& schema) {
  Result<StructType> type = ToStructType(schema);
  SF_CHECK_EQ(type.status().ToString(), Status::Ok().ToString());
  return SchemaToJson(*type);
}

Result<parquet::Field> ParquetFieldFor(const TableColumn& column) {
  SF_ASSIGN_OR_RETURN(StructField field, ToStructField(column));
  return ParquetFieldFor(field);
}

}  // namespace salesflow::delta
