#include "parquet/file_metadata_thrift.h"

#include <string>

#include "parquet/thrift_compact.h"
#include "parquet/thrift_struct_codec.h"

// Page headers and Statistics (see file_metadata_thrift.h).

namespace salesflow::parquet {

namespace thrift_codec {

void WriteStatistics(W& w, const Statistics& s) {
  if (s.max) w.FieldBinary(1, *s.max);
  if (s.min) w.FieldBinary(2, *s.min);
  if (s.null_count) w.FieldI64(3, *s.null_count);
  if (s.distinct_count) w.FieldI64(4, *s.distinct_count);
  if (s.max_value) w.FieldBinary(5, *s.max_value);
  if (s.min_value) w.FieldBinary(6, *s.min_value);
  if (s.is_max_value_exact) w.FieldBool(7, *s.is_max_value_exact);
  if (s.is_min_value_exact) w.FieldBool(8, *s.is_min_value_exact);
}

Status ReadStatistics(R& r, Statistics* s) {
  uint64_t seen = 0;
  return ReadStruct(r, &seen, [&](const H& h, bool* known) -> Status {
    switch (h.id) {
      SF_FIELD(1, &s->max, "Statistics");
      SF_FIELD(2, &s->min, "Statistics");
      SF_FIELD(3, &s->null_count, "Statistics");
      SF_FIELD(4, &s->distinct_count, "Statistics");
      SF_FIELD(5, &s->max_value, "Statistics");
      SF_FIELD(6, &s->min_value, "Statistics");
      SF_FIELD(7, &s->is_max_value_exact, "Statistics");
      SF_FIELD(8, &s->is_min_value_exact, "Statistics");
      default:
        return Status::Ok();
    }
  });
}

}  // namespace thrift_codec

namespace {

using namespace thrift_codec;  // NOLINT: the struct codec vocabulary

void WritePageHeader(W& w, const PageHeader& p) {
  w.FieldI32(1, static_cast<int32_t>(p.type));
  w.FieldI32(2, p.uncompressed_page_size);
  w.FieldI32(3, p.compressed_page_size);
  if (p.crc) w.FieldI32(4, *p.crc);
  if (p.data_page_header) {
    const DataPageHeader& d = *p.data_page_header;
    w.FieldStructBegin(5);
    w.FieldI32(1, d.num_values);
    w.FieldI32(2, static_cast<int32_t>(d.encoding));
    w.FieldI32(3, static_cast<int32_t>(d.definition_level_encoding));
    w.FieldI32(4, static_cast<int32_t>(d.repetition_level_encoding));
    if (d.statistics) {
      w.FieldStructBegin(5);
      WriteStatistics(w, *d.statistics);
      w.StructEnd();
    }
    w.StructEnd();
  }
  if (p.dictionary_page_header) {
    const DictionaryPageHeader& d = *p.dictionary_page_header;
    w.FieldStructBegin(7);
    w.FieldI32(1, d.num_values);
    w.FieldI32(2, static_cast<int32_t>(d.encoding));
    if (d.is_sorted) w.FieldBool(3, *d.is_sorted);
    w.StructEnd();
  }
  if (p.data_page_header_v2) {
    const DataPageHeaderV2& d = *p.data_page_header_v2;
    w.FieldStructBegin(8);
    w.FieldI32(1, d.num_values);
    w.FieldI32(2, d.num_nulls);
    w.FieldI32(3, d.num_rows);
    w.FieldI32(4, static_cast<int32_t>(d.encoding));
    w.FieldI32(5, d.definition_levels_byte_length);
    w.FieldI32(6, d.repetition_levels_byte_length);
    if (d.is_compressed) w.FieldBool(7, *d.is_compressed);
    if (d.statistics) {
      w.FieldStructBegin(8);
      WriteStatistics(w, *d.statistics);
      w.StructEnd();
    }
    w.StructEnd();
  }
}

Status ReadDataPageHeader(R& r, DataPageHeader* d) {
  uint64_t seen = 0;
  SF_TRY(ReadStruct(r, &seen, [&](const H& h, bool* known) -> Status {
    switch (h.id) {
      SF_FIELD(1, &d->num_values, "DataPageHeader");
      SF_FIELD(2, &d->encoding, "DataPageHeader");
      SF_FIELD(3, &d->definition_level_encoding, "DataPageHeader");
      SF_FIELD(4, &d->repetition_level_encoding, "DataPageHeader");
      case 5:
        if (h.type != T::kStruct) return WrongType(h, "DataPageHeader");
        *known = true;
        d->statistics.emplace();
        return ReadStatistics(r, &*d->statistics);
      default:
        return Status::Ok();
    }
  }));
  return Require(seen, {1, 2, 3, 4}, "DataPageHeader");
}

Status ReadDictionaryPageHeader(R& r, DictionaryPageHeader* d) {
  uint64_t seen = 0;
  SF_TRY(ReadStruct(r, &seen, [&](const H& h, bool* known) -> Status {
    switch (h.id) {
      SF_FIELD(1, &d->num_values, "DictionaryPageHeader");
      SF_FIELD(2, &d->encoding, "DictionaryPageHeader");
      SF_FIELD(3, &d->is_sorted, "DictionaryPageHeader");
      default:
        return Status::Ok();
    }
  }));
  return Require(seen, {1, 2}, "DictionaryPageHeader");
}

Status ReadDataPageHeaderV2(R& r, DataPageHeaderV2* d) {
  uint64_t seen = 0;
  SF_TRY(ReadStruct(r, &seen, [&](const H& h, bool* known) -> Status {
    switch (h.id) {
      SF_FIELD(1, &d->num_values, "DataPageHeaderV2");
      SF_FIELD(2, &d->num_nulls, "DataPageHeaderV2");
      SF_FIELD(3, &d->num_rows, "DataPageHeaderV2");
      SF_FIELD(4, &d->encoding, "DataPageHeaderV2");
      SF_FIELD(5, &d->definition_levels_byte_length, "DataPageHeaderV2");
      SF_FIELD(6, &d->repetition_levels_byte_length, "DataPageHeaderV2");
      SF_FIELD(7, &d->is_compressed, "DataPageHeaderV2");
      case 8:
        if (h.type != T::kStruct) return WrongType(h, "DataPageHeaderV2");
        *known = true;
        d->statistics.emplace();
        return ReadStatistics(r, &*d->statistics);
      default:
        return Status::Ok();
    }
  }));
  return Require(seen, {1, 2, 3, 4, 5, 6}, "DataPageHeaderV2");
}

Status ReadPageHeader(R& r, PageHeader* p) {
  uint64_t seen = 0;
  SF_TRY(ReadStruct(r, &seen, [&](const H& h, bool* known) -> Status {
    switch (h.id) {
      SF_FIELD(1, &p->type, "PageHeader");
      SF_FIELD(2, &p->uncompressed_page_size, "PageHeader");
      SF_FIELD(3, &p->compressed_page_size, "PageHeader");
      SF_FIELD(4, &p->crc, "PageHeader");
      case 5:
        if (h.type != T::kStruct) return WrongType(h, "PageHeader");
        *known = true;
        p->data_page_header.emplace();
        return ReadDataPageHeader(r, &*p->data_page_header);
      case 7:
        if (h.type != T::kStruct) return WrongType(h, "PageHeader");
        *known = true;
        p->dictionary_page_header.emplace();
        return ReadDictionaryPageHeader(r, &*p->dictionary_page_header);
      case 8:
        if (h.type != T::kStruct) return WrongType(h, "PageHeader");
        *known = true;
        p->data_page_header_v2.emplace();
        return ReadDataPageHeaderV2(r, &*p->data_page_header_v2);
      default:
        return Status::Ok();
    }
  }));
  SF_TRY(Require(seen, {1, 2, 3}, "PageHeader"));
  if (p->uncompressed_page_size < 0 || p->compressed_page_size < 0) {
    return Corruption("thrift: negative page size");
  }
  return Status::Ok();
}

}  // namespace

void SerializePageHeader(const PageHeader& value, std::vector<uint8_t>* out) {
  SerializeTop(value, out, WritePageHeader);
}
void SerializeStatistics(const Statistics& value, std::vector<uint8_t>* out) {
  SerializeTop(value, out, WriteStatistics);
}

Result<PageHeader> DeserializePageHeader(std::span<const uint8_t> data, size_t* header_size) {
  auto r = DeserializeTop<PageHeader>(data, header_size, ReadPageHeader);
  if (!r.ok()) return r.status().WithContext("decoding a page header");
  return r;
}

Result<Statistics> DeserializeStatistics(std::span<const uint8_t> data) {
  return DeserializeTop<Statistics>(data, nullptr, ReadStatistics);
}

}  // namespace salesflow::parquet
