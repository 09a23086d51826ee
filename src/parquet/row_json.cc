#include "parquet/row_json.h"

#include <algorithm>
#include <span>
#include <string>

#include "base/civil_time.h"
#include "parquet/json_scalars.h"

namespace salesflow::parquet {
namespace {

// How a primitive's values print, from its physical type and annotations.
enum class Print {
  kBool,
  kSigned,
  kUnsigned,
  kFloat,
  kDouble,
  kDate,
  kTimestamp,  // scaled to microseconds by `micros_per_unit` or `nanos`
  kTime,
  kDecimal,
  kString,
  kBase64,
  kInt96,
  kHalf,
  kNull,
};

struct PrintRule {
  Print print = Print::kSigned;
  int64_t micros_per_unit = 1;  // kTimestamp / kTime: 1000 for millis, 1 for micros
  bool nanos = false;           // kTimestamp / kTime in nanoseconds (floored to micros)
  int32_t scale = 0;            // kDecimal
};

PrintRule RuleFor(const Field& f) {
  PrintRule rule;
  const std::optional<LogicalType>& lt = f.logical;
  const std::optional<ConvertedType>& ct = f.converted;
  auto time_unit = [&rule](TimeUnit unit) {
    if (unit == TimeUnit::kMillis) rule.micros_per_unit = 1000;
    if (unit == TimeUnit::kNanos) rule.nanos = true;
  };
  if (lt) {
    switch (lt->kind) {
      case LogicalType::Kind::kDecimal:
        rule.print = Print::kDecimal;
        rule.scale = lt->scale;
        return rule;
      case LogicalType::Kind::kDate:
        rule.print = Print::kDate;
        return rule;
      case LogicalType::Kind::kTimestamp:
        rule.print = Print::kTimestamp;
        time_unit(lt->unit);
        return rule;
      case LogicalType::Kind::kTime:
        rule.print = Print::kTime;
        time_unit(lt->unit);
        return rule;
      case LogicalType::Kind::kInteger:
        rule.print = lt->is_signed ? Print::kSigned : Print::kUnsigned;
        return rule;
      case LogicalType::Kind::kString:
      case LogicalType::Kind::kEnum:
      case LogicalType::Kind::kJson:
        if (f.physical == Type::kByteArray) {
          rule.print = Print::kString;
          return rule;
        }
        break;
      case LogicalType::Kind::kFloat16:
        if (f.physical == Type::kFixedLenByteArray && f.type_length == 2) {
          rule.print = Print::kHalf;
          return rule;
        }
        break;
      case LogicalType::Kind::kUnknown:
        rule.print = Print::kNull;
        return rule;
      default:
        break;
    }
  } else if (ct) {
    switch (*ct) {
      case ConvertedType::kDecimal:
        rule.print = Print::kDecimal;
        rule.scale = 0;  // Schema turns DECIMAL converted types into a logical type
        return rule;
      case ConvertedType::kDate:
        rule.print = Print::kDate;
        return rule;
      case ConvertedType::kTimestampMillis:
      case ConvertedType::kTimestampMicros:
        rule.print = Print::kTimestamp;
        rule.micros_per_unit = *ct == ConvertedType::kTimestampMillis ? 1000 : 1;
        return rule;
      case ConvertedType::kTimeMillis:
      case ConvertedType::kTimeMicros:
        rule.print = Print::kTime;
        rule.micros_per_unit = *ct == ConvertedType::kTimeMillis ? 1000 : 1;
        return rule;
      case ConvertedType::kUint8:
      case ConvertedType::kUint16:
      case ConvertedType::kUint32:
      case ConvertedType::kUint64:
        rule.print = Print::kUnsigned;
        return rule;
      case ConvertedType::kUtf8:
      case ConvertedType::kEnum:
      case ConvertedType::kJson:
        if (f.physical == Type::kByteArray) {
          rule.print = Print::kString;
          return rule;
        }
        break;
      default:
        break;
    }
  }
  switch (f.physical) {
    case Type::kBoolean:
      rule.print = Print::kBool;
      break;
    case Type::kInt32:
    case Type::kInt64:
      rule.print = Print::kSigned;
      break;
    case Type::kInt96:
      rule.print = Print::kInt96;
      break;
    case Type::kFloat:
      rule.print = Print::kFloat;
      break;
    case Type::kDouble:
      rule.print = Print::kDouble;
      break;
    case Type::kByteArray:
    case Type::kFixedLenByteArray:
      rule.print = Print::kBase64;
      break;
  }
  return rule;
}

int64_t IntegerAt(const Column& c, int64_t i) {
  const size_t k = static_cast<size_t>(i);
  return c.storage == ColumnStorage::kInt32 ? c.i32[k] : c.i64[k];
}

std::span<const uint8_t> BytesAt(const Column& c, int64_t i) {
  std::string_view v = c.BinaryAt(i);
  return {reinterpret_cast<const uint8_t*>(v.data()), v.size()};
}

// Floor division to microseconds of a value in the rule's unit (wrapping on overflow).
int64_t ToMicros(int64_t v, const PrintRule& rule) {
  if (rule.nanos) return v / 1000 - ((v % 1000) < 0 ? 1 : 0);
  return static_cast<int64_t>(static_cast<uint64_t>(v) *
                              static_cast<uint64_t>(rule.micros_per_unit));
}

void AppendPrimitive(const Field& f, const Column& c, int64_t i, std::string* out) {
  const PrintRule rule = RuleFor(f);
  const size_t k = static_cast<size_t>(i);
  switch (rule.print) {
    case Print::kNull:
      out->append("null");
      return;
    case Print::kBool:
      out->append(c.bools[k] ? "true" : "false");
      return;
    case Print::kSigned:
      out->append(std::to_string(IntegerAt(c, i)));
      return;
    case Print::kUnsigned:
      if (c.storage == ColumnStorage::kInt32) {
        out->append(std::to_string(static_cast<uint32_t>(c.i32[k])));
      } else {
        out->append(std::to_string(static_cast<uint64_t>(c.i64[k])));
      }
      return;
    case Print::kFloat:
      AppendJsonFloat(c.f32[k], out);
      return;
    case Print::kDouble:
      AppendJsonDouble(c.f64[k], out);
      return;
    case Print::kDate:
      out->push_back('"');
      out->append(FormatDate(IntegerAt(c, i)));
      out->push_back('"');
      return;
    case Print::kTimestamp:
      out->push_back('"');
      out->append(FormatTimestampMicrosUtc(ToMicros(IntegerAt(c, i), rule)));
      out->push_back('"');
      return;
    case Print::kTime:
      AppendJsonTimeMicros(ToMicros(IntegerAt(c, i), rule), out);
      return;
    case Print::kInt96:
      out->push_back('"');
      out->append(FormatTimestampMicrosUtc(Int96ToMicros(c.bytes.data() + k * 12)));
      out->push_back('"');
      return;
    case Print::kDecimal:
      if (c.storage == ColumnStorage::kInt32 || c.storage == ColumnStorage::kInt64) {
        AppendJsonDecimal(IntegerAt(c, i), rule.scale, out);
      } else if (!AppendJsonDecimalBytes(BytesAt(c, i), rule.scale, out).ok()) {
        // Wider than DECIMAL(76): not a decimal any reader accepts; show the raw bytes.
        AppendJsonBase64(BytesAt(c, i), out);
      }
      return;
    case Print::kString:
      AppendJsonString(c.BinaryAt(i), out);
      return;
    case Print::kBase64:
      AppendJsonBase64(BytesAt(c, i), out);
      return;
    case Print::kHalf: {
      std::span<const uint8_t> b = BytesAt(c, i);
      AppendJsonFloat(HalfToFloat(static_cast<uint16_t>(b[0] | (b[1] << 8))), out);
      return;
    }
  }
}

}  // namespace

void AppendValueJson(const Field& f, const Column& c, int64_t i, std::string* out) {
  if (!c.IsValid(i)) {
    out->append("null");
    return;
  }
  switch (f.kind) {
    case FieldKind::kPrimitive:
      AppendPrimitive(f, c, i, out);
      return;
    case FieldKind::kStruct: {
      out->push_back('{');
      for (size_t k = 0; k < f.children.size(); ++k) {
        if (k > 0) out->push_back(',');
        AppendJsonString(f.children[k].name, out);
        out->push_back(':');
        AppendValueJson(f.children[k], c.children[k], i, out);
      }
      out->push_back('}');
      return;
    }
    case FieldKind::kList: {
      out->push_back('[');
      const size_t k = static_cast<size_t>(i);
      for (int64_t e = c.offsets[k]; e < c.offsets[k + 1]; ++e) {
        if (e > c.offsets[k]) out->push_back(',');
        AppendValueJson(f.children[0], c.children[0], e, out);
      }
      out->push_back(']');
      return;
    }
    case FieldKind::kMap: {
      out->push_back('[');
      const size_t k = static_cast<size_t>(i);
      for (int64_t e = c.offsets[k]; e < c.offsets[k + 1]; ++e) {
        if (e > c.offsets[k]) out->push_back(',');
        out->append("{\"key\":");
        AppendValueJson(f.children[0], c.children[0], e, out);
        out->append(",\"value\":");
        AppendValueJson(f.children[1], c.children[1], e, out);
        out->push_back('}');
      }
      out->push_back(']');
      return;
    }
  }
}

void AppendRowJson(const ColumnBatch& batch, int64_t row, std::string* out) {
  out->push_back('{');
  const std::vector<Field>& fields = batch.schema->fields();
  for (size_t k = 0; k < fields.size(); ++k) {
    if (k > 0) out->push_back(',');
    AppendJsonString(fields[k].name, out);
    out->push_back(':');
    AppendValueJson(fields[k], batch.columns[k], row, out);
  }
  out->push_back('}');
}

void AppendRows(const ColumnBatch& batch, int64_t first, int64_t count, RowFormat format,
                std::string* out) {
  const auto& fields = batch.schema->fields();
  for (int64_t r = first; r < first + count; ++r) {
    if (format == RowFormat::kJson) {
      AppendRowJson(batch, r, out);
    } else {
      for (size_t k = 0; k < fields.size(); ++k) {
        if (k > 0) out->push_back('\t');
        AppendValueJson(fields[k], batch.columns[k], r, out);
      }
    }
    out->push_back('\n');
  }
}

void RowPrinter::Header(const std::vector<std::string>& column_names) {
  if (format_ != RowFormat::kTabSeparated) return;
  for (size_t k = 0; k < column_names.size(); ++k) {
    if (k > 0) out_ << '\t';
    out_ << column_names[k];
  }
  out_ << '\n';
}

void RowPrinter::Print(const ColumnBatch& batch) {
  int64_t n = limit_ < 0 ? batch.num_rows : std::min(batch.num_rows, limit_ - printed_);
  if (n <= 0) return;
  text_.clear();
  AppendRows(batch, 0, n, format_, &text_);
  out_ << text_;
  printed_ += n;
}

}  // namespace salesflow::parquet
