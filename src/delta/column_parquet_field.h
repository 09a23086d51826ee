#pragma once

#include <memory>

#include "base/result.h"
#include "delta/schema.h"
#include "parquet/schema.h"

namespace salesflow::delta {

// The Parquet field salesflow writes (and materialises partition values as) for a primitive
// Delta column: long INT64, integer INT32, short INT16, byte INT8, string UTF8, boolean,
// double, float, binary, date DATE, timestamp TIMESTAMP(MICROS, utc), timestamp_ntz
// TIMESTAMP(MICROS, not utc), decimal(p,s) DECIMAL. Unsupported for nested types (scans
// read those as the files store them).
Result<parquet::Field> ParquetFieldFor(const StructField& column);

// The Parquet schema of a table's data files holding every column of `schema`, in order (drop
// partition columns first when the files leave them out); the first column's error, if any.
Result<std::shared_ptr<const parquet::Schema>> ParquetSchemaFor(const StructType& schema);

}  // namespace salesflow::delta
