#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "parquet/column_batch.h"
#include "parquet/schema.h"

namespace salesflow::parquet {

// Rows of a ColumnBatch in the `parquet cat --json` form (issue 3): one JSON object per row,
// columns in schema order, no whitespace. Values follow json_scalars.h: timestamps
// "2024-12-16T14:30:00.000000Z" (INT96 and nanoseconds floored to microseconds), dates
// "2024-12-16", times "14:30:00.000000", decimals exact strings, strings (STRING, ENUM, JSON)
// as JSON strings, other binary as base64, floats shortest round-trip with "NaN",
// "Infinity", "-Infinity", unsigned integers unsigned, structs objects, lists arrays, maps
// arrays of {"key":..,"value":..}, null null.

// Appends the JSON object of row `row` of `batch` (no newline).
void AppendRowJson(const ColumnBatch& batch, int64_t row, std::string* out);

// Appends the JSON text of slot `i` of `column`, which holds `field`.
void AppendValueJson(const Field& field, const Column& column, int64_t i, std::string* out);

// The two ways `parquet cat` (and `table show`) print rows.
enum class RowFormat {
  kJson,          // one JSON object per line (AppendRowJson)
  kTabSeparated,  // the JSON text of each column, separated by tabs
};

// Appends rows [first, first + count) of `batch` in `format`, each ending with '\n'.
void AppendRows(const ColumnBatch& batch, int64_t first, int64_t count, RowFormat format,
                std::string* out);

// Prints rows as `parquet cat` (and `table show`) do, batch after batch, up to a limit.
class RowPrinter {
 public:
  // `limit` < 0 prints every row.
  RowPrinter(std::ostream& out, RowFormat format, int64_t limit)
      : out_(out), format_(format), limit_(limit) {}
  // The header line of kTabSeparated (the names, tab-separated); nothing for kJson.
  void Header(const std::vector<std::string>& column_names);
  // Prints the rows of `batch` that fit under the limit.
  void Print(const ColumnBatch& batch);
  // True once `limit` rows were printed.
  bool done() const { return limit_ >= 0 && printed_ >= limit_; }

 private:
  std::ostream& out_;
  RowFormat format_;
  int64_t limit_;
  int64_t printed_ = 0;
  std::string text_;  // reused buffer
};

}  // namespace salesflow::parquet
