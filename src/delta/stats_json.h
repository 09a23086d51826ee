#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/result.h"
#include "parquet/column_statistics.h"

namespace salesflow::delta {

// Strings in minValues/maxValues are cut to this many characters (Spark's default
// dataSkippingStringPrefixLength).
inline constexpr size_t kStatsStringPrefixChars = 32;

// add.stats for a data file from the Parquet writer's per-column statistics: numRecords and,
// per top-level column, nullCount and (when known) minValues/maxValues. Strings: the min cut
// to 32 characters (UTF-8 safe), the max cut likewise followed by U+10FFFF so it stays an
// upper bound (as Spark writes it); timestamps truncated to milliseconds
// ("2024-12-16T14:30:00.123Z"); dates "2024-12-16"; decimals as exact JSON numbers; no
// min/max for booleans, binary or NaN-only floats; nested columns left out.
std::string BuildStatsJson(int64_t num_records,
                           const std::vector<parquet::ColumnStatistics>& columns);

// One statistic value as add.stats holds it: a JSON number (integer or not), string or bool.
using StatsValue = std::variant<std::monostate, int64_t, double, std::string, bool>;

// Statistics of one top-level column.
struct ColumnFileStats {
  StatsValue min;                     // minValues.<col>, monostate when absent
  StatsValue max;                     // maxValues.<col>, monostate when absent
  std::optional<int64_t> null_count;  // nullCount.<col>
};

// A parsed add.stats.
struct FileStats {
  std::optional<int64_t> num_records;                           // numRecords
  bool tight_bounds = true;                                     // tightBounds (default true)
  std::map<std::string, ColumnFileStats, std::less<>> columns;  // by top-level column name
};

// Parses add.stats (nested column objects are ignored). Corruption for invalid JSON.
Result<FileStats> ParseStatsJson(std::string_view text);

// The first `max_chars` UTF-8 characters of `text` (a cut never splits a character).
std::string_view Utf8Prefix(std::string_view text, size_t max_chars);
// Number of UTF-8 characters in `text`.
size_t Utf8Length(std::string_view text);

}  // namespace salesflow::delta
