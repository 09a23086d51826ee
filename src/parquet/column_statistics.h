#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "parquet/file_metadata.h"
#include "parquet/schema.h"

namespace salesflow::parquet {

// A typed statistic value: the physical value (DATE days, TIMESTAMP micros, DECIMAL unscaled
// or big-endian bytes, strings as bytes); monostate when there is none (all null, all NaN).
using StatValue = std::variant<std::monostate, bool, int32_t, int64_t, float, double, std::string>;

// What the writer reports per leaf column (for Delta's add.stats) and writes to the footer.
struct ColumnStatistics {
  std::vector<std::string> path;  // path_in_schema
  const Field* field = nullptr;   // the leaf's field (owned by the writer's schema)
  int64_t num_values = 0;         // non-null values
  int64_t null_count = 0;         // null slots (levels below max_def)
  StatValue min;                  // smallest value by the column order, or monostate
  StatValue max;                  // largest value by the column order, or monostate
};

// Min/max/null accumulation for one leaf, specialised by physical type outside the hot loops:
// callers hand it whole runs of values.
class StatisticsAccumulator {
 public:
  // Sets the ordering from the field (signed ints, unsigned bytes, signed FLBA decimals).
  explicit StatisticsAccumulator(const Field& field);

  void AddNulls(int64_t n) { nulls_ += n; }
  void AddCount(int64_t n) { values_ += n; }
  // Values (already counted with AddCount when they come from a dictionary).
  void UpdateBool(bool v);
  void UpdateInt32(const int32_t* v, int64_t n);
  void UpdateInt64(const int64_t* v, int64_t n);
  void UpdateFloat(const float* v, int64_t n);
  void UpdateDouble(const double* v, int64_t n);
  void UpdateBinary(std::string_view v);

  // Folds another accumulator (a row group's) into this one (the file's).
  void Merge(const StatisticsAccumulator& other);
  // Clears for a new row group.
  void Reset();

  // The footer form: min_value/max_value PLAIN-encoded, null_count, and the deprecated
  // min/max for signed-order columns as Arrow writes them.
  Statistics ToThrift() const;
  // The typed form for callers.
  ColumnStatistics ToColumnStatistics(const LeafColumn& leaf) const;

 private:
  enum class Order { kSigned, kUnsignedBytes, kSignedBytes, kUnsigned, kNone };
  bool LessBytes(std::string_view a, std::string_view b) const;

  Type type_;
  Order order_;
  int64_t nulls_ = 0;
  int64_t values_ = 0;
  bool has_ = false;
  int64_t imin_ = 0, imax_ = 0;  // BOOLEAN, INT32, INT64
  double dmin_ = 0, dmax_ = 0;   // FLOAT, DOUBLE
  std::string smin_, smax_;      // BYTE_ARRAY, FLBA
};

}  // namespace salesflow::parquet
