#include "delta/stats_json.h"

#include <fmt/format.h>

#include <simdjson.h>

#include <cmath>

#include "base/civil_time.h"
#include "delta/json_writer.h"
#include "parquet/json_scalars.h"

namespace salesflow::delta {
namespace {

using parquet::ColumnStatistics;
using parquet::Field;
using parquet::LogicalType;
using parquet::StatValue;
using parquet::Type;

bool IsString(const Field& f) {
  if (f.logical && (f.logical->kind == LogicalType::Kind::kString ||
                    f.logical->kind == LogicalType::Kind::kEnum ||
                    f.logical->kind == LogicalType::Kind::kJson)) {
    return true;
  }
  return f.converted == parquet::ConvertedType::kUtf8;
}

std::optional<int32_t> DecimalScale(const Field& f) {
  if (f.logical && f.logical->kind == LogicalType::Kind::kDecimal) return f.logical->scale;
  if (f.converted == parquet::ConvertedType::kDecimal) return 0;
  return std::nullopt;
}

// "2024-12-16T14:30:00.123Z" from microseconds, truncated (floored) to milliseconds.
std::string TimestampMillisText(int64_t micros) {
  int64_t ms = micros >= 0 ? micros / 1000 : -((-micros + 999) / 1000);
  std::string text = FormatTimestampMicrosUtc(ms * 1000);  // "...SS.mmm000Z"
  text.erase(text.size() - 4, 3);
  return text;
}

int64_t TimestampMicrosOf(const Field& f, int64_t raw) {
  if (f.logical && f.logical->kind == LogicalType::Kind::kTimestamp) {
    if (f.logical->unit == parquet::TimeUnit::kMillis) return raw * 1000;
    if (f.logical->unit == parquet::TimeUnit::kNanos) return raw / 1000;
  }
  if (f.converted == parquet::ConvertedType::kTimestampMillis) return raw * 1000;
  return raw;
}

bool IsTimestamp(const Field& f) {
  return (f.logical && f.logical->kind == LogicalType::Kind::kTimestamp) ||
         f.converted == parquet::ConvertedType::kTimestampMillis ||
         f.converted == parquet::ConvertedType::kTimestampMicros;
}

bool IsDate(const Field& f) {
  return (f.logical && f.logical->kind == LogicalType::Kind::kDate) ||
         f.converted == parquet::ConvertedType::kDate;
}

// The JSON text of a min or max; empty when the column gets none.
std::string ValueJson(const Field& f, const StatValue& v, bool is_max) {
  std::string out;
  if (std::holds_alternative<std::monostate>(v) || std::holds_alternative<bool>(v)) return out;
  if (const auto* s = std::get_if<std::string>(&v)) {
    if (auto scale = DecimalScale(f)) {
      std::string quoted;
      auto bytes = std::span(reinterpret_cast<const uint8_t*>(s->data()), s->size());
      if (!parquet::AppendJsonDecimalBytes(bytes, *scale, &quoted).ok()) return out;
      return quoted.substr(1, quoted.size() - 2);
    }
    if (!IsString(f)) return out;  // binary: no stats, as Spark
    std::string_view prefix = Utf8Prefix(*s, kStatsStringPrefixChars);
    std::string text(prefix);
    if (is_max && prefix.size() < s->size()) text += "\xF4\x8F\xBF\xBF";  // U+10FFFF
    AppendJsonQuoted(text, &out);
    return out;
  }
  int64_t integer = 0;
  if (const auto* i32 = std::get_if<int32_t>(&v)) integer = *i32;
  if (const auto* i64 = std::get_if<int64_t>(&v)) integer = *i64;
  if (std::holds_alternative<int32_t>(v) || std::holds_alternative<int64_t>(v)) {
    if (auto scale = DecimalScale(f)) {
      std::string quoted;
      parquet::AppendJsonDecimal(integer, *scale, &quoted);
      return quoted.substr(1, quoted.size() - 2);
    }
    if (IsDate(f)) {
      AppendJsonQuoted(FormatDate(integer), &out);
      return out;
    }
    if (IsTimestamp(f)) {
      AppendJsonQuoted(TimestampMillisText(TimestampMicrosOf(f, integer)), &out);
      return out;
    }
    return std::to_string(integer);
  }
  double d = 0;
  if (const auto* f32 = std::get_if<float>(&v)) d = *f32;
  if (const auto* f64 = std::get_if<double>(&v)) d = *f64;
  if (!std::isfinite(d)) return out;
  if (std::holds_alternative<float>(v)) {
    parquet::AppendJsonFloat(static_cast<float>(d), &out);
  } else {
    parquet::AppendJsonDouble(d, &out);
  }
  return out;
}

}  // namespace

size_t Utf8Length(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += (static_cast<uint8_t>(c) & 0xC0) != 0x80;
  return n;
}

std::string_view Utf8Prefix(std::string_view text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<uint8_t>(text[i]) & 0xC0) != 0x80) {
      if (chars == max_chars) return text.substr(0, i);
      ++chars;
    }
  }
  return text;
}

std::string BuildStatsJson(int64_t num_records, const std::vector<ColumnStatistics>& columns) {
  std::vector<std::pair<std::string, std::string>> mins, maxs;
  std::vector<std::pair<std::string, int64_t>> nulls;
  for (const ColumnStatistics& c : columns) {
    if (c.path.size() != 1 || c.field == nullptr) continue;  // nested: left out
    nulls.emplace_back(c.path[0], c.null_count);
    std::string min = ValueJson(*c.field, c.min, false);
    std::string max = ValueJson(*c.field, c.max, true);
    if (!min.empty() && !max.empty()) {
      mins.emplace_back(c.path[0], std::move(min));
      maxs.emplace_back(c.path[0], std::move(max));
    }
  }
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("numRecords");
  w.Int(num_records);
  for (const auto* values : {&mins, &maxs}) {
    w.Key(values == &mins ? "minValues" : "maxValues");
    w.BeginObject();
    for (const auto& [name, json] : *values) {
      w.Key(name);
      w.Raw(json);
    }
    w.EndObject();
  }
  w.Key("nullCount");
  w.BeginObject();
  for (const auto& [name, count] : nulls) {
    w.Key(name);
    w.Int(count);
  }
  w.EndObject();
  w.EndObject();
  return out;
}

Result<FileStats> ParseStatsJson(std::string_view text) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(text.data(), text.size()).get(doc) != simdjson::SUCCESS) {
    return Corruption("add.stats: invalid JSON");
  }
  FileStats stats;
  int64_t n = 0;
  if (doc["numRecords"].get_int64().get(n) == simdjson::SUCCESS) stats.num_records = n;
  bool tight = true;
  if (doc["tightBounds"].get_bool().get(tight) == simdjson::SUCCESS) stats.tight_bounds = tight;
  auto read_values = [&stats](simdjson::dom::element e, bool is_max) {
    simdjson::dom::object obj;
    if (e.get_object().get(obj) != simdjson::SUCCESS) return;
    for (auto member : obj) {
      StatsValue value;
      int64_t i = 0;
      double d = 0;
      std::string_view s;
      bool b = false;
      if (member.value.is_int64() && member.value.get_int64().get(i) == simdjson::SUCCESS) {
        value = i;
      } else if (member.value.get_double().get(d) == simdjson::SUCCESS) {
        value = d;
      } else if (member.value.get_string().get(s) == simdjson::SUCCESS) {
        value = std::string(s);
      } else if (member.value.get_bool().get(b) == simdjson::SUCCESS) {
        value = b;
      } else {
        continue;  // nested object or null
      }
      ColumnFileStats& c = stats.columns[std::string(member.key)];
      (is_max ? c.max : c.min) = std::move(value);
    }
  };
  simdjson::dom::element e;
  if (doc["minValues"].get(e) == simdjson::SUCCESS) read_values(e, false);
  if (doc["maxValues"].get(e) == simdjson::SUCCESS) read_values(e, true);
  simdjson::dom::object nulls;
  if (doc["nullCount"].get_object().get(nulls) == simdjson::SUCCESS) {
    for (auto member : nulls) {
      int64_t count = 0;
      if (member.value.get_int64().get(count) == simdjson::SUCCESS) {
        stats.columns[std::string(member.key)].null_count = count;
      }
    }
  }
  return stats;
}

}  // namespace salesflow::delta
