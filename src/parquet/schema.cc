#include "parquet/schema.h"

#include <string>
#include <utility>

namespace salesflow::parquet {

// ---------------------------------------------------------------- builders

Field Field::Primitive(std::string name, Type physical, bool nullable,
                       std::optional<LogicalType> logical) {
  Field f;
  f.name = std::move(name);
  f.kind = FieldKind::kPrimitive;
  f.nullable = nullable;
  f.physical = physical;
  f.logical = logical;
  return f;
}

Field Field::Bool(std::string name, bool nullable) {
  return Primitive(std::move(name), Type::kBoolean, nullable);
}

Field Field::Int8(std::string name, bool nullable) {
  Field f = Primitive(std::move(name), Type::kInt32, nullable, LogicalType::Integer(8, true));
  f.converted = ConvertedType::kInt8;
  return f;
}

Field Field::Int16(std::string name, bool nullable) {
  Field f = Primitive(std::move(name), Type::kInt32, nullable, LogicalType::Integer(16, true));
  f.converted = ConvertedType::kInt16;
  return f;
}

// Plain INT32/INT64 carry no annotation, as pyarrow and Spark write them.
Field Field::Int32(std::string name, bool nullable) {
  return Primitive(std::move(name), Type::kInt32, nullable);
}

Field Field::Int64(std::string name, bool nullable) {
  return Primitive(std::move(name), Type::kInt64, nullable);
}

Field Field::Float(std::string name, bool nullable) {
  return Primitive(std::move(name), Type::kFloat, nullable);
}

Field Field::Double(std::string name, bool nullable) {
  return Primitive(std::move(name), Type::kDouble, nullable);
}

Field Field::String(std::string name, bool nullable) {
  Field f = Primitive(std::move(name), Type::kByteArray, nullable, LogicalType::String());
  f.converted = ConvertedType::kUtf8;
  return f;
}

Field Field::Binary(std::string name, bool nullable) {
  return Primitive(std::move(name), Type::kByteArray, nullable);
}

Field Field::FixedBinary(std::string name, int32_t width, bool nullable) {
  Field f = Primitive(std::move(name), Type::kFixedLenByteArray, nullable);
  f.type_length = width;
  return f;
}

Field Field::Date(std::string name, bool nullable) {
  Field f = Primitive(std::move(name), Type::kInt32, nullable, LogicalType::Date());
  f.converted = ConvertedType::kDate;
  return f;
}

Field Field::TimestampMicros(std::string name, bool utc, bool nullable) {
  Field f = Primitive(std::move(name), Type::kInt64, nullable,
                      LogicalType::Timestamp(utc, TimeUnit::kMicros));
  // parquet-format: TIMESTAMP_MICROS implies UTC-adjusted, so only then is it set.
  if (utc) f.converted = ConvertedType::kTimestampMicros;
  return f;
}

// Bytes of the smallest two's-complement big-endian integer holding `precision` digits.
static int32_t DecimalBytes(int32_t precision) {
  int32_t bytes = 1;
  // 10^precision - 1 < 2^(8*bytes-1)
  while (bytes < 17) {
    long double max = 1;
    for (int i = 0; i < 8 * bytes - 1; ++i) max *= 2;
    long double need = 1;
    for (int i = 0; i < precision; ++i) need *= 10;
    if (need - 1 < max) break;
    ++bytes;
  }
  return bytes;
}

Field Field::Decimal(std::string name, int32_t precision, int32_t scale, bool nullable) {
  Type physical = precision <= 9    ? Type::kInt32
                  : precision <= 18 ? Type::kInt64
                                    : Type::kFixedLenByteArray;
  Field f = Primitive(std::move(name), physical, nullable, LogicalType::Decimal(precision, scale));
  f.converted = ConvertedType::kDecimal;
  if (physical == Type::kFixedLenByteArray) f.type_length = DecimalBytes(precision);
  return f;
}

Field Field::Struct(std::string name, std::vector<Field> fields, bool nullable) {
  Field f;
  f.name = std::move(name);
  f.kind = FieldKind::kStruct;
  f.nullable = nullable;
  f.children = std::move(fields);
  return f;
}

Field Field::List(std::string name, Field element, bool nullable) {
  Field f;
  f.name = std::move(name);
  f.kind = FieldKind::kList;
  f.nullable = nullable;
  f.layout = ListLayout::kThreeLevel;
  f.repeated_name = "list";
  element.name = "element";
  f.children.push_back(std::move(element));
  return f;
}

Field Field::Map(std::string name, Field key, Field value, bool nullable) {
  Field f;
  f.name = std::move(name);
  f.kind = FieldKind::kMap;
  f.nullable = nullable;
  f.layout = ListLayout::kThreeLevel;
  f.repeated_name = "key_value";
  key.name = "key";
  value.name = "value";
  f.children.push_back(std::move(key));
  f.children.push_back(std::move(value));
  return f;
}

// ---------------------------------------------------------------- validation and levels

namespace {

constexpr int kMaxNesting = 64;

Status ValidatePrimitive(const Field& f) {
  if (f.physical == Type::kFixedLenByteArray && f.type_length <= 0) {
    return InvalidArgument("FIXED_LEN_BYTE_ARRAY field '" + f.name + "' needs a positive width");
  }
  if (f.logical && f.logical->kind == LogicalType::Kind::kDecimal) {
    const LogicalType& d = *f.logical;
    if (d.precision < 1 || d.scale < 0 || d.scale > d.precision) {
      return InvalidArgument("decimal field '" + f.name + "' has precision " +
                             std::to_string(d.precision) + " and scale " + std::to_string(d.scale));
    }
    int32_t limit = f.physical == Type::kInt32   ? 9
                    : f.physical == Type::kInt64 ? 18
                    : f.physical == Type::kFixedLenByteArray
                        ? static_cast<int32_t>(2.408 * f.type_length)  // floor(log10(2^(8n-1)))
                        : 1000;
    if (f.physical != Type::kByteArray && d.precision > limit + 1) {
      return InvalidArgument("decimal field '" + f.name + "' precision too large for its type");
    }
  }
  return Status::Ok();
}

Status Assign(Field& f, int16_t parent_def, int16_t parent_rep, std::vector<std::string>& path,
              std::vector<LeafColumn>& leaves, int depth) {
  if (depth > kMaxNesting) return Unsupported("unsupported: schema nested deeper than 64 levels");
  if (f.name.empty()) return InvalidArgument("a schema field has an empty name");
  f.leaf_begin = static_cast<int>(leaves.size());
  f.rep_level = parent_rep;
  switch (f.kind) {
    case FieldKind::kPrimitive: {
      SF_RETURN_IF_ERROR(ValidatePrimitive(f));
      f.def_level = static_cast<int16_t>(parent_def + (f.nullable ? 1 : 0));
      path.push_back(f.name);
      leaves.push_back(LeafColumn{path, &f, f.def_level, parent_rep});
      path.pop_back();
      break;
    }
    case FieldKind::kStruct: {
      f.def_level = static_cast<int16_t>(parent_def + (f.nullable ? 1 : 0));
      path.push_back(f.name);
      for (Field& c : f.children) {
        SF_RETURN_IF_ERROR(Assign(c, f.def_level, parent_rep, path, leaves, depth + 1));
      }
      path.pop_back();
      break;
    }
    case FieldKind::kList:
    case FieldKind::kMap: {
      size_t want = f.kind == FieldKind::kList ? 1 : 2;
      if (f.children.size() != want) {
        return InvalidArgument("list/map field '" + f.name + "' has " +
                               std::to_string(f.children.size()) + " children");
      }
      if (f.kind == FieldKind::kMap && f.children[0].nullable) {
        return InvalidArgument("map field '" + f.name + "' has a nullable key");
      }
      if (f.layout == ListLayout::kRepeatedField) f.nullable = false;
      f.def_level = static_cast<int16_t>(parent_def + (f.nullable ? 1 : 0));
      f.repeated_def_level = static_cast<int16_t>(f.def_level + 1);
      f.repeated_rep_level = static_cast<int16_t>(parent_rep + 1);
      size_t pushed = 0;
      if (f.layout != ListLayout::kRepeatedField) {
        path.push_back(f.name);
        ++pushed;
      }
      if (f.layout == ListLayout::kThreeLevel) {
        path.push_back(f.repeated_name);
        ++pushed;
      } else {
        f.children[0].nullable = false;  // the repeated node itself is the element
      }
      for (Field& c : f.children) {
        SF_RETURN_IF_ERROR(
            Assign(c, f.repeated_def_level, f.repeated_rep_level, path, leaves, depth + 1));
      }
      for (size_t i = 0; i < pushed; ++i) path.pop_back();
      break;
    }
  }
  f.leaf_end = static_cast<int>(leaves.size());
  if (f.leaf_end == f.leaf_begin) {
    return Unsupported("unsupported: field '" + f.name + "' has no leaf columns");
  }
  return Status::Ok();
}

}  // namespace

Status Schema::Finish() {
  std::vector<std::string> path;
  for (Field& f : fields_) SF_RETURN_IF_ERROR(Assign(f, 0, 0, path, leaves_, 0));
  return Status::Ok();
}

Result<std::shared_ptr<const Schema>> Schema::Make(std::vector<Field> fields) {
  std::shared_ptr<Schema> s(new Schema(std::move(fields)));
  SF_RETURN_IF_ERROR(s->Finish().WithContext("building the parquet schema"));
  return std::shared_ptr<const Schema>(std::move(s));
}

int Schema::FieldIndex(std::string_view name) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

// ---------------------------------------------------------------- to elements

namespace {

FieldRepetitionType RepetitionOf(bool nullable) {
  return nullable ? FieldRepetitionType::kOptional : FieldRepetitionType::kRequired;
}

void Emit(const Field& f, FieldRepetitionType rep, std::vector<SchemaElement>& out) {
  SchemaElement e;
  e.name = f.name;
  e.repetition_type = rep;
  e.field_id = f.field_id;
  switch (f.kind) {
    case FieldKind::kPrimitive:
      e.type = f.physical;
      if (f.physical == Type::kFixedLenByteArray) e.type_length = f.type_length;
      e.converted_type = f.converted;
      e.logical_type = f.logical;
      if (f.logical && f.logical->kind == LogicalType::Kind::kDecimal) {
        e.scale = f.logical->scale;
        e.precision = f.logical->precision;
      }
      out.push_back(std::move(e));
      return;
    case FieldKind::kStruct:
      e.num_children = static_cast<int32_t>(f.children.size());
      e.converted_type = f.group_converted;
      out.push_back(std::move(e));
      for (const Field& c : f.children) Emit(c, RepetitionOf(c.nullable), out);
      return;
    case FieldKind::kList:
    case FieldKind::kMap: {
      bool is_list = f.kind == FieldKind::kList;
      if (f.layout == ListLayout::kRepeatedField) {
        Emit(f.children[0], FieldRepetitionType::kRepeated, out);
        return;
      }
      e.num_children = 1;
      e.converted_type = f.group_converted ? f.group_converted
                                           : (is_list ? ConvertedType::kList : ConvertedType::kMap);
      e.logical_type = is_list ? LogicalType::List() : LogicalType::Map();
      out.push_back(std::move(e));
      if (f.layout == ListLayout::kTwoLevel) {
        Emit(f.children[0], FieldRepetitionType::kRepeated, out);
        return;
      }
      SchemaElement r;
      r.name = f.repeated_name;
      r.repetition_type = FieldRepetitionType::kRepeated;
      r.num_children = static_cast<int32_t>(f.children.size());
      out.push_back(std::move(r));
      for (const Field& c : f.children) Emit(c, RepetitionOf(c.nullable), out);
      return;
    }
  }
}

}  // namespace

std::vector<SchemaElement> Schema::ToElements() const {
  std::vector<SchemaElement> out;
  SchemaElement root;
  root.name = "schema";
  root.num_children = static_cast<int32_t>(fields_.size());
  out.push_back(std::move(root));
  for (const Field& f : fields_) Emit(f, RepetitionOf(f.nullable), out);
  return out;
}

// ---------------------------------------------------------------- from elements

namespace {

class ElementParser {
 public:
  explicit ElementParser(const std::vector<SchemaElement>& e) : elements_(e) {}

  // Parses the node at pos_ into `out`, consuming it and its descendants.
  Status Parse(Field* out, int depth) {
    if (depth > kMaxNesting) return Unsupported("unsupported: schema nested deeper than 64 levels");
    if (pos_ >= elements_.size())
      return Corruption("schema: children counts exceed the element list");
    const SchemaElement& e = elements_[pos_];
    if (!e.repetition_type) {
      return Corruption("schema: element '" + e.name + "' has no repetition_type");
    }
    FieldRepetitionType rep = *e.repetition_type;
    if (rep != FieldRepetitionType::kRequired && rep != FieldRepetitionType::kOptional &&
        rep != FieldRepetitionType::kRepeated) {
      return Corruption("schema: element '" + e.name + "' has a bad repetition_type");
    }
    if (rep == FieldRepetitionType::kRepeated) {
      // A repeated field outside a LIST/MAP group is a required list of its element.
      out->name = e.name;
      out->kind = FieldKind::kList;
      out->nullable = false;
      out->layout = ListLayout::kRepeatedField;
      Field element;
      SF_RETURN_IF_ERROR(ParseNode(&element, depth + 1));
      element.nullable = false;
      out->children.push_back(std::move(element));
      return Status::Ok();
    }
    SF_RETURN_IF_ERROR(ParseNode(out, depth));
    out->nullable = rep == FieldRepetitionType::kOptional;
    return Status::Ok();
  }

  // Parses the node at pos_ ignoring its repetition (set by the caller).
  Status ParseNode(Field* out, int depth) {
    const SchemaElement& e = elements_[pos_++];
    out->name = e.name;
    out->field_id = e.field_id;
    if (!e.num_children) {
      if (!e.type) return Corruption("schema: leaf '" + e.name + "' has no type");
      out->kind = FieldKind::kPrimitive;
      out->physical = *e.type;
      if (static_cast<int32_t>(*e.type) < 0 || static_cast<int32_t>(*e.type) > 7) {
        return Corruption("schema: leaf '" + e.name + "' has an unknown type");
      }
      out->type_length = e.type_length.value_or(0);
      out->converted = e.converted_type;
      out->logical = e.logical_type;
      if (!out->logical && e.converted_type == ConvertedType::kDecimal) {
        out->logical = LogicalType::Decimal(e.precision.value_or(0), e.scale.value_or(0));
      }
      return Status::Ok();
    }
    int32_t n = *e.num_children;
    if (n < 0 || static_cast<size_t>(n) > elements_.size() - pos_) {
      return Corruption("schema: group '" + e.name + "' claims " + std::to_string(n) + " children");
    }
    bool is_list = e.converted_type == ConvertedType::kList ||
                   (e.logical_type && e.logical_type->kind == LogicalType::Kind::kList);
    bool is_map = e.converted_type == ConvertedType::kMap ||
                  e.converted_type == ConvertedType::kMapKeyValue ||
                  (e.logical_type && e.logical_type->kind == LogicalType::Kind::kMap);
    out->group_converted = e.converted_type;
    if ((is_list || is_map) && n == 1 &&
        elements_[pos_].repetition_type == FieldRepetitionType::kRepeated) {
      return is_list ? ParseList(out, e.name, depth) : ParseMap(out, depth);
    }
    out->kind = FieldKind::kStruct;
    out->group_converted = e.converted_type;
    for (int32_t i = 0; i < n; ++i) {
      out->children.emplace_back();
      SF_RETURN_IF_ERROR(Parse(&out->children.back(), depth + 1));
    }
    return Status::Ok();
  }

 private:
  // LogicalTypes.md backward-compatibility rules for lists.
  Status ParseList(Field* out, const std::string& name, int depth) {
    out->kind = FieldKind::kList;
    const SchemaElement& r = elements_[pos_];
    Field element;
    bool repeated_is_element =
        !r.num_children || *r.num_children != 1 || r.name == "array" || r.name == name + "_tuple";
    if (repeated_is_element) {
      out->layout = ListLayout::kTwoLevel;
      SF_RETURN_IF_ERROR(ParseNode(&element, depth + 1));
      element.nullable = false;
    } else {
      out->layout = ListLayout::kThreeLevel;
      out->repeated_name = r.name;
      ++pos_;
      SF_RETURN_IF_ERROR(Parse(&element, depth + 1));
    }
    out->children.push_back(std::move(element));
    return Status::Ok();
  }

  Status ParseMap(Field* out, int depth) {
    out->kind = FieldKind::kMap;
    out->layout = ListLayout::kThreeLevel;
    const SchemaElement& kv = elements_[pos_];
    if (!kv.num_children || *kv.num_children < 1 || *kv.num_children > 2) {
      return Unsupported("unsupported: map '" + out->name +
                         "' whose key_value group is not {key, value}");
    }
    out->repeated_name = kv.name;
    int32_t n = *kv.num_children;
    ++pos_;
    for (int32_t i = 0; i < n; ++i) {
      out->children.emplace_back();
      SF_RETURN_IF_ERROR(Parse(&out->children.back(), depth + 1));
    }
    if (n == 1) return Unsupported("unsupported: map '" + out->name + "' without values");
    if (out->children[0].kind == FieldKind::kList &&
        out->children[0].layout == ListLayout::kRepeatedField) {
      return Corruption("schema: map '" + out->name + "' has a repeated key");
    }
    out->children[0].nullable = false;  // keys are required; a few writers say optional
    return Status::Ok();
  }

 public:
  size_t pos_ = 0;

 private:
  const std::vector<SchemaElement>& elements_;
};

}  // namespace

Result<std::shared_ptr<const Schema>> Schema::FromElements(
    const std::vector<SchemaElement>& elements) {
  if (elements.empty()) return Corruption("schema: empty element list");
  const SchemaElement& root = elements[0];
  if (!root.num_children || *root.num_children < 0) {
    return Corruption("schema: the root is not a group");
  }
  ElementParser parser(elements);
  parser.pos_ = 1;
  std::vector<Field> fields;
  for (int32_t i = 0; i < *root.num_children; ++i) {
    fields.emplace_back();
    SF_RETURN_IF_ERROR(parser.Parse(&fields.back(), 1));
  }
  if (parser.pos_ != elements.size()) {
    return Corruption("schema: " + std::to_string(elements.size() - parser.pos_) +
                      " elements outside the root's children");
  }
  std::shared_ptr<Schema> s(new Schema(std::move(fields)));
  SF_RETURN_IF_ERROR(s->Finish().WithContext("reading the parquet schema"));
  return std::shared_ptr<const Schema>(std::move(s));
}

// ---------------------------------------------------------------- rendering

namespace {

void Render(const SchemaElement& e, const std::vector<SchemaElement>& all, size_t* pos, int indent,
            std::string& out) {
  std::string pad(static_cast<size_t>(indent) * 2, ' ');
  std::string head = pad;
  if (e.repetition_type) head += std::string(RepetitionName(*e.repetition_type)) + " ";
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (e.num_children) {
    head += "group " + e.name;
  } else {
    std::string type(TypeName(e.type.value_or(Type::kInt32)));
    for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (e.type == Type::kFixedLenByteArray) {
      type += "(" + std::to_string(e.type_length.value_or(0)) + ")";
    }
    head += type + " " + e.name;
  }
  if (e.logical_type) {
    head += " (" + LogicalTypeToString(*e.logical_type) + ")";
  } else if (e.converted_type) {
    head += " (" + std::string(ConvertedTypeName(*e.converted_type)) + ")";
  }
  if (!e.num_children) {
    out += head + ";\n";
    return;
  }
  out += head + " {\n";
  for (int32_t i = 0; i < *e.num_children && *pos < all.size(); ++i) {
    const SchemaElement& c = all[(*pos)++];
    Render(c, all, pos, indent + 1, out);
  }
  out += pad + "}\n";
}

}  // namespace

std::string Schema::ToString() const {
  std::vector<SchemaElement> elements = ToElements();
  std::string out = "message schema {\n";
  size_t pos = 1;
  while (pos < elements.size()) {
    const SchemaElement& e = elements[pos++];
    Render(e, elements, &pos, 1, out);
  }
  out += "}\n";
  return out;
}

}  // namespace salesflow::parquet
