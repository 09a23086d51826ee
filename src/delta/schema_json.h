#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "delta/schema.h"

namespace salesflow::delta {

// Parses metaData.schemaString, Spark's JSON StructType:
//   {"type":"struct","fields":[{"name":..,"type":..,"nullable":..,"metadata":{..}}]}
// with nested {"type":"array","elementType":..,"containsNull":..} and
// {"type":"map","keyType":..,"valueType":..,"valueContainsNull":..}. Corruption for malformed
// JSON or shape; Unsupported naming an unknown primitive type (e.g. "variant").
Result<StructType> ParseSchemaJson(std::string_view json);

// A primitive type from its schemaString name ("long", "decimal(18,2)", "timestamp_ntz", ...;
// "decimal" alone is decimal(10,0) as in Spark). Corruption for a malformed decimal,
// Unsupported naming any other unknown name.
Result<DataType> ParsePrimitiveType(std::string_view name);

// Writes a schema exactly as Spark's StructType.json does (field order, compact, escaping).
std::string SchemaToJson(const StructType& schema);

}  // namespace salesflow::delta
