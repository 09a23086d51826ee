#include "delta/column_parquet_field.h"

#include <fmt/format.h>

#include <utility>
#include <vector>

namespace salesflow::delta {

Result<parquet::Field> ParquetFieldFor(const StructField& column) {
  using parquet::Field;
  const DataType& type = column.type;
  const std::string& n = column.name;
  bool nullable = column.nullable;
  if (type.kind() != TypeKind::kPrimitive) {
    const char* kind = type.kind() == TypeKind::kStruct  ? "struct"
                       : type.kind() == TypeKind::kArray ? "array"
                                                         : "map";
    return Unsupported(fmt::format("column '{}': type {} is not a primitive type", n, kind));
  }
  if (type.is_decimal()) return Field::Decimal(n, type.precision(), type.scale(), nullable);
  const std::string& t = type.primitive_name();
  if (t == "long") return Field::Int64(n, nullable);
  if (t == "integer") return Field::Int32(n, nullable);
  if (t == "short") return Field::Int16(n, nullable);
  if (t == "byte") return Field::Int8(n, nullable);
  if (t == "string") return Field::String(n, nullable);
  if (t == "boolean") return Field::Bool(n, nullable);
  if (t == "double") return Field::Double(n, nullable);
  if (t == "float") return Field::Float(n, nullable);
  if (t == "binary") return Field::Binary(n, nullable);
  if (t == "date") return Field::Date(n, nullable);
  if (t == "timestamp") return Field::TimestampMicros(n, /*utc=*/true, nullable);
  if (t == "timestamp_ntz") return Field::TimestampMicros(n, /*utc=*/false, nullable);
  return Unsupported(fmt::format("column '{}': type {} has no Parquet mapping", n, t));
}

Result<std::shared_ptr<const parquet::Schema>> ParquetSchemaFor(const StructType& schema) {
  std::vector<parquet::Field> fields;
  fields.reserve(schema.fields.size());
  for (const StructField& column : schema.fields) {
    SF_ASSIGN_OR_RETURN(parquet::Field field, ParquetFieldFor(column));
    fields.push_back(std::move(field));
  }
  return parquet::Schema::Make(std::move(fields));
}

}  // namespace salesflow::delta
