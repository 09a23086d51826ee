#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace salesflow::parquet {

// Dictionary builders for RLE_DICTIONARY pages: map each value to a dense index in order of
// first appearance. Open addressing with linear probing over a power-of-two table; inlined so
// the per-value loop of the column writer has no calls it cannot see through.

// Fixed-width values, keyed by their bit pattern (so NaN payloads and -0.0 stay distinct, as
// PLAIN decoding would reproduce them). U is uint32_t or uint64_t.
template <typename U>
class FixedDictionary {
 public:
  FixedDictionary() { Rehash(1024); }

  // The index of `key`, inserting it when new; `*inserted` tells which.
  uint32_t GetOrInsert(U key, bool* inserted) {
    size_t i = Hash(key) & mask_;
    while (true) {
      int32_t s = slots_[i];
      if (s < 0) break;
      if (values_[static_cast<size_t>(s)] == key) {
        *inserted = false;
        return static_cast<uint32_t>(s);
      }
      i = (i + 1) & mask_;
    }
    auto index = static_cast<uint32_t>(values_.size());
    slots_[i] = static_cast<int32_t>(index);
    values_.push_back(key);
    *inserted = true;
    if (values_.size() * 2 > slots_.size()) Rehash(slots_.size() * 2);
    return index;
  }

  // Distinct values so far.
  size_t size() const { return values_.size(); }
  // PLAIN size of the dictionary page.
  size_t byte_size() const { return values_.size() * sizeof(U); }
  // The values in index order.
  const std::vector<U>& values() const { return values_; }
  // Empties the dictionary, keeping capacity.
  void Clear() {
    values_.clear();
    std::fill(slots_.begin(), slots_.end(), -1);
  }

 private:
  static size_t Hash(U key) {
    uint64_t h = static_cast<uint64_t>(key) * 0x9E3779B97F4A7C15ULL;
    return static_cast<size_t>(h ^ (h >> 29));
  }
  void Rehash(size_t capacity) {
    slots_.assign(capacity, -1);
    mask_ = capacity - 1;
    for (size_t v = 0; v < values_.size(); ++v) {
      size_t i = Hash(values_[v]) & mask_;
      while (slots_[i] >= 0) i = (i + 1) & mask_;
      slots_[i] = static_cast<int32_t>(v);
    }
  }

  std::vector<int32_t> slots_;  // index into values_, or -1
  std::vector<U> values_;
  size_t mask_ = 0;
};

// Byte strings (BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY); values are stored back to back.
class BinaryDictionary {
 public:
  BinaryDictionary() { Rehash(1024); }

  // The index of `v`, inserting it when new; `*inserted` tells which.
  uint32_t GetOrInsert(std::string_view v, bool* inserted) {
    uint64_t h = Hash(v.data(), v.size());
    size_t i = static_cast<size_t>(h) & mask_;
    while (true) {
      const Slot& s = slots_[i];
      if (s.index < 0) break;
      if (s.hash == h) {
        const Entry& e = entries_[static_cast<size_t>(s.index)];
        if (e.length == v.size() &&
            std::memcmp(bytes_.data() + e.offset, v.data(), v.size()) == 0) {
          *inserted = false;
          return static_cast<uint32_t>(s.index);
        }
      }
      i = (i + 1) & mask_;
    }
    auto index = static_cast<uint32_t>(entries_.size());
    slots_[i] = Slot{h, static_cast<int32_t>(index)};
    entries_.push_back(Entry{bytes_.size(), v.size()});
    bytes_.insert(bytes_.end(), v.begin(), v.end());
    *inserted = true;
    if (entries_.size() * 2 > slots_.size()) Rehash(slots_.size() * 2);
    return index;
  }

  // Distinct values so far.
  size_t size() const { return entries_.size(); }
  // PLAIN size of the dictionary page for BYTE_ARRAY (4-byte lengths included).
  size_t byte_size() const { return bytes_.size() + 4 * entries_.size(); }
  // Value `i`.
  std::string_view value(size_t i) const {
    const Entry& e = entries_[i];
    return {reinterpret_cast<const char*>(bytes_.data()) + e.offset, e.length};
  }
  // Empties the dictionary, keeping capacity.
  void Clear() {
    entries_.clear();
    bytes_.clear();
    std::fill(slots_.begin(), slots_.end(), Slot{});
  }

  // 8 bytes at a time with a multiply-xorshift mix; good enough spread for probing.
  static uint64_t Hash(const char* p, size_t n) {
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (n * 0xC2B2AE3D27D4EB4FULL);
    while (n >= 8) {
      uint64_t k;
      std::memcpy(&k, p, 8);
      h = (h ^ k) * 0xBF58476D1CE4E5B9ULL;
      h ^= h >> 31;
      p += 8;
      n -= 8;
    }
    if (n > 0) {
      uint64_t k = 0;
      std::memcpy(&k, p, n);
      h = (h ^ k) * 0x94D049BB133111EBULL;
      h ^= h >> 29;
    }
    return h * 0xFF51AFD7ED558CCDULL ^ (h >> 32);
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    int32_t index = -1;
  };
  struct Entry {
    size_t offset;
    size_t length;
  };
  void Rehash(size_t capacity) {
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (size_t v = 0; v < entries_.size(); ++v) {
      const Entry& e = entries_[v];
      uint64_t h = Hash(reinterpret_cast<const char*>(bytes_.data()) + e.offset, e.length);
      size_t i = static_cast<size_t>(h) & mask_;
      while (slots_[i].index >= 0) i = (i + 1) & mask_;
      slots_[i] = Slot{h, static_cast<int32_t>(v)};
    }
  }

  std::vector<Slot> slots_;
  std::vector<Entry> entries_;
  std::vector<uint8_t> bytes_;
  size_t mask_ = 0;
};

}  // namespace salesflow::parquet
