#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "parquet/schema.h"

namespace salesflow::delta {

// One top-level column of a table's schemaString.
struct TableColumn {
  std::string name;       // column name
  std::string type;       // Spark type name ("long", "decimal(18,2)", ...); "struct", "array"
                          // or "map" for nested types
  bool nullable = true;   // may hold null
  std::string type_json;  // the type as JSON text (a quoted name or a nested type object)
};

// The top-level columns of a table, in schema order. Scans and data files only need the
// top-level names and types; nested types are carried as JSON and read from the files.
struct TableSchema {
  std::vector<TableColumn> columns;  // in schemaString order
  // Index of the column named `name`, or -1.
  int Find(std::string_view name) const;
};

// Parses metaData.schemaString (Spark's JSON StructType). Corruption when it is not one.
Result<TableSchema> ParseTableSchema(std::string_view schema_string);

// A schemaString for top-level primitive columns, as Spark writes it (metadata {}).
std::string SerializeTableSchema(const TableSchema& schema);

// The Parquet field salesflow writes (and materialises partition values as) for a primitive
// Delta type: long INT64, integer INT32, short INT16, byte INT8, string UTF8, boolean,
// double, float, binary, date DATE, timestamp TIMESTAMP(MICROS, utc), timestamp_ntz
// TIMESTAMP(MICROS, not utc), decimal(p,s) DECIMAL. Unsupported for nested types.
Result<parquet::Field> ParquetFieldFor(const TableColumn& column);

// Precision and scale of "decimal(p,s)"; InvalidArgument for anything else.
Result<std::pair<int32_t, int32_t>> ParseDecimalType(std::string_view type);

}  // namespace salesflow::delta
