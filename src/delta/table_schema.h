#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "delta/schema.h"
#include "parquet/schema.h"

// Transitional: src/pipeline/bronze_schema still declares its columns with these. Everything
// else uses StructType (schema.h), schema_json.h and column_parquet_field.h, which these only
// forward to; delete this pair once bronze_schema builds a StructType directly.

namespace salesflow::delta {

// One top-level primitive column, by its schemaString type name.
struct TableColumn {
  std::string name;       // column name
  std::string type;       // Spark type name ("long", "decimal(18,2)", ...)
  bool nullable = true;   // may hold null
  std::string type_json;  // unused, kept for existing initialisers
};

// Top-level primitive columns, in schema order.
struct TableSchema {
  std::vector<TableColumn> columns;  // in schemaString order
};

// The StructType of `schema`; Unsupported/Corruption for a type name ParsePrimitiveType refuses.
Result<StructType> ToStructType(const TableSchema& schema);

// SchemaToJson(ToStructType(schema)); the column types must be valid (checked).
std::string SerializeTableSchema(const TableSchema& schema);

// ParquetFieldFor (column_parquet_field.h) of the column's StructField.
Result<parquet::Field> ParquetFieldFor(const TableColumn& column);

}  // namespace salesflow::delta
