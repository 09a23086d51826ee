#include "writer_test_data.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

namespace salesflow::parquet::testdata {

namespace {
std::string Hex(std::string_view s) {
  static const char* d = "0123456789abcdef";
  std::string h;
  for (char c : s) {
    h += d[static_cast<unsigned char>(c) >> 4];
    h += d[static_cast<unsigned char>(c) & 15];
  }
  return h;
}

// 128-bit integers for decimal(38) text; __extension__ keeps -Wpedantic quiet.
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

// Built back to front and reversed once: inserting at the front trips g++ 12's -O3
// -Wrestrict false positive.
std::string DecimalText(Int128 unscaled, int scale) {
  bool neg = unscaled < 0;
  UInt128 u = neg ? static_cast<UInt128>(-unscaled) : static_cast<UInt128>(unscaled);
  std::string rev;
  int n = 0;
  do {
    if (scale > 0 && n == scale) rev.push_back('.');
    rev.push_back(static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
    ++n;
  } while (u != 0 || n <= scale);
  if (neg) rev.push_back('-');
  return std::string(rev.rbegin(), rev.rend());
}

Int128 BigEndianToInt(std::string_view b) {
  Int128 v = static_cast<int8_t>(b[0]);  // sign-extends
  for (size_t i = 1; i < b.size(); ++i) v = v * 256 + static_cast<unsigned char>(b[i]);
  return v;
}

void Double(double v, std::string& out) {
  if (std::isnan(v)) {
    out += "\"NaN\"";
    return;
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  std::string s = buf;
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  out += s;
}

bool IsDecimal(const Field& f) {
  return f.logical && f.logical->kind == LogicalType::Kind::kDecimal;
}

// ---- deterministic data

struct Rng {
  uint64_t s = 0x9E3779B97F4A7C15ULL;
  uint64_t Next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  }
  int64_t Range(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool OneIn(int n) { return Next() % static_cast<uint64_t>(n) == 0; }
};

const char* kWords[] = {"",      "café",     "Zoë",   "naïve",   "Łódź",  "北京",
                        "plain", "a\"quote", "tab\t", "emoji 🎉", "ÉCOLE", "zzz"};

// Fills a leaf column with a value for `field` (null with probability 1/6 when nullable).
void Fill(const Field& f, Column& c, Rng& r, int depth = 0) {
  if (f.nullable && r.OneIn(6)) {
    if (c.storage == ColumnStorage::kStruct) {
      c.AppendNull();
      return;
    }
    c.AppendNull();
    return;
  }
  switch (c.storage) {
    case ColumnStorage::kBool:
      return c.AppendBool(r.OneIn(2));
    case ColumnStorage::kInt32: {
      if (f.logical && f.logical->kind == LogicalType::Kind::kDate) {
        return c.AppendInt32(static_cast<int32_t>(r.Range(-20'000, 60'000)));
      }
      int64_t lim = f.logical && f.logical->kind == LogicalType::Kind::kInteger
                        ? (int64_t{1} << (f.logical->bit_width - 1)) - 1
                    : IsDecimal(f) ? 999'999'999
                                   : INT32_MAX;
      return c.AppendInt32(static_cast<int32_t>(r.Range(-lim - 1 + (IsDecimal(f) ? 1 : 0), lim)));
    }
    case ColumnStorage::kInt64:
      if (f.logical && f.logical->kind == LogicalType::Kind::kTimestamp) {
        return c.AppendInt64(r.Range(-2'000'000'000'000'000, 4'000'000'000'000'000));
      }
      return c.AppendInt64(IsDecimal(f) ? r.Range(-999'999'999'999'999'999, 999'999'999'999'999'999)
                                        : static_cast<int64_t>(r.Next()));
    case ColumnStorage::kFloat:
      return c.AppendFloat(static_cast<float>(r.Range(-1'000'000, 1'000'000)) / 64.0f);
    case ColumnStorage::kDouble:
      return c.AppendDouble(static_cast<double>(static_cast<int64_t>(r.Next())) / 3.0);
    case ColumnStorage::kBinary: {
      if (f.logical && f.logical->kind == LogicalType::Kind::kString) {
        std::string s = kWords[r.Next() % std::size(kWords)];
        if (r.OneIn(3)) s += std::to_string(r.Range(0, 50));
        return c.AppendBinary(s);
      }
      std::string b(static_cast<size_t>(r.Range(0, 6)), '\0');
      for (char& x : b) x = static_cast<char>(r.Next());
      return c.AppendBinary(b);
    }
    case ColumnStorage::kFixed: {
      std::string b(static_cast<size_t>(c.fixed_width), '\0');
      for (char& x : b) x = static_cast<char>(r.Next());
      if (IsDecimal(f))
        b[0] = static_cast<char>(static_cast<int8_t>(r.Range(-2, 1)));  // < 38 digits
      return c.AppendBinary(b);
    }
    case ColumnStorage::kStruct:
      for (size_t k = 0; k < f.children.size(); ++k)
        Fill(f.children[k], c.children[k], r, depth + 1);
      return c.AppendStructSlot();
    case ColumnStorage::kList:
    case ColumnStorage::kMap: {
      int64_t n = r.Range(0, 3);
      for (int64_t j = 0; j < n; ++j) {
        for (size_t k = 0; k < f.children.size(); ++k) {
          Fill(f.children[k], c.children[k], r, depth + 1);
        }
      }
      return c.CloseListEntry();
    }
  }
}

}  // namespace

void JsonString(std::string_view s, std::string& out) {
  out += '"';
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  out += '"';
}

// An integer, or the quoted text of a decimal's unscaled value.
void AppendNumber(const Field& f, int64_t x, std::string& out) {
  if (!IsDecimal(f)) {
    out += std::to_string(x);
    return;
  }
  out.push_back('"');
  out.append(DecimalText(x, f.logical->scale));
  out.push_back('"');
}

void Scalar(const Field& f, const StatValue& v, std::string& out) {
  if (std::holds_alternative<bool>(v)) {
    out += std::get<bool>(v) ? "true" : "false";
  } else if (std::holds_alternative<int32_t>(v)) {
    int32_t x = std::get<int32_t>(v);
    AppendNumber(f, x, out);
  } else if (std::holds_alternative<int64_t>(v)) {
    int64_t x = std::get<int64_t>(v);
    AppendNumber(f, x, out);
  } else if (std::holds_alternative<float>(v)) {
    Double(std::get<float>(v), out);
  } else if (std::holds_alternative<double>(v)) {
    Double(std::get<double>(v), out);
  } else if (std::holds_alternative<std::string>(v)) {
    const std::string& s = std::get<std::string>(v);
    if (IsDecimal(f)) {
      out.push_back('"');
      out.append(DecimalText(BigEndianToInt(s), f.logical->scale));
      out.push_back('"');
    } else if (f.logical && f.logical->kind == LogicalType::Kind::kString) {
      JsonString(s, out);
    } else {
      out.push_back('"');
      out.append(Hex(s));
      out.push_back('"');
    }
  } else {
    out += "null";
  }
}

void Value(const Field& f, const Column& c, int64_t i, std::string& out) {
  if (!c.IsValid(i)) {
    out += "null";
    return;
  }
  auto at = static_cast<size_t>(i);
  switch (c.storage) {
    case ColumnStorage::kBool:
      return Scalar(f, c.bools[at] != 0, out);
    case ColumnStorage::kInt32:
      return Scalar(f, c.i32[at], out);
    case ColumnStorage::kInt64:
      return Scalar(f, c.i64[at], out);
    case ColumnStorage::kFloat:
      return Scalar(f, c.f32[at], out);
    case ColumnStorage::kDouble:
      return Scalar(f, c.f64[at], out);
    case ColumnStorage::kBinary:
    case ColumnStorage::kFixed:
      return Scalar(f, std::string(c.BinaryAt(i)), out);
    case ColumnStorage::kStruct:
      out += '{';
      for (size_t k = 0; k < f.children.size(); ++k) {
        if (k > 0) out += ',';
        JsonString(f.children[k].name, out);
        out += ':';
        Value(f.children[k], c.children[k], i, out);
      }
      out += '}';
      return;
    case ColumnStorage::kList:
    case ColumnStorage::kMap:
      out += '[';
      for (int64_t j = c.offsets[at]; j < c.offsets[at + 1]; ++j) {
        if (j > c.offsets[at]) out += ',';
        if (c.storage == ColumnStorage::kList) {
          Value(f.children[0], c.children[0], j, out);
        } else {
          out += '[';
          Value(f.children[0], c.children[0], j, out);
          out += ',';
          Value(f.children[1], c.children[1], j, out);
          out += ']';
        }
      }
      out += ']';
      return;
  }
}

std::string RowJson(const ColumnBatch& batch, int64_t row) {
  std::string line = "{";
  for (size_t k = 0; k < batch.columns.size(); ++k) {
    if (k > 0) line += ',';
    JsonString(batch.schema->fields()[k].name, line);
    line += ':';
    Value(batch.schema->fields()[k], batch.columns[k], row, line);
  }
  return line + "}";
}

ColumnBatch RandomBatch(std::shared_ptr<const Schema> schema, int64_t rows, uint64_t seed) {
  ColumnBatch b = ColumnBatch::Make(schema);
  Rng r;
  r.s ^= seed * 0x2545F4914F6CDD1DULL;
  for (int64_t i = 0; i < rows; ++i) {
    for (size_t k = 0; k < b.columns.size(); ++k) Fill(schema->fields()[k], b.columns[k], r);
  }
  b.num_rows = rows;
  return b;
}

std::shared_ptr<const Schema> AllTypesSchema() {
  auto s =
      Schema::Make({Field::Bool("b"), Field::Int8("i8"), Field::Int16("i16"), Field::Int32("i32"),
                    Field::Int64("i64", false), Field::Float("f"), Field::Double("d"),
                    Field::String("s"), Field::Binary("bin"), Field::FixedBinary("fixed", 4),
                    Field::Date("day"), Field::TimestampMicros("ts_utc", true),
                    Field::TimestampMicros("ts_local", false), Field::Decimal("dec9", 9, 2),
                    Field::Decimal("dec18", 18, 2, false), Field::Decimal("dec38", 38, 10)});
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return *s;
}

std::shared_ptr<const Schema> NestedSchema() {
  auto nested = Schema::Make({
      Field::Int64("id", false),
      Field::Struct(
          "add",
          {Field::String("path", false),
           Field::Map("partitionValues", Field::String("key", false), Field::String("value")),
           Field::Int64("size"), Field::Struct("deep", {Field::Bool("flag"), Field::Date("day")})}),
      Field::List("tags", Field::String("element")),
      Field::List("points", Field::Struct("element", {Field::Int32("x"), Field::Double("y")})),
      Field::Map("counts", Field::String("key", false), Field::Int64("value", false)),
      Field::List("matrix", Field::List("element", Field::Int32("element"))),
      Field::List("required_list", Field::Int64("element", false), false),
  });
  EXPECT_TRUE(nested.ok()) << nested.status().ToString();
  return *nested;
}

}  // namespace salesflow::parquet::testdata
