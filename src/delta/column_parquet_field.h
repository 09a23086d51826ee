#pragma once

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

}  // namespace salesflow::delta
