#include "parquet/column_writer.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>
#include <string>

#include "parquet/file_metadata_thrift.h"
#include "parquet/rle_bit_packed.h"

namespace salesflow::parquet {

ColumnChunkWriter::ColumnChunkWriter(const LeafColumn& leaf, const ColumnWriterOptions& options,
                                     Codec* codec)
    : leaf_(leaf),
      options_(options),
      codec_(codec),
      type_(leaf.field->physical),
      use_dictionary_(options.dictionary && leaf.field->physical != Type::kBoolean),
      chunk_stats_(*leaf.field),
      file_stats_(*leaf.field) {}

void ColumnChunkWriter::StartChunk() {
  use_dictionary_ = options_.dictionary && type_ != Type::kBoolean;
  dictionary_pages_ = false;
  dict32_.Clear();
  dict64_.Clear();
  dict_binary_.Clear();
  pages_.clear();
  num_values_ = uncompressed_bytes_ = compressed_bytes_ = 0;
  dictionary_data_pages_ = plain_data_pages_ = 0;
  chunk_stats_.Reset();
}

// ---------------------------------------------------------------- values

template <typename T, typename U>
void ColumnChunkWriter::AddFixed(const T* values, int64_t n) {
  static_assert(sizeof(T) == sizeof(U));
  if (n <= 0) return;
  if (use_dictionary_) {
    auto& dict = [this]() -> FixedDictionary<U>& {
      if constexpr (sizeof(U) == 4) {
        return dict32_;
      } else {
        return dict64_;
      }
    }();
    size_t base = indices_.size();
    indices_.resize(base + static_cast<size_t>(n));
    uint32_t* out = indices_.data() + base;
    for (int64_t i = 0; i < n; ++i) {
      U key;
      std::memcpy(&key, &values[i], sizeof(U));
      bool inserted;
      out[i] = dict.GetOrInsert(key, &inserted);
      if (inserted && options_.statistics) {
        if constexpr (std::is_same_v<T, int32_t>) chunk_stats_.UpdateInt32(&values[i], 1);
        if constexpr (std::is_same_v<T, int64_t>) chunk_stats_.UpdateInt64(&values[i], 1);
        if constexpr (std::is_same_v<T, float>) chunk_stats_.UpdateFloat(&values[i], 1);
        if constexpr (std::is_same_v<T, double>) chunk_stats_.UpdateDouble(&values[i], 1);
      }
    }
    return;
  }
  size_t base = plain_.size();
  plain_.resize(base + static_cast<size_t>(n) * sizeof(T));
  std::memcpy(plain_.data() + base, values, static_cast<size_t>(n) * sizeof(T));
  if (options_.statistics) {
    if constexpr (std::is_same_v<T, int32_t>) chunk_stats_.UpdateInt32(values, n);
    if constexpr (std::is_same_v<T, int64_t>) chunk_stats_.UpdateInt64(values, n);
    if constexpr (std::is_same_v<T, float>) chunk_stats_.UpdateFloat(values, n);
    if constexpr (std::is_same_v<T, double>) chunk_stats_.UpdateDouble(values, n);
  }
}

void ColumnChunkWriter::AddBinary(std::string_view v) {
  if (use_dictionary_) {
    bool inserted;
    indices_.push_back(dict_binary_.GetOrInsert(v, &inserted));
    if (inserted && options_.statistics) chunk_stats_.UpdateBinary(v);
    return;
  }
  if (type_ == Type::kByteArray) {
    auto len = static_cast<uint32_t>(v.size());
    uint8_t prefix[4];
    std::memcpy(prefix, &len, 4);
    plain_.insert(plain_.end(), prefix, prefix + 4);
  }
  plain_.insert(plain_.end(), v.begin(), v.end());
  if (options_.statistics) chunk_stats_.UpdateBinary(v);
}

// The hot path of string columns: no per-value calls beyond the inlined dictionary probe.
void ColumnChunkWriter::AddBinaryRunToDictionary(const Column& column, int64_t begin, int64_t end) {
  const int64_t* off = column.offsets.data();
  const char* base = reinterpret_cast<const char*>(column.bytes.data());
  size_t at = indices_.size();
  indices_.resize(at + static_cast<size_t>(end - begin));
  uint32_t* out = indices_.data() + at;
  bool stats = options_.statistics;
  for (int64_t i = begin; i < end; ++i) {
    std::string_view v(base + off[i], static_cast<size_t>(off[i + 1] - off[i]));
    bool inserted;
    *out++ = dict_binary_.GetOrInsert(v, &inserted);
    if (inserted && stats) chunk_stats_.UpdateBinary(v);
  }
}

void ColumnChunkWriter::AddBool(bool v) {
  bools_.push_back(v ? 1 : 0);
  if (options_.statistics) chunk_stats_.UpdateBool(v);
}

template <typename T>
static void Gather(const std::vector<T>& src, std::span<const int64_t> slots, std::vector<T>* out) {
  out->resize(slots.size());
  for (size_t i = 0; i < slots.size(); ++i) (*out)[i] = src[static_cast<size_t>(slots[i])];
}

void ColumnChunkWriter::AddSelectedAny(const Column& column, std::span<const int64_t> slots) {
  switch (column.storage) {
    case ColumnStorage::kInt32:
      Gather(column.i32, slots, &gather32_);
      AddFixed<int32_t, uint32_t>(gather32_.data(), static_cast<int64_t>(gather32_.size()));
      break;
    case ColumnStorage::kInt64:
      Gather(column.i64, slots, &gather64_);
      AddFixed<int64_t, uint64_t>(gather64_.data(), static_cast<int64_t>(gather64_.size()));
      break;
    case ColumnStorage::kFloat:
      Gather(column.f32, slots, &gatherf_);
      AddFixed<float, uint32_t>(gatherf_.data(), static_cast<int64_t>(gatherf_.size()));
      break;
    case ColumnStorage::kDouble:
      Gather(column.f64, slots, &gatherd_);
      AddFixed<double, uint64_t>(gatherd_.data(), static_cast<int64_t>(gatherd_.size()));
      break;
    case ColumnStorage::kBool:
      for (int64_t s : slots) AddBool(column.bools[static_cast<size_t>(s)] != 0);
      break;
    case ColumnStorage::kBinary:
    case ColumnStorage::kFixed:
      for (int64_t s : slots) AddBinary(column.BinaryAt(s));
      break;
    default:
      break;  // not a leaf: Validate() rejected it
  }
}

// ---------------------------------------------------------------- entry points

Status ColumnChunkWriter::WriteFlat(const Column& column, int64_t begin, int64_t end) {
  int64_t n = end - begin;
  if (n <= 0) return Status::Ok();
  int64_t nulls = 0;
  bool has_validity = !column.validity.empty();
  if (has_validity) {
    const uint8_t* v = column.validity.data() + begin;
    for (int64_t i = 0; i < n; ++i) nulls += v[i] == 0;
  }
  if (leaf_.max_def > 0) {
    size_t base = defs_.size();
    defs_.resize(base + static_cast<size_t>(n));
    int16_t* d = defs_.data() + base;
    if (has_validity) {
      const uint8_t* v = column.validity.data() + begin;
      for (int64_t i = 0; i < n; ++i) d[i] = v[i] != 0 ? 1 : 0;
    } else {
      std::fill(d, d + n, int16_t{1});
    }
  }
  page_levels_ += n;
  num_values_ += n;
  chunk_stats_.AddNulls(nulls);
  chunk_stats_.AddCount(n - nulls);
  if (nulls == 0) {
    switch (column.storage) {
      case ColumnStorage::kInt32:
        AddFixed<int32_t, uint32_t>(column.i32.data() + begin, n);
        break;
      case ColumnStorage::kInt64:
        AddFixed<int64_t, uint64_t>(column.i64.data() + begin, n);
        break;
      case ColumnStorage::kFloat:
        AddFixed<float, uint32_t>(column.f32.data() + begin, n);
        break;
      case ColumnStorage::kDouble:
        AddFixed<double, uint64_t>(column.f64.data() + begin, n);
        break;
      case ColumnStorage::kBool:
        for (int64_t i = begin; i < end; ++i) AddBool(column.bools[static_cast<size_t>(i)] != 0);
        break;
      case ColumnStorage::kBinary:
        if (use_dictionary_) {
          AddBinaryRunToDictionary(column, begin, end);
        } else {
          for (int64_t i = begin; i < end; ++i) AddBinary(column.BinaryAt(i));
        }
        break;
      case ColumnStorage::kFixed:
        for (int64_t i = begin; i < end; ++i) AddBinary(column.BinaryAt(i));
        break;
      default:
        return Internal("WriteFlat on a non-leaf column");
    }
  } else if (nulls < n) {
    slots_.clear();
    for (int64_t i = begin; i < end; ++i) {
      if (column.validity[static_cast<size_t>(i)] != 0) slots_.push_back(i);
    }
    AddSelectedAny(column, slots_);
  }
  return AfterWrite();
}

Status ColumnChunkWriter::WriteNested(std::span<const int16_t> defs, std::span<const int16_t> reps,
                                      const Column& values, std::span<const int64_t> slots) {
  if (leaf_.max_def > 0) defs_.insert(defs_.end(), defs.begin(), defs.end());
  if (leaf_.max_rep > 0) reps_.insert(reps_.end(), reps.begin(), reps.end());
  auto n = static_cast<int64_t>(defs.size());
  auto present = static_cast<int64_t>(slots.size());
  page_levels_ += n;
  num_values_ += n;
  chunk_stats_.AddNulls(n - present);
  chunk_stats_.AddCount(present);
  AddSelectedAny(values, slots);
  return AfterWrite();
}

size_t ColumnChunkWriter::DictionarySize() const {
  switch (type_) {
    case Type::kInt32:
    case Type::kFloat:
      return dict32_.size();
    case Type::kInt64:
    case Type::kDouble:
      return dict64_.size();
    default:
      return dict_binary_.size();
  }
}

size_t ColumnChunkWriter::DictionaryBytes() const {
  switch (type_) {
    case Type::kInt32:
    case Type::kFloat:
      return dict32_.byte_size();
    case Type::kInt64:
    case Type::kDouble:
      return dict64_.byte_size();
    case Type::kFixedLenByteArray:
      return dict_binary_.byte_size() - 4 * dict_binary_.size();
    default:
      return dict_binary_.byte_size();
  }
}

Status ColumnChunkWriter::AfterWrite() {
  if (use_dictionary_ && static_cast<int64_t>(DictionaryBytes()) > options_.dictionary_max_bytes) {
    // Like parquet-mr and Arrow: pages so far stay dictionary-encoded, the rest is PLAIN.
    SF_RETURN_IF_ERROR(FlushPage());
    use_dictionary_ = false;
    return Status::Ok();
  }
  int64_t level_bytes = static_cast<int64_t>(defs_.size() + reps_.size()) / 4;
  int64_t value_bytes = use_dictionary_ ? static_cast<int64_t>(indices_.size()) * 2
                                        : static_cast<int64_t>(plain_.size() + bools_.size() / 8);
  if (level_bytes + value_bytes >= options_.page_max_bytes) return FlushPage();
  return Status::Ok();
}

int64_t ColumnChunkWriter::buffered_bytes() const {
  return static_cast<int64_t>(pages_.size() + plain_.size() + indices_.size() * 4 +
                              defs_.size() * 2 + reps_.size() * 2 + bools_.size() +
                              (use_dictionary_ ? DictionaryBytes() : 0));
}

// ---------------------------------------------------------------- pages

void ColumnChunkWriter::AppendLevels(const std::vector<int16_t>& levels, int16_t max_level) {
  size_t at = page_.size();
  page_.resize(at + 4);
  EncodeRleBitPacked(std::span<const int16_t>(levels),
                     BitWidthFor(static_cast<uint64_t>(max_level)), &page_);
  auto len = static_cast<uint32_t>(page_.size() - at - 4);
  std::memcpy(page_.data() + at, &len, 4);
}

Status ColumnChunkWriter::FlushPage() {
  if (page_levels_ == 0) return Status::Ok();
  page_.clear();
  if (leaf_.max_rep > 0) AppendLevels(reps_, leaf_.max_rep);
  if (leaf_.max_def > 0) AppendLevels(defs_, leaf_.max_def);
  Encoding encoding = Encoding::kPlain;
  if (use_dictionary_) {
    encoding = Encoding::kRleDictionary;
    size_t n = DictionarySize();
    int width = std::max(1, BitWidthFor(n > 0 ? n - 1 : 0));
    page_.push_back(static_cast<uint8_t>(width));
    EncodeRleBitPacked(std::span<const uint32_t>(indices_), width, &page_);
    dictionary_pages_ = true;
    ++dictionary_data_pages_;
  } else if (type_ == Type::kBoolean) {
    size_t at = page_.size();
    page_.resize(at + (bools_.size() + 7) / 8, 0);
    for (size_t i = 0; i < bools_.size(); ++i) {
      page_[at + i / 8] |= static_cast<uint8_t>(bools_[i] << (i % 8));
    }
    ++plain_data_pages_;
  } else {
    page_.insert(page_.end(), plain_.begin(), plain_.end());
    ++plain_data_pages_;
  }
  SF_RETURN_IF_ERROR(EmitPage(PageType::kDataPage, encoding, page_levels_));
  defs_.clear();
  reps_.clear();
  indices_.clear();
  plain_.clear();
  bools_.clear();
  page_levels_ = 0;
  return Status::Ok();
}

// Compresses page_ and appends header + body to pages_.
Status ColumnChunkWriter::EmitPage(PageType type, Encoding encoding, int64_t num_values) {
  constexpr auto kMax = static_cast<size_t>(std::numeric_limits<int32_t>::max());
  if (page_.size() > kMax || num_values > static_cast<int64_t>(kMax)) {
    return InvalidArgument("parquet page of " + std::to_string(page_.size()) + " bytes is too big");
  }
  std::span<const uint8_t> body(page_);
  if (codec_->codec() != CompressionCodec::kUncompressed) {
    compressed_.clear();
    SF_RETURN_IF_ERROR(codec_->Compress(page_, &compressed_).WithContext("compressing a page"));
    if (compressed_.size() > kMax) return InvalidArgument("compressed page too big");
    body = compressed_;
  }
  PageHeader h;
  h.type = type;
  h.uncompressed_page_size = static_cast<int32_t>(page_.size());
  h.compressed_page_size = static_cast<int32_t>(body.size());
  if (type == PageType::kDictionaryPage) {
    h.dictionary_page_header =
        DictionaryPageHeader{static_cast<int32_t>(num_values), Encoding::kPlain, false};
  } else {
    h.data_page_header = DataPageHeader{static_cast<int32_t>(num_values), encoding, Encoding::kRle,
                                        Encoding::kRle, std::nullopt};
  }
  header_.clear();
  SerializePageHeader(h, &header_);
  pages_.insert(pages_.end(), header_.begin(), header_.end());
  pages_.insert(pages_.end(), body.begin(), body.end());
  uncompressed_bytes_ += static_cast<int64_t>(header_.size() + page_.size());
  compressed_bytes_ += static_cast<int64_t>(header_.size() + body.size());
  return Status::Ok();
}

void ColumnChunkWriter::EncodeDictionaryPage() {
  page_.clear();
  auto put = [this](const auto& values) {
    size_t bytes = values.size() * sizeof(values[0]);
    page_.resize(bytes);
    if (bytes > 0) std::memcpy(page_.data(), values.data(), bytes);
  };
  switch (type_) {
    case Type::kInt32:
    case Type::kFloat:
      put(dict32_.values());
      break;
    case Type::kInt64:
    case Type::kDouble:
      put(dict64_.values());
      break;
    default:
      for (size_t i = 0; i < dict_binary_.size(); ++i) {
        std::string_view v = dict_binary_.value(i);
        if (type_ == Type::kByteArray) {
          auto len = static_cast<uint32_t>(v.size());
          uint8_t prefix[4];
          std::memcpy(prefix, &len, 4);
          page_.insert(page_.end(), prefix, prefix + 4);
        }
        page_.insert(page_.end(), v.begin(), v.end());
      }
  }
}

Status ColumnChunkWriter::FinishChunk(int64_t file_offset, std::vector<uint8_t>* out,
                                      ColumnChunk* chunk) {
  SF_RETURN_IF_ERROR(FlushPage());
  ColumnMetaData m;
  m.type = type_;
  m.path_in_schema = leaf_.path;
  m.codec = codec_->codec();
  m.num_values = num_values_;
  int64_t data_offset = file_offset;
  if (dictionary_pages_) {
    // The dictionary page goes first: emit it into pages_ scratch, then move it in front.
    std::vector<uint8_t> data_pages = std::move(pages_);
    pages_.clear();
    EncodeDictionaryPage();
    SF_RETURN_IF_ERROR(EmitPage(PageType::kDictionaryPage, Encoding::kPlain,
                                static_cast<int64_t>(DictionarySize())));
    m.dictionary_page_offset = file_offset;
    data_offset = file_offset + static_cast<int64_t>(pages_.size());
    pages_.insert(pages_.end(), data_pages.begin(), data_pages.end());
    m.encoding_stats.push_back({PageType::kDictionaryPage, Encoding::kPlain, 1});
  }
  m.data_page_offset = data_offset;
  m.total_uncompressed_size = uncompressed_bytes_;
  m.total_compressed_size = compressed_bytes_;
  if (dictionary_pages_ || plain_data_pages_ > 0 || type_ == Type::kBoolean) {
    m.encodings.push_back(Encoding::kPlain);
  }
  m.encodings.push_back(Encoding::kRle);
  if (dictionary_pages_) m.encodings.push_back(Encoding::kRleDictionary);
  if (dictionary_data_pages_ > 0) {
    m.encoding_stats.push_back(
        {PageType::kDataPage, Encoding::kRleDictionary, dictionary_data_pages_});
  }
  if (plain_data_pages_ > 0) {
    m.encoding_stats.push_back({PageType::kDataPage, Encoding::kPlain, plain_data_pages_});
  }
  m.statistics = chunk_stats_.ToThrift();
  if (!options_.statistics) {
    m.statistics->min_value.reset();
    m.statistics->max_value.reset();
    m.statistics->min.reset();
    m.statistics->max.reset();
  }
  out->insert(out->end(), pages_.begin(), pages_.end());
  chunk->file_offset = file_offset;
  chunk->meta_data = std::move(m);
  file_stats_.Merge(chunk_stats_);
  StartChunk();
  return Status::Ok();
}

}  // namespace salesflow::parquet
