#include "parquet/file_metadata_thrift.h"

#include <string>
#include <utility>

#include "parquet/thrift_compact.h"
#include "parquet/thrift_struct_codec.h"

namespace salesflow::parquet {

namespace {

using namespace thrift_codec;  // NOLINT: the struct codec vocabulary

// ---------------------------------------------------------------- encoding

void WriteEmptyStructField(W& w, int16_t id) {
  w.FieldStructBegin(id);
  w.StructEnd();
}

void WriteLogicalType(W& w, const LogicalType& t) {
  using K = LogicalType::Kind;
  auto id = static_cast<int16_t>(t.kind);
  w.FieldStructBegin(id);
  switch (t.kind) {
    case K::kDecimal:
      w.FieldI32(1, t.scale);
      w.FieldI32(2, t.precision);
      break;
    case K::kTime:
    case K::kTimestamp:
      w.FieldBool(1, t.is_adjusted_to_utc);
      w.FieldStructBegin(2);
      WriteEmptyStructField(w, static_cast<int16_t>(t.unit));
      w.StructEnd();
      break;
    case K::kInteger:
      w.FieldByte(1, t.bit_width);
      w.FieldBool(2, t.is_signed);
      break;
    default:
      break;
  }
  w.StructEnd();
}

void WriteSchemaElement(W& w, const SchemaElement& e) {
  if (e.type) w.FieldI32(1, static_cast<int32_t>(*e.type));
  if (e.type_length) w.FieldI32(2, *e.type_length);
  if (e.repetition_type) w.FieldI32(3, static_cast<int32_t>(*e.repetition_type));
  w.FieldBinary(4, e.name);
  if (e.num_children) w.FieldI32(5, *e.num_children);
  if (e.converted_type) w.FieldI32(6, static_cast<int32_t>(*e.converted_type));
  if (e.scale) w.FieldI32(7, *e.scale);
  if (e.precision) w.FieldI32(8, *e.precision);
  if (e.field_id) w.FieldI32(9, *e.field_id);
  if (e.logical_type) {
    w.FieldStructBegin(10);
    WriteLogicalType(w, *e.logical_type);
    w.StructEnd();
  }
}

void WriteKeyValues(W& w, int16_t id, const std::vector<KeyValue>& kvs) {
  w.FieldListBegin(id, T::kStruct, kvs.size());
  for (const KeyValue& kv : kvs) {
    w.StructBegin();
    w.FieldBinary(1, kv.key);
    if (kv.value) w.FieldBinary(2, *kv.value);
    w.StructEnd();
  }
}

void WriteI64List(W& w, int16_t id, const std::vector<int64_t>& values) {
  w.FieldListBegin(id, T::kI64, values.size());
  for (int64_t v : values) w.I64(v);
}

void WriteColumnMetaData(W& w, const ColumnMetaData& m) {
  w.FieldI32(1, static_cast<int32_t>(m.type));
  w.FieldListBegin(2, T::kI32, m.encodings.size());
  for (Encoding e : m.encodings) w.I32(static_cast<int32_t>(e));
  w.FieldListBegin(3, T::kBinary, m.path_in_schema.size());
  for (const std::string& p : m.path_in_schema) w.Binary(p);
  w.FieldI32(4, static_cast<int32_t>(m.codec));
  w.FieldI64(5, m.num_values);
  w.FieldI64(6, m.total_uncompressed_size);
  w.FieldI64(7, m.total_compressed_size);
  if (m.has_key_value_metadata || !m.key_value_metadata.empty()) {
    WriteKeyValues(w, 8, m.key_value_metadata);
  }
  w.FieldI64(9, m.data_page_offset);
  if (m.index_page_offset) w.FieldI64(10, *m.index_page_offset);
  if (m.dictionary_page_offset) w.FieldI64(11, *m.dictionary_page_offset);
  if (m.statistics) {
    w.FieldStructBegin(12);
    WriteStatistics(w, *m.statistics);
    w.StructEnd();
  }
  if (m.has_encoding_stats || !m.encoding_stats.empty()) {
    w.FieldListBegin(13, T::kStruct, m.encoding_stats.size());
    for (const PageEncodingStats& s : m.encoding_stats) {
      w.StructBegin();
      w.FieldI32(1, static_cast<int32_t>(s.page_type));
      w.FieldI32(2, static_cast<int32_t>(s.encoding));
      w.FieldI32(3, s.count);
      w.StructEnd();
    }
  }
  if (m.bloom_filter_offset) w.FieldI64(14, *m.bloom_filter_offset);
  if (m.bloom_filter_length) w.FieldI32(15, *m.bloom_filter_length);
  if (m.size_statistics) {
    const SizeStatistics& s = *m.size_statistics;
    w.FieldStructBegin(16);
    if (s.unencoded_byte_array_data_bytes) w.FieldI64(1, *s.unencoded_byte_array_data_bytes);
    if (s.has_repetition_level_histogram) WriteI64List(w, 2, s.repetition_level_histogram);
    if (s.has_definition_level_histogram) WriteI64List(w, 3, s.definition_level_histogram);
    w.StructEnd();
  }
}

void WriteColumnChunk(W& w, const ColumnChunk& c) {
  if (c.file_path) w.FieldBinary(1, *c.file_path);
  w.FieldI64(2, c.file_offset);
  if (c.meta_data) {
    w.FieldStructBegin(3);
    WriteColumnMetaData(w, *c.meta_data);
    w.StructEnd();
  }
  if (c.offset_index_offset) w.FieldI64(4, *c.offset_index_offset);
  if (c.offset_index_length) w.FieldI32(5, *c.offset_index_length);
  if (c.column_index_offset) w.FieldI64(6, *c.column_index_offset);
  if (c.column_index_length) w.FieldI32(7, *c.column_index_length);
}

void WriteRowGroup(W& w, const RowGroup& g) {
  w.FieldListBegin(1, T::kStruct, g.columns.size());
  for (const ColumnChunk& c : g.columns) {
    w.StructBegin();
    WriteColumnChunk(w, c);
    w.StructEnd();
  }
  w.FieldI64(2, g.total_byte_size);
  w.FieldI64(3, g.num_rows);
  if (g.has_sorting_columns || !g.sorting_columns.empty()) {
    w.FieldListBegin(4, T::kStruct, g.sorting_columns.size());
    for (const SortingColumn& s : g.sorting_columns) {
      w.StructBegin();
      w.FieldI32(1, s.column_idx);
      w.FieldBool(2, s.descending);
      w.FieldBool(3, s.nulls_first);
      w.StructEnd();
    }
  }
  if (g.file_offset) w.FieldI64(5, *g.file_offset);
  if (g.total_compressed_size) w.FieldI64(6, *g.total_compressed_size);
  if (g.ordinal) {
    w.FieldBegin(T::kI16, 7);
    w.I32(*g.ordinal);
  }
}

void WriteFileMetaData(W& w, const FileMetaData& f) {
  w.FieldI32(1, f.version);
  w.FieldListBegin(2, T::kStruct, f.schema.size());
  for (const SchemaElement& e : f.schema) {
    w.StructBegin();
    WriteSchemaElement(w, e);
    w.StructEnd();
  }
  w.FieldI64(3, f.num_rows);
  w.FieldListBegin(4, T::kStruct, f.row_groups.size());
  for (const RowGroup& g : f.row_groups) {
    w.StructBegin();
    WriteRowGroup(w, g);
    w.StructEnd();
  }
  if (f.has_key_value_metadata || !f.key_value_metadata.empty()) {
    WriteKeyValues(w, 5, f.key_value_metadata);
  }
  if (f.created_by) w.FieldBinary(6, *f.created_by);
  if (f.has_column_orders || !f.column_orders.empty()) {
    w.FieldListBegin(7, T::kStruct, f.column_orders.size());
    for (const ColumnOrder& o : f.column_orders) {
      w.StructBegin();
      WriteEmptyStructField(w, o.kind);
      w.StructEnd();
    }
  }
}

// ---------------------------------------------------------------- decoding

// Reads a union of empty structs (TimeUnit, ColumnOrder): the id of the member that is set.
Status ReadEmptyUnion(R& r, int16_t* member) {
  uint64_t seen = 0;
  *member = 0;
  return ReadStruct(r, &seen, [&](const H& h, bool*) -> Status {
    if (h.type != T::kStruct) return WrongType(h, "union");
    *member = h.id;
    return Status::Ok();  // not "known": the empty struct is skipped
  });
}

Status ReadLogicalType(R& r, LogicalType* t) {
  uint64_t seen = 0;
  bool have = false;
  SF_TRY(ReadStruct(r, &seen, [&](const H& h, bool* known) -> Status {
    if (h.type != T::kStruct) return WrongType(h, "LogicalType");
    *known = true;
    have = true;
    t->kind = static_cast<LogicalType::Kind>(h.id);
    uint64_t inner = 0;
    using K = LogicalType::Kind;
    switch (t->kind) {
      case K::kDecimal:
        return ReadStruct(r, &inner, [&](const H& f, bool* k) -> Status {
          if (f.id == 1) return *k = true, Get(r, f, "DecimalType", &t->scale);
          if (f.id == 2) return *k = true, Get(r, f, "DecimalType", &t->precision);
          return Status::Ok();
        });
      case K::kTime:
      case K::kTimestamp:
        return ReadStruct(r, &inner, [&](const H& f, bool* k) -> Status {
          if (f.id == 1) return *k = true, Get(r, f, "TimestampType", &t->is_adjusted_to_utc);
          if (f.id == 2) {
            if (f.type != T::kStruct) return WrongType(f, "TimestampType");
            *k = true;
            int16_t unit = 0;
            SF_TRY(ReadEmptyUnion(r, &unit));
            t->unit = static_cast<TimeUnit>(unit);
            return Status::Ok();
          }
          return Status::Ok();
        });
      case K::kInteger:
        return ReadStruct(r, &inner, [&](const H& f, bool* k) -> Status {
          if (f.id == 1) return *k = true, Get(r, f, "IntType", &t->bit_width);
          if (f.id == 2) return *k = true, Get(r, f, "IntType", &t->is_signed);
          return Status::Ok();
        });
      default:
        return r.Skip(T::kStruct);
    }
  }));
  if (!have) return Corruption("thrift: LogicalType union with no member");
  return Status::Ok();
}

Status ReadSchemaElement(R& r, SchemaElement* e) {
  uint64_t seen = 0;
  SF_TRY(ReadStruct(r, &seen, [&](const H& h, bool* known) -> Status {
    switch (h.id) {
      SF_FIELD(1, &e->type, "SchemaElement");
      SF_FIELD(2, &e->type_length, "SchemaElement");
      SF_FIELD(3, &e->repetition_type, "SchemaElement");
      SF_FIELD(4, &e->name, "SchemaElement");
      SF_FIELD(5, &e->num_children, "SchemaElement");
      SF_FIELD(6, &e->converted_type, "SchemaElement");
      SF_FIELD(7, &e->scale, "SchemaElement");
      SF_FIELD(8, &e->precision, "SchemaElement");
      SF_FIELD(9, &e->field_id, "SchemaElement");
      case 10: {
        if (h.type != T::kStruct) return WrongType(h, "SchemaElement");
        *known = true;
        LogicalType t;
        SF_TRY(ReadLogicalType(r, &t));
        e->logical_type = t;
        return Status::Ok();
      }
      default:
        return Status::Ok();
    }
  }));
  return Require(seen, {4}, "SchemaElement");
}

Status ReadKeyValues(R& r, const H& h, std::vector<KeyValue>* out) {
  return ReadList(r, h, T::kStruct, "KeyValue", sizeof(KeyValue), [&](uint32_t) -> Status {
    KeyValue kv;
    uint64_t seen = 0;
    SF_TRY(ReadStruct(r, &seen, [&](const H& f, bool* known) -> Status {
      switch (f.id) {
        case 1:
          *known = true;
          return Get(r, f, "KeyValue", &kv.key);
        case 2:
          *known = true;
          return Get(r, f, "KeyValue", &kv.value);
        default:
          return Status::Ok();
      }
    }));
    SF_TRY(Require(seen, {1}, "KeyValue"));
    out->push_back(std::move(kv));
    return Status::Ok();
  });
}

Status ReadI64List(R& r, const H& h, std::vector<int64_t>* out) {
  return ReadList(r, h, T::kI64, "i64", sizeof(int64_t), [&](uint32_t) -> Status {
    int64_t v = 0;
    SF_TRY(r.ReadI64(&v));
    out->push_back(v);
    return Status::Ok();
  });
}

Status ReadSizeStatistics(R& r, SizeStatistics* s) {
  uint64_t seen = 0;
  return ReadStruct(r, &seen, [&](const H& h, bool* known) -> Status {
    switch (h.id) {
      SF_FIELD(1, &s->unencoded_byte_array_data_bytes, "SizeStatistics");
      case 2:
        *known = true;
        s->has_repetition_level_histogram = true;
        return ReadI64List(r, h, &s->repetition_level_histogram);
      case 3:
        *known = true;
        s->has_definition_level_histogram = true;
        return ReadI64List(r, h, &s->definition_level_histogram);
      default:
        return Status::Ok();
    }
  });
}

Status ReadColumnMetaData(R& r, ColumnMetaData* m) {
  uint64_t seen = 0;
  SF_TRY(ReadStruct(r, &seen, [&](const H& h, bool* known) -> Status {
    switch (h.id) {
      SF_FIELD(1, &m->type, "ColumnMetaData");
      case 2:
        *known = true;
        return ReadList(r, h, T::kI32, "encodings", sizeof(Encoding), [&](uint32_t) -> Status {
          int32_t v = 0;
          SF_TRY(r.ReadI32(&v));
          m->encodings.push_back(static_cast<Encoding>(v));
          return Status::Ok();
        });
      case 3:
        *known = true;
        return ReadList(r, h, T::kBinary, "path_in_schema", sizeof(std::string),
                        [&](uint32_t) -> Status {
                          std::string_view s;
                          SF_TRY(r.ReadBinary(&s));
                          m->path_in_schema.emplace_back(s);
                          return Status::Ok();
                        });
        SF_FIELD(4, &m->codec, "ColumnMetaData");
        SF_FIELD(5, &m->num_values, "ColumnMetaData");
        SF_FIELD(6, &m->total_uncompressed_size, "ColumnMetaData");
        SF_FIELD(7, &m->total_compressed_size, "ColumnMetaData");
      case 8:
        *known = true;
        m->has_key_value_metadata = true;
        return ReadKeyValues(r, h, &m->key_value_metadata);
        SF_FIELD(9, &m->data_page_offset, "ColumnMetaData");
        SF_FIELD(10, &m->index_page_offset, "ColumnMetaData");
        SF_FIELD(11, &m->dictionary_page_offset, "ColumnMetaData");
      case 12: {
        if (h.type != T::kStruct) return WrongType(h, "ColumnMetaData");
        *known = true;
        m->statistics.emplace();
        return ReadStatistics(r, &*m->statistics);
      }
      case 13:
        *known = true;
        m->has_encoding_stats = true;
        return ReadList(r, h, T::kStruct, "PageEncodingStats", sizeof(PageEncodingStats),
                        [&](uint32_t) -> Status {
                          PageEncodingStats s;
                          uint64_t inner = 0;
                          SF_TRY(ReadStruct(r, &inner, [&](const H& f, bool* k) -> Status {
                            switch (f.id) {
                              case 1:
                                *k = true;
                                return Get(r, f, "PageEncodingStats", &s.page_type);
                              case 2:
                                *k = true;
                                return Get(r, f, "PageEncodingStats", &s.encoding);
                              case 3:
                                *k = true;
                                return Get(r, f, "PageEncodingStats", &s.count);
                              default:
                                return Status::Ok();
                            }
                          }));
                          m->encoding_stats.push_back(s);
                          return Status::Ok();
                        });
        SF_FIELD(14, &m->bloom_filter_offset, "ColumnMetaData");
        SF_FIELD(15, &m->bloom_filter_length, "ColumnMetaData");
      case 16: {
        if (h.type != T::kStruct) return WrongType(h, "ColumnMetaData");
        *known = true;
        m->size_statistics.emplace();
        return ReadSizeStatistics(r, &*m->size_statistics);
      }
      default:
        return Status::Ok();
    }
  }));
  return Require(seen, {1, 2, 3, 4, 5, 6, 7, 9}, "ColumnMetaData");
}

Status ReadColumnChunk(R& r, ColumnChunk* c) {
  uint64_t seen = 0;
  return ReadStruct(r, &seen, [&](const H& h, bool* known) -> Status {
    switch (h.id) {
      SF_FIELD(1, &c->file_path, "ColumnChunk");
      SF_FIELD(2, &c->file_offset, "ColumnChunk");
      case 3: {
        if (h.type != T::kStruct) return WrongType(h, "ColumnChunk");
        *known = true;
        c->meta_data.emplace();
        return ReadColumnMetaData(r, &*c->meta_data);
      }
        SF_FIELD(4, &c->offset_index_offset, "ColumnChunk");
        SF_FIELD(5, &c->offset_index_length, "ColumnChunk");
        SF_FIELD(6, &c->column_index_offset, "ColumnChunk");
        SF_FIELD(7, &c->column_index_length, "ColumnChunk");
      case 8:
      case 9:
        c->has_crypto_metadata = true;
        return Status::Ok();  // skipped by ReadStruct
      default:
        return Status::Ok();
    }
  });
}

Status ReadRowGroup(R& r, RowGroup* g) {
  uint64_t seen = 0;
  SF_TRY(ReadStruct(r, &seen, [&](const H& h, bool* known) -> Status {
    switch (h.id) {
      case 1:
        *known = true;
        return ReadList(r, h, T::kStruct, "ColumnChunk", sizeof(ColumnChunk),
                        [&](uint32_t) -> Status {
                          g->columns.emplace_back();
                          return ReadColumnChunk(r, &g->columns.back());
                        });
        SF_FIELD(2, &g->total_byte_size, "RowGroup");
        SF_FIELD(3, &g->num_rows, "RowGroup");
      case 4:
        *known = true;
        g->has_sorting_columns = true;
        return ReadList(r, h, T::kStruct, "SortingColumn", sizeof(SortingColumn),
                        [&](uint32_t) -> Status {
                          SortingColumn s;
                          uint64_t inner = 0;
                          SF_TRY(ReadStruct(r, &inner, [&](const H& f, bool* k) -> Status {
                            switch (f.id) {
                              case 1:
                                *k = true;
                                return Get(r, f, "SortingColumn", &s.column_idx);
                              case 2:
                                *k = true;
                                return Get(r, f, "SortingColumn", &s.descending);
                              case 3:
                                *k = true;
                                return Get(r, f, "SortingColumn", &s.nulls_first);
                              default:
                                return Status::Ok();
                            }
                          }));
                          g->sorting_columns.push_back(s);
                          return Status::Ok();
                        });
        SF_FIELD(5, &g->file_offset, "RowGroup");
        SF_FIELD(6, &g->total_compressed_size, "RowGroup");
        SF_FIELD(7, &g->ordinal, "RowGroup");
      default:
        return Status::Ok();
    }
  }));
  return Require(seen, {1, 2, 3}, "RowGroup");
}

Status ReadFileMetaData(R& r, FileMetaData* f) {
  uint64_t seen = 0;
  SF_TRY(ReadStruct(r, &seen, [&](const H& h, bool* known) -> Status {
    switch (h.id) {
      SF_FIELD(1, &f->version, "FileMetaData");
      case 2:
        *known = true;
        return ReadList(r, h, T::kStruct, "SchemaElement", sizeof(SchemaElement),
                        [&](uint32_t) -> Status {
                          f->schema.emplace_back();
                          return ReadSchemaElement(r, &f->schema.back());
                        });
        SF_FIELD(3, &f->num_rows, "FileMetaData");
      case 4:
        *known = true;
        return ReadList(r, h, T::kStruct, "RowGroup", sizeof(RowGroup), [&](uint32_t) -> Status {
          f->row_groups.emplace_back();
          return ReadRowGroup(r, &f->row_groups.back());
        });
      case 5:
        *known = true;
        f->has_key_value_metadata = true;
        return ReadKeyValues(r, h, &f->key_value_metadata);
        SF_FIELD(6, &f->created_by, "FileMetaData");
      case 7:
        *known = true;
        f->has_column_orders = true;
        return ReadList(r, h, T::kStruct, "ColumnOrder", sizeof(ColumnOrder),
                        [&](uint32_t) -> Status {
                          ColumnOrder o;
                          SF_TRY(ReadEmptyUnion(r, &o.kind));
                          f->column_orders.push_back(o);
                          return Status::Ok();
                        });
      case 8:
        f->has_encryption_algorithm = true;
        return Status::Ok();  // skipped by ReadStruct
      default:
        return Status::Ok();
    }
  }));
  return Require(seen, {1, 2, 3, 4}, "FileMetaData");
}

}  // namespace

void SerializeFileMetaData(const FileMetaData& value, std::vector<uint8_t>* out) {
  SerializeTop(value, out, WriteFileMetaData);
}
void SerializeColumnMetaData(const ColumnMetaData& value, std::vector<uint8_t>* out) {
  SerializeTop(value, out, WriteColumnMetaData);
}
Result<FileMetaData> DeserializeFileMetaData(std::span<const uint8_t> data) {
  auto r = DeserializeTop<FileMetaData>(data, nullptr, ReadFileMetaData);
  if (!r.ok()) return r.status().WithContext("decoding the footer");
  return r;
}

Result<ColumnMetaData> DeserializeColumnMetaData(std::span<const uint8_t> data) {
  return DeserializeTop<ColumnMetaData>(data, nullptr, ReadColumnMetaData);
}

}  // namespace salesflow::parquet
