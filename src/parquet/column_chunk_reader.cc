#include "parquet/column_chunk_reader.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

#include "parquet/compression.h"
#include "parquet/file_metadata_thrift.h"
#include "parquet/plain_decoding.h"
#include "parquet/rle_bit_packed.h"

namespace salesflow::parquet {
namespace {

uint32_t LoadLE32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// The deprecated BIT_PACKED level encoding: values packed most significant bit first.
Status DecodeBitPackedLevels(std::span<const uint8_t> data, int bit_width, size_t n, int16_t* out,
                             size_t* consumed) {
  const uint64_t bits = static_cast<uint64_t>(n) * static_cast<uint64_t>(bit_width);
  const size_t bytes = static_cast<size_t>((bits + 7) / 8);
  if (bytes > data.size()) return Corruption("BIT_PACKED levels run past the page");
  uint64_t bit = 0;
  for (size_t i = 0; i < n; ++i) {
    int v = 0;
    for (int b = 0; b < bit_width; ++b, ++bit) {
      v = (v << 1) | ((data[static_cast<size_t>(bit >> 3)] >> (7 - (bit & 7))) & 1);
    }
    out[i] = static_cast<int16_t>(v);
  }
  *consumed = bytes;
  return Status::Ok();
}

// Decodes `n` levels at the start of `data` and checks each is <= max_level. With
// `length_prefixed` (DataPage V1 RLE) the hybrid data carries a 4-byte length; otherwise
// (V2) all of `data` is the level section.
Status DecodeLevels(std::span<const uint8_t> data, Encoding encoding, bool length_prefixed,
                    int16_t max_level, size_t n, int16_t* out, size_t* consumed, const char* what) {
  const int bit_width = BitWidthFor(static_cast<uint64_t>(max_level));
  if (encoding == Encoding::kRle) {
    std::span<const uint8_t> body = data;
    size_t prefix = 0;
    if (length_prefixed) {
      if (data.size() < 4) return Corruption(std::string(what) + " levels: missing length");
      const uint32_t len = LoadLE32(data.data());
      if (len > data.size() - 4) {
        return Corruption(std::string(what) + " levels: length " + std::to_string(len) +
                          " runs past the page");
      }
      body = data.subspan(4, len);
      prefix = 4;
    }
    RleBitPackedDecoder decoder(body, bit_width);
    SF_RETURN_IF_ERROR(decoder.Decode(out, n).WithContext(std::string(what) + " levels"));
    *consumed = prefix + body.size();
  } else if (encoding == Encoding::kBitPacked) {
    SF_RETURN_IF_ERROR(DecodeBitPackedLevels(data, bit_width, n, out, consumed));
  } else {
    return Unsupported("unsupported: " + std::string(EncodingName(encoding)) + " encoding of " +
                       what + " levels");
  }
  int16_t seen_max = 0;
  int16_t seen_min = 0;
  for (size_t i = 0; i < n; ++i) {
    seen_max = std::max(seen_max, out[i]);
    seen_min = std::min(seen_min, out[i]);
  }
  if (seen_max > max_level || seen_min < 0) {
    return Corruption(std::string(what) + " level " + std::to_string(seen_max) +
                      " above the column's maximum " + std::to_string(max_level));
  }
  return Status::Ok();
}

// Decodes the pages of one chunk; one instance per ReadColumnChunk call.
class PageDecoder {
 public:
  PageDecoder(const LeafInfo& leaf, const ReadLimits& limits, Codec* codec, ColumnChunkData* out)
      : leaf_(leaf), limits_(limits), codec_(codec), out_(out), width_(FixedValueWidth(leaf)) {}

  Status Page(const PageHeader& header, std::span<const uint8_t> body, bool body_is_stable);

 private:
  Status Dictionary(const PageHeader& header, std::span<const uint8_t> body, bool stable);
  Status DataV1(const PageHeader& header, std::span<const uint8_t> body, bool stable);
  Status DataV2(const PageHeader& header, std::span<const uint8_t> body, bool stable);
  // Decompresses `compressed` into a buffer of `size` bytes; the returned span stays valid
  // for the rest of the chunk.
  Result<std::span<const uint8_t>> Decompress(std::span<const uint8_t> compressed, int64_t size,
                                              bool stable);
  // Appends `levels` new level slots and returns their start.
  Status GrowLevels(int64_t count, size_t* first);
  Status Values(Encoding encoding, std::span<const uint8_t> data, size_t n);
  Status DictionaryIndices(std::span<const uint8_t> data, size_t n);

  const LeafInfo& leaf_;
  const ReadLimits& limits_;
  Codec* codec_;
  ColumnChunkData* out_;
  size_t width_;
  bool have_dictionary_ = false;
  bool saw_data_page_ = false;
  size_t dict_count_ = 0;
  std::vector<uint8_t> dict_fixed_;
  std::vector<std::string_view> dict_binary_;
  std::vector<uint32_t> indices_;
};

Result<std::span<const uint8_t>> PageDecoder::Decompress(std::span<const uint8_t> compressed,
                                                         int64_t size, bool stable) {
  if (size < 0 || static_cast<uint64_t>(size) > limits_.max_page_bytes) {
    return Corruption("uncompressed size " + std::to_string(size) + " out of bounds");
  }
  if (codec_->codec() == CompressionCodec::kUncompressed && stable) {
    if (compressed.size() != static_cast<size_t>(size)) {
      return Corruption("uncompressed page of " + std::to_string(compressed.size()) +
                        " bytes, header says " + std::to_string(size));
    }
    return compressed;
  }
  std::vector<uint8_t>& buffer = out_->NewBuffer(static_cast<size_t>(size));
  SF_RETURN_IF_ERROR(codec_->Decompress(compressed, buffer));
  return std::span<const uint8_t>(buffer);
}

Status PageDecoder::GrowLevels(int64_t count, size_t* first) {
  if (count < 0) return Corruption("negative value count " + std::to_string(count));
  const uint64_t total = static_cast<uint64_t>(out_->num_levels) + static_cast<uint64_t>(count);
  if (total > limits_.max_chunk_values) {
    return Corruption("column chunk holds more than " + std::to_string(limits_.max_chunk_values) +
                      " values (reader limit)");
  }
  *first = out_->num_levels;
  out_->num_levels = static_cast<size_t>(total);
  if (leaf_.max_def > 0) out_->def_levels.resize(out_->num_levels);
  if (leaf_.max_rep > 0) out_->rep_levels.resize(out_->num_levels);
  return Status::Ok();
}

Status PageDecoder::Page(const PageHeader& header, std::span<const uint8_t> body, bool stable) {
  switch (header.type) {
    case PageType::kDictionaryPage:
      return Dictionary(header, body, stable);
    case PageType::kDataPage:
      saw_data_page_ = true;
      return DataV1(header, body, stable);
    case PageType::kDataPageV2:
      saw_data_page_ = true;
      return DataV2(header, body, stable);
    case PageType::kIndexPage:
      return Status::Ok();  // never written in practice; nothing to decode
  }
  return Status::Ok();  // unknown page types are skipped, as parquet-format allows
}

Status PageDecoder::Dictionary(const PageHeader& header, std::span<const uint8_t> body,
                               bool stable) {
  if (!header.dictionary_page_header) return Corruption("dictionary page without its header");
  if (have_dictionary_ || saw_data_page_) return Corruption("dictionary page after data");
  const DictionaryPageHeader& dict = *header.dictionary_page_header;
  if (dict.encoding != Encoding::kPlain && dict.encoding != Encoding::kPlainDictionary) {
    return Unsupported("unsupported: " + std::string(EncodingName(dict.encoding)) +
                       " dictionary page encoding");
  }
  if (dict.num_values < 0) {
    return Corruption("dictionary of " + std::to_string(dict.num_values) + " values");
  }
  SF_ASSIGN_OR_RETURN(std::span<const uint8_t> data,
                      Decompress(body, header.uncompressed_page_size, stable));
  const size_t n = static_cast<size_t>(dict.num_values);
  if (leaf_.physical_type == Type::kByteArray) {
    if (n > data.size() / 4) return Corruption("dictionary of " + std::to_string(n) + " values");
    dict_binary_.resize(n);
    SF_ASSIGN_OR_RETURN(size_t used, DecodePlainByteArray(data, n, dict_binary_.data()));
    (void)used;
  } else if (leaf_.physical_type == Type::kBoolean) {
    if (n > data.size() * 8) return Corruption("dictionary of " + std::to_string(n) + " values");
    dict_fixed_.resize(n);
    SF_ASSIGN_OR_RETURN(size_t used, DecodePlainBoolean(data, n, dict_fixed_.data()));
    (void)used;
  } else {
    if (n > data.size() / width_) {
      return Corruption("dictionary of " + std::to_string(n) + " values in " +
                        std::to_string(data.size()) + " bytes");
    }
    dict_fixed_.resize(n * width_);
    SF_ASSIGN_OR_RETURN(size_t used, DecodePlainFixed(data, n, width_, dict_fixed_.data()));
    (void)used;
  }
  dict_count_ = n;
  have_dictionary_ = true;
  return Status::Ok();
}

Status PageDecoder::DataV1(const PageHeader& header, std::span<const uint8_t> body, bool stable) {
  if (!header.data_page_header) return Corruption("data page without its header");
  const DataPageHeader& h = *header.data_page_header;
  size_t first = 0;
  SF_RETURN_IF_ERROR(GrowLevels(h.num_values, &first));
  const size_t n = static_cast<size_t>(h.num_values);
  SF_ASSIGN_OR_RETURN(std::span<const uint8_t> data,
                      Decompress(body, header.uncompressed_page_size, stable));
  size_t pos = 0;
  if (leaf_.max_rep > 0) {
    size_t used = 0;
    SF_RETURN_IF_ERROR(DecodeLevels(data, h.repetition_level_encoding, true, leaf_.max_rep, n,
                                    out_->rep_levels.data() + first, &used, "repetition"));
    pos += used;
  }
  size_t present = n;
  if (leaf_.max_def > 0) {
    size_t used = 0;
    int16_t* defs = out_->def_levels.data() + first;
    SF_RETURN_IF_ERROR(DecodeLevels(data.subspan(pos), h.definition_level_encoding, true,
                                    leaf_.max_def, n, defs, &used, "definition"));
    pos += used;
    present = static_cast<size_t>(std::count(defs, defs + n, leaf_.max_def));
  }
  return Values(h.encoding, data.subspan(pos), present);
}

Status PageDecoder::DataV2(const PageHeader& header, std::span<const uint8_t> body, bool stable) {
  if (!header.data_page_header_v2) return Corruption("data page v2 without its header");
  const DataPageHeaderV2& h = *header.data_page_header_v2;
  if (h.repetition_levels_byte_length < 0 || h.definition_levels_byte_length < 0) {
    return Corruption("negative level section length");
  }
  const uint64_t levels_bytes = static_cast<uint64_t>(h.repetition_levels_byte_length) +
                                static_cast<uint64_t>(h.definition_levels_byte_length);
  if (levels_bytes > body.size() || header.uncompressed_page_size < 0 ||
      levels_bytes > static_cast<uint64_t>(header.uncompressed_page_size)) {
    return Corruption("level sections of " + std::to_string(levels_bytes) +
                      " bytes exceed the page");
  }
  size_t first = 0;
  SF_RETURN_IF_ERROR(GrowLevels(h.num_values, &first));
  const size_t n = static_cast<size_t>(h.num_values);
  const auto rep_bytes = body.first(static_cast<size_t>(h.repetition_levels_byte_length));
  const auto def_bytes =
      body.subspan(rep_bytes.size(), static_cast<size_t>(h.definition_levels_byte_length));
  size_t used = 0;
  if (leaf_.max_rep > 0) {
    SF_RETURN_IF_ERROR(DecodeLevels(rep_bytes, Encoding::kRle, false, leaf_.max_rep, n,
                                    out_->rep_levels.data() + first, &used, "repetition"));
  }
  size_t present = n;
  if (leaf_.max_def > 0) {
    int16_t* defs = out_->def_levels.data() + first;
    SF_RETURN_IF_ERROR(DecodeLevels(def_bytes, Encoding::kRle, false, leaf_.max_def, n, defs, &used,
                                    "definition"));
    present = static_cast<size_t>(std::count(defs, defs + n, leaf_.max_def));
  }
  const auto values = body.subspan(static_cast<size_t>(levels_bytes));
  const int64_t values_size = header.uncompressed_page_size - static_cast<int64_t>(levels_bytes);
  std::span<const uint8_t> data;
  if (!h.is_compressed.value_or(true) || values_size == 0) {
    if (values.size() != static_cast<size_t>(values_size) && values_size != 0) {
      return Corruption("uncompressed values of " + std::to_string(values.size()) +
                        " bytes, header says " + std::to_string(values_size));
    }
    data = values_size == 0 ? std::span<const uint8_t>() : values;
    if (!stable && !data.empty()) {
      std::vector<uint8_t>& copy = out_->NewBuffer(data.size());
      std::memcpy(copy.data(), data.data(), data.size());
      data = copy;
    }
  } else {
    SF_ASSIGN_OR_RETURN(data, Decompress(values, values_size, stable));
  }
  return Values(h.encoding, data, present);
}

Status PageDecoder::DictionaryIndices(std::span<const uint8_t> data, size_t n) {
  if (!have_dictionary_) return Corruption("dictionary-encoded page without a dictionary page");
  if (n == 0) return Status::Ok();
  if (data.empty()) return Corruption("dictionary indices: missing bit width");
  const int bit_width = data[0];
  if (bit_width > 32) return Corruption("dictionary index bit width " + std::to_string(bit_width));
  indices_.resize(n);
  RleBitPackedDecoder decoder(data.subspan(1), bit_width);
  SF_RETURN_IF_ERROR(decoder.Decode(indices_.data(), n).WithContext("dictionary indices"));
  const uint32_t max_index = *std::max_element(indices_.begin(), indices_.end());
  if (max_index >= dict_count_) {
    return Corruption("dictionary index " + std::to_string(max_index) + " past the dictionary's " +
                      std::to_string(dict_count_) + " values");
  }
  if (leaf_.physical_type == Type::kByteArray) {
    const size_t start = out_->binary.size();
    out_->binary.resize(start + n);
    std::string_view* dst = out_->binary.data() + start;
    for (size_t i = 0; i < n; ++i) dst[i] = dict_binary_[indices_[i]];
    return Status::Ok();
  }
  const size_t start = out_->fixed.size();
  out_->fixed.resize(start + n * width_);
  uint8_t* dst = out_->fixed.data() + start;
  const uint8_t* dict = dict_fixed_.data();
  switch (width_) {
    case 4:
      for (size_t i = 0; i < n; ++i) std::memcpy(dst + i * 4, dict + size_t{indices_[i]} * 4, 4);
      break;
    case 8:
      for (size_t i = 0; i < n; ++i) std::memcpy(dst + i * 8, dict + size_t{indices_[i]} * 8, 8);
      break;
    default:
      for (size_t i = 0; i < n; ++i) {
        std::memcpy(dst + i * width_, dict + size_t{indices_[i]} * width_, width_);
      }
  }
  return Status::Ok();
}

Status PageDecoder::Values(Encoding encoding, std::span<const uint8_t> data, size_t n) {
  const Type type = leaf_.physical_type;
  const bool binary = type == Type::kByteArray;
  auto grow_fixed = [&]() -> uint8_t* {
    const size_t start = out_->fixed.size();
    out_->fixed.resize(start + n * width_);
    return out_->fixed.data() + start;
  };
  auto unsupported = [&] {
    return Unsupported("unsupported: " + std::string(EncodingName(encoding)) + " encoding for " +
                       std::string(TypeName(type)));
  };
  // Every encoding needs at least a bit per value except RLE runs and bit width 0 (both
  // checked by their decoders); this bounds the allocations below by the page size.
  const bool run_length =
      encoding == Encoding::kRleDictionary || encoding == Encoding::kPlainDictionary ||
      encoding == Encoding::kRle || encoding == Encoding::kDeltaBinaryPacked ||
      encoding == Encoding::kDeltaLengthByteArray || encoding == Encoding::kDeltaByteArray;
  if (!run_length && n > data.size() * 8) {
    return Corruption(std::to_string(n) + " values cannot fit in " + std::to_string(data.size()) +
                      " bytes");
  }
  out_->num_values += n;
  switch (encoding) {
    case Encoding::kPlain: {
      if (binary) {
        const size_t start = out_->binary.size();
        out_->binary.resize(start + n);
        SF_ASSIGN_OR_RETURN(size_t used,
                            DecodePlainByteArray(data, n, out_->binary.data() + start));
        (void)used;
      } else if (type == Type::kBoolean) {
        SF_ASSIGN_OR_RETURN(size_t used, DecodePlainBoolean(data, n, grow_fixed()));
        (void)used;
      } else {
        if (n > data.size() / width_) {
          return Corruption(std::to_string(n) + " PLAIN values need more than the page's " +
                            std::to_string(data.size()) + " bytes");
        }
        SF_ASSIGN_OR_RETURN(size_t used, DecodePlainFixed(data, n, width_, grow_fixed()));
        (void)used;
      }
      return Status::Ok();
    }
    case Encoding::kPlainDictionary:
    case Encoding::kRleDictionary:
      return DictionaryIndices(data, n);
    case Encoding::kRle: {
      if (type != Type::kBoolean) return unsupported();
      if (data.size() < 4) return Corruption("RLE booleans: missing length");
      const uint32_t len = LoadLE32(data.data());
      if (len > data.size() - 4) return Corruption("RLE booleans: length runs past the page");
      RleBitPackedDecoder decoder(data.subspan(4, len), 1);
      return decoder.Decode(grow_fixed(), n).WithContext("RLE booleans");
    }
    case Encoding::kDeltaBinaryPacked: {
      if (type != Type::kInt32 && type != Type::kInt64) return unsupported();
      SF_ASSIGN_OR_RETURN(auto decoder, DeltaBinaryPackedDecoder::Open(data));
      if (n > decoder.total_values()) {
        return Corruption("DELTA_BINARY_PACKED: " + std::to_string(decoder.total_values()) +
                          " values for " + std::to_string(n) + " non-null slots");
      }
      uint8_t* dst = grow_fixed();
      if (type == Type::kInt32) return decoder.Decode(reinterpret_cast<int32_t*>(dst), n);
      return decoder.Decode(reinterpret_cast<int64_t*>(dst), n);
    }
    case Encoding::kDeltaLengthByteArray: {
      if (!binary) return unsupported();
      const size_t start = out_->binary.size();
      out_->binary.resize(start + n);
      return DecodeDeltaLengthByteArray(data, n, out_->binary.data() + start).status();
    }
    case Encoding::kDeltaByteArray: {
      if (!binary && type != Type::kFixedLenByteArray) return unsupported();
      std::vector<std::string_view> views(n);
      SF_ASSIGN_OR_RETURN(size_t used, DecodeDeltaByteArray(data, n, views.data(), &out_->arena,
                                                            limits_.max_rebuilt_bytes));
      (void)used;
      if (binary) {
        out_->binary.insert(out_->binary.end(), views.begin(), views.end());
        return Status::Ok();
      }
      uint8_t* dst = grow_fixed();
      for (size_t i = 0; i < n; ++i) {
        if (views[i].size() != width_) {
          return Corruption("DELTA_BYTE_ARRAY value of " + std::to_string(views[i].size()) +
                            " bytes in a FIXED_LEN_BYTE_ARRAY(" + std::to_string(width_) +
                            ") column");
        }
        std::memcpy(dst + i * width_, views[i].data(), width_);
      }
      return Status::Ok();
    }
    case Encoding::kByteStreamSplit: {
      if (binary || type == Type::kBoolean || type == Type::kInt96) return unsupported();
      if (n > data.size() / width_) return Corruption("BYTE_STREAM_SPLIT: page too short");
      return DecodeByteStreamSplit(data, n, width_, grow_fixed()).status();
    }
    case Encoding::kBitPacked:
      break;
  }
  return unsupported();
}

}  // namespace

bool WriterNeedsParquet816Padding(std::string_view created_by) {
  constexpr std::string_view kApp = "parquet-mr";
  if (created_by.substr(0, kApp.size()) != kApp) return false;
  std::string_view rest = created_by.substr(kApp.size());
  constexpr std::string_view kVersion = " version ";
  if (rest.substr(0, kVersion.size()) != kVersion) return rest.empty();  // no version: old
  rest.remove_prefix(kVersion.size());
  int parts[3] = {0, 0, 0};
  for (int& part : parts) {
    size_t digits = 0;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') {
      part = part * 10 + (rest[digits] - '0');
      if (part > 100000) return false;
      ++digits;
    }
    rest.remove_prefix(digits);
    if (rest.empty() || rest[0] != '.') break;
    rest.remove_prefix(1);
  }
  if (parts[0] != 1) return parts[0] < 1;
  if (parts[1] != 2) return parts[1] < 2;
  return parts[2] < 9;
}

std::vector<uint8_t>& ColumnChunkData::NewBuffer(size_t size) {
  if (pages_used == pages.size()) pages.emplace_back();
  std::vector<uint8_t>& buffer = pages[pages_used++];
  buffer.resize(size);
  return buffer;
}

void ColumnChunkData::Reset() {
  def_levels.clear();
  rep_levels.clear();
  num_levels = 0;
  num_values = 0;
  fixed.clear();
  binary.clear();
  pages_used = 0;
  arena = ByteArena();
}

size_t FixedValueWidth(const LeafInfo& leaf) {
  switch (leaf.physical_type) {
    case Type::kBoolean:
      return 1;
    case Type::kInt32:
    case Type::kFloat:
      return 4;
    case Type::kInt64:
    case Type::kDouble:
      return 8;
    case Type::kInt96:
      return 12;
    case Type::kFixedLenByteArray:
      return leaf.type_length > 0 ? static_cast<size_t>(leaf.type_length) : 0;
    case Type::kByteArray:
      return 0;
  }
  return 0;
}

Status ReadColumnChunk(ByteSource* source, const ColumnMetaData& meta, const LeafInfo& leaf,
                       const ReadLimits& limits, bool parquet_816_padding, ColumnChunkData* out) {
  const std::string where = "column " + leaf.path;
  if (leaf.physical_type == Type::kFixedLenByteArray && FixedValueWidth(leaf) == 0) {
    return Corruption(where + ": FIXED_LEN_BYTE_ARRAY without a positive length");
  }
  if (meta.type != leaf.physical_type) {
    return Corruption(where + ": chunk type " + std::string(TypeName(meta.type)) +
                      " differs from the schema's " + std::string(TypeName(leaf.physical_type)));
  }
  if (meta.num_values == 0) return Status::Ok();  // nothing to read, wherever it claims to be
  int64_t start = meta.data_page_offset;
  // Some writers store dictionary_page_offset 0 for "none"; a real one precedes the data.
  if (meta.dictionary_page_offset && *meta.dictionary_page_offset > 0 &&
      *meta.dictionary_page_offset < start) {
    start = *meta.dictionary_page_offset;
  }
  const uint64_t size = source->size();
  if (start < 0 || meta.total_compressed_size < 0 || static_cast<uint64_t>(start) > size ||
      static_cast<uint64_t>(meta.total_compressed_size) > size - static_cast<uint64_t>(start)) {
    return Corruption(where + ": chunk at offset " + std::to_string(start) + " of " +
                      std::to_string(meta.total_compressed_size) + " bytes lies outside the " +
                      std::to_string(size) + "-byte file");
  }
  if (meta.num_values < 0 || static_cast<uint64_t>(meta.num_values) > limits.max_chunk_values) {
    return Corruption(where + ": " + std::to_string(meta.num_values) + " values (reader limit " +
                      std::to_string(limits.max_chunk_values) + ")");
  }
  SF_ASSIGN_OR_RETURN(std::unique_ptr<Codec> codec, MakeCodec(meta.codec));
  uint64_t length = static_cast<uint64_t>(meta.total_compressed_size);
  if (parquet_816_padding) {
    // parquet-mr <= 1.2.8 left the dictionary page header out of total_compressed_size
    // (PARQUET-816, IMPALA-694); like Arrow, read up to 100 more bytes.
    length += std::min<uint64_t>(100, size - static_cast<uint64_t>(start) - length);
  }
  // Views of uncompressed pages point into the chunk buffer, which lives with `out`.
  // (A span, not the vector: later NewBuffer calls may move the vector object itself.)
  const std::span<uint8_t> chunk(out->NewBuffer(static_cast<size_t>(length)));
  SF_RETURN_IF_ERROR(source->ReadAt(static_cast<uint64_t>(start), chunk).WithContext(where));

  // Reserve for the declared count (bounded above) so appends do not reallocate per page.
  const size_t declared = static_cast<size_t>(meta.num_values);
  if (leaf.max_def > 0) out->def_levels.reserve(declared);
  if (leaf.max_rep > 0) out->rep_levels.reserve(declared);
  // Values too (growing page by page copies and faults in fresh memory), but never more than
  // one per bit of the chunk's uncompressed bytes: a lying count cannot make us reserve much.
  const uint64_t plausible = std::min<uint64_t>(
      declared, static_cast<uint64_t>(std::max<int64_t>(meta.total_uncompressed_size, 0)) * 8);
  const size_t width = FixedValueWidth(leaf);
  if (leaf.physical_type == Type::kByteArray) {
    out->binary.reserve(static_cast<size_t>(plausible));
  } else if (width <= 16) {
    out->fixed.reserve(static_cast<size_t>(plausible) * width);
  }

  PageDecoder decoder(leaf, limits, codec.get(), out);
  size_t pos = 0;
  while (pos < chunk.size()) {
    const std::string page_where =
        where + ", page at offset " + std::to_string(static_cast<uint64_t>(start) + pos);
    size_t header_size = 0;
    auto header = DeserializePageHeader(chunk.subspan(pos), &header_size);
    if (!header.ok()) return header.status().WithContext(page_where);
    if (header->compressed_page_size < 0 ||
        static_cast<size_t>(header->compressed_page_size) > chunk.size() - pos - header_size) {
      return Corruption(page_where + ": page of " + std::to_string(header->compressed_page_size) +
                        " bytes runs past the column chunk");
    }
    const auto body = std::span<const uint8_t>(chunk).subspan(
        pos + header_size, static_cast<size_t>(header->compressed_page_size));
    SF_RETURN_IF_ERROR(decoder.Page(*header, body, /*stable=*/true).WithContext(page_where));
    pos += header_size + body.size();
    // pyarrow and parquet-mr stop at the declared value count; trailing bytes are ignored.
    if (out->num_levels >= declared && declared > 0) break;
  }
  if (out->num_levels != declared) {
    return Corruption(where + ": pages hold " + std::to_string(out->num_levels) +
                      " values, the chunk metadata says " + std::to_string(declared));
  }
  // Every record starts at repetition level 0; anything else cannot be assembled.
  if (leaf.max_rep > 0 && out->num_levels > 0 && out->rep_levels[0] != 0) {
    return Corruption(where + ": the first repetition level is " +
                      std::to_string(out->rep_levels[0]) + ", not 0");
  }
  return Status::Ok();
}

}  // namespace salesflow::parquet
