#include "parquet/record_assembly.h"

#include <cstring>
#include <string>

namespace salesflow::parquet {
namespace {

// The levels of one leaf; a missing vector means every level is 0.
struct Levels {
  const int16_t* def = nullptr;
  const int16_t* rep = nullptr;
  size_t n = 0;

  int16_t D(size_t i) const { return def != nullptr ? def[i] : 0; }
  int16_t R(size_t i) const { return rep != nullptr ? rep[i] : 0; }
};

Levels LevelsOf(const ColumnChunkData& c) {
  return Levels{c.def_levels.empty() ? nullptr : c.def_levels.data(),
                c.rep_levels.empty() ? nullptr : c.rep_levels.data(), c.num_levels};
}

class Assembler {
 public:
  explicit Assembler(std::vector<ColumnChunkData>& chunks) : chunks_(chunks) {}

  // Builds `out` for field `f`, whose slots are the levels with rep <= f.rep_level and
  // def >= entry_def (the level at which the enclosing list entry, or the row, exists).
  Status Field(const parquet::Field& f, int16_t entry_def, Column* out) {
    if (f.leaf_begin < 0 || static_cast<size_t>(f.leaf_begin) >= chunks_.size()) {
      return Internal("field '" + f.name + "' has no leaf chunk");
    }
    out->storage = StorageOf(f);
    out->validity.clear();
    switch (f.kind) {
      case FieldKind::kPrimitive:
        return Primitive(f, entry_def, out);
      case FieldKind::kStruct:
        return Struct(f, entry_def, out);
      case FieldKind::kList:
      case FieldKind::kMap:
        return List(f, entry_def, out);
    }
    return Internal("unknown field kind");
  }

 private:
  // Slot validity of a struct or list from its first leaf's levels; returns the slot count.
  Status Struct(const parquet::Field& f, int16_t entry_def, Column* out) {
    const Levels lv = LevelsOf(chunks_[static_cast<size_t>(f.leaf_begin)]);
    int64_t slots = 0;
    bool any_null = false;
    std::vector<uint8_t> validity;
    for (size_t i = 0; i < lv.n; ++i) {
      const int16_t d = lv.D(i);
      if (lv.R(i) <= f.rep_level && d >= entry_def) {
        const uint8_t valid = d >= f.def_level ? 1 : 0;
        any_null |= valid == 0;
        validity.push_back(valid);
        ++slots;
      }
    }
    out->length = slots;
    if (any_null) out->validity = std::move(validity);
    out->children.resize(f.children.size());
    for (size_t c = 0; c < f.children.size(); ++c) {
      SF_RETURN_IF_ERROR(Field(f.children[c], entry_def, &out->children[c]));
      if (out->children[c].length != slots) {
        return Corruption("struct '" + f.name + "': field '" + f.children[c].name + "' has " +
                          std::to_string(out->children[c].length) + " values, the struct " +
                          std::to_string(slots));
      }
    }
    return Status::Ok();
  }

  Status List(const parquet::Field& f, int16_t entry_def, Column* out) {
    const Levels lv = LevelsOf(chunks_[static_cast<size_t>(f.leaf_begin)]);
    std::vector<uint8_t> validity;
    bool any_null = false;
    out->offsets.clear();
    int64_t entries = 0;
    for (size_t i = 0; i < lv.n; ++i) {
      const int16_t d = lv.D(i);
      const int16_t r = lv.R(i);
      if (r <= f.rep_level && d >= entry_def) {
        out->offsets.push_back(entries);
        const uint8_t valid = d >= f.def_level ? 1 : 0;
        any_null |= valid == 0;
        validity.push_back(valid);
      }
      if (r <= f.repeated_rep_level && d >= f.repeated_def_level) {
        if (out->offsets.empty()) {
          return Corruption("list '" + f.name + "': an entry before the first list");
        }
        ++entries;
      }
    }
    out->length = static_cast<int64_t>(out->offsets.size());
    out->offsets.push_back(entries);
    if (any_null) out->validity = std::move(validity);
    out->children.resize(f.children.size());
    for (size_t c = 0; c < f.children.size(); ++c) {
      SF_RETURN_IF_ERROR(Field(f.children[c], f.repeated_def_level, &out->children[c]));
      if (out->children[c].length != entries) {
        return Corruption("list '" + f.name + "': " + std::to_string(entries) + " entries but " +
                          std::to_string(out->children[c].length) + " values of '" +
                          f.children[c].name + "'");
      }
    }
    return Status::Ok();
  }

  Status Primitive(const parquet::Field& f, int16_t entry_def, Column* out) {
    ColumnChunkData& chunk = chunks_[static_cast<size_t>(f.leaf_begin)];
    const Levels lv = LevelsOf(chunk);
    const int16_t max_def = f.def_level;
    // Slot i of the column takes level index slot_levels[i]; flat columns map one to one.
    const bool flat = lv.rep == nullptr && entry_def == 0;
    std::vector<uint8_t> validity;
    size_t slots = 0;
    size_t present = 0;
    if (flat) {
      slots = lv.n;
      if (lv.def != nullptr && max_def > 0) {
        validity.resize(slots);
        for (size_t i = 0; i < slots; ++i) validity[i] = lv.def[i] >= max_def ? 1 : 0;
      }
    } else {
      validity.reserve(lv.n);
      for (size_t i = 0; i < lv.n; ++i) {
        const int16_t d = lv.D(i);
        if (lv.R(i) <= f.rep_level && d >= entry_def) validity.push_back(d >= max_def ? 1 : 0);
      }
      slots = validity.size();
    }
    if (!validity.empty()) {
      for (uint8_t v : validity) present += v;
    } else {
      present = slots;
    }
    if (present != chunk.num_values) {
      return Corruption("column '" + f.name + "': " + std::to_string(present) +
                        " present slots but " + std::to_string(chunk.num_values) + " values");
    }
    const bool all_valid = present == slots;
    out->length = static_cast<int64_t>(slots);
    const uint8_t* valid = all_valid ? nullptr : validity.data();
    SF_RETURN_IF_ERROR(FillValues(f, chunk, slots, valid, out));
    if (!all_valid) out->validity = std::move(validity);
    return Status::Ok();
  }

  // Spreads the dense values over the slots; null slots get zeros / empty values.
  template <typename T>
  static void Spread(const uint8_t* dense, size_t slots, const uint8_t* valid,
                     std::vector<T>* out) {
    out->resize(slots);  // every slot is written below: no need to zero them first
    if (valid == nullptr) {
      if (slots != 0) std::memcpy(out->data(), dense, slots * sizeof(T));
      return;
    }
    T* dst = out->data();
    size_t v = 0;
    for (size_t i = 0; i < slots; ++i) {
      T value{};
      if (valid[i]) {
        std::memcpy(&value, dense + v * sizeof(T), sizeof(T));
        ++v;
      }
      dst[i] = value;
    }
  }

  static Status FillValues(const parquet::Field& f, const ColumnChunkData& chunk, size_t slots,
                           const uint8_t* valid, Column* out) {
    const uint8_t* dense = chunk.fixed.data();
    switch (out->storage) {
      case ColumnStorage::kBool:
        Spread<uint8_t>(dense, slots, valid, &out->bools);
        return Status::Ok();
      case ColumnStorage::kInt32:
        Spread<int32_t>(dense, slots, valid, &out->i32);
        return Status::Ok();
      case ColumnStorage::kInt64:
        Spread<int64_t>(dense, slots, valid, &out->i64);
        return Status::Ok();
      case ColumnStorage::kFloat:
        Spread<float>(dense, slots, valid, &out->f32);
        return Status::Ok();
      case ColumnStorage::kDouble:
        Spread<double>(dense, slots, valid, &out->f64);
        return Status::Ok();
      case ColumnStorage::kFixed: {
        const size_t width = f.physical == Type::kInt96 ? 12 : static_cast<size_t>(f.type_length);
        out->fixed_width = static_cast<int32_t>(width);
        out->bytes.resize(slots * width);
        if (valid == nullptr) {
          if (slots != 0) std::memcpy(out->bytes.data(), dense, slots * width);
          return Status::Ok();
        }
        size_t v = 0;
        for (size_t i = 0; i < slots; ++i) {
          uint8_t* dst = out->bytes.data() + i * width;
          if (valid[i]) {
            std::memcpy(dst, dense + (v++) * width, width);
          } else {
            std::memset(dst, 0, width);
          }
        }
        return Status::Ok();
      }
      case ColumnStorage::kBinary: {
        const std::string_view* values = chunk.binary.data();
        size_t total = 0;
        for (size_t v = 0; v < chunk.binary.size(); ++v) total += values[v].size();
        out->bytes.resize(total);
        out->offsets.resize(slots + 1);
        int64_t* offsets = out->offsets.data();
        uint8_t* bytes = out->bytes.data();
        size_t pos = 0;
        size_t v = 0;
        offsets[0] = 0;
        for (size_t i = 0; i < slots; ++i) {
          if (valid == nullptr || valid[i]) {
            const std::string_view s = values[v++];
            if (!s.empty()) std::memcpy(bytes + pos, s.data(), s.size());
            pos += s.size();
          }
          offsets[i + 1] = static_cast<int64_t>(pos);
        }
        return Status::Ok();
      }
      case ColumnStorage::kStruct:
      case ColumnStorage::kList:
      case ColumnStorage::kMap:
        break;
    }
    return Internal("primitive field '" + f.name + "' with a nested storage");
  }

  std::vector<ColumnChunkData>& chunks_;
};

}  // namespace

Status AssembleRowGroup(const Schema& schema, std::vector<ColumnChunkData>& chunks,
                        int64_t num_rows, ColumnBatch* batch) {
  if (chunks.size() != schema.leaves().size()) {
    return Internal("AssembleRowGroup: " + std::to_string(chunks.size()) + " chunks for " +
                    std::to_string(schema.leaves().size()) + " leaves");
  }
  Assembler assembler(chunks);
  batch->columns.resize(schema.fields().size());
  for (size_t i = 0; i < schema.fields().size(); ++i) {
    const Field& f = schema.fields()[i];
    SF_RETURN_IF_ERROR(assembler.Field(f, 0, &batch->columns[i]));
    if (batch->columns[i].length != num_rows) {
      return Corruption("column '" + f.name + "' has " + std::to_string(batch->columns[i].length) +
                        " rows, the row group " + std::to_string(num_rows));
    }
  }
  batch->num_rows = num_rows;
  return Status::Ok();
}

}  // namespace salesflow::parquet
