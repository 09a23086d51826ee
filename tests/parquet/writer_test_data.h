#pragma once

// Test data shared by the writer's tests: deterministic random batches of every type, and the
// canonical JSON form of rows and statistics that writer_interop_check.py also produces from
// what pyarrow and DuckDB read.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "parquet/column_batch.h"
#include "parquet/column_statistics.h"
#include "parquet/schema.h"

namespace salesflow::parquet::testdata {

// Appends `s` as a JSON string.
void JsonString(std::string_view s, std::string& out);
// Appends a statistic value of `field` in the canonical form.
void Scalar(const Field& field, const StatValue& v, std::string& out);
// Appends slot `i` of `column` (of `field`) in the canonical form.
void Value(const Field& field, const Column& column, int64_t i, std::string& out);
// Row `row` of `batch` as a canonical JSON object.
std::string RowJson(const ColumnBatch& batch, int64_t row);
// `rows` random rows for `schema` (nulls, empty and accented strings, nested values) from `seed`.
ColumnBatch RandomBatch(std::shared_ptr<const Schema> schema, int64_t rows, uint64_t seed);
// Every primitive and logical type the writer supports, flat.
std::shared_ptr<const Schema> AllTypesSchema();
// Structs in structs, lists of strings/structs/lists, maps, a required list.
std::shared_ptr<const Schema> NestedSchema();

}  // namespace salesflow::parquet::testdata
