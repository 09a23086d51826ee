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
      const Slot& s = slots_[i];
      if (s.index < 0) break;
      if (s.key == key) {
        *inserted = false;
        return static_cast<uint32_t>(s.index);
      }
      i = (i + 1) & mask_;
    }
    auto index = static_cast<uint32_t>(values_.size());
    slots_[i] = Slot{key, static_cast<int32_t>(index)};
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
    std::fill(slots_.begin(), slots_.end(), Slot{});
  }

 private:
  // The key sits in the slot so a probe is one memory access.
  struct Slot {
    U key = 0;
    int32_t index = -1;
  };
  static size_t Hash(U key) {
    uint64_t h = static_cast<uint64_t>(key) * 0x9E3779B97F4A7C15ULL;
    return static_cast<size_t>(h ^ (h >> 29));
  }
  void Rehash(size_t capacity) {
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (size_t v = 0; v < values_.size(); ++v) {
      size_t i = Hash(values_[v]) & mask_;
      while (slots_[i].index >= 0) i = (i + 1) & mask_;
      slots_[i] = Slot{values_[v], static_cast<int32_t>(v)};
    }
  }

  std::vector<Slot> slots_;
  std::vector<U> values_;
  size_t mask_ = 0;
};

// Byte strings (BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY); values are stored back to back. Slots
// carry hash, length and offset so a probe touches one cache line before the bytes.
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
      if (s.hash == h && s.length == v.size() &&
          Equal(reinterpret_cast<const char*>(bytes_.data()) + s.offset, v.data(), v.size())) {
        *inserted = false;
        return static_cast<uint32_t>(s.index);
      }
      i = (i + 1) & mask_;
    }
    auto index = static_cast<uint32_t>(entries_.size());
    slots_[i] =
        Slot{h, bytes_.size(), static_cast<uint32_t>(v.size()), static_cast<int32_t>(index)};
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

  // Overlapping word loads (no variable-length memcpy) mixed by multiply-xorshift.
  static uint64_t Hash(const char* p, size_t n) {
    uint64_t a, b;
    if (n >= 8) {
      a = Load8(p);
      b = Load8(p + n - 8);
      for (size_t i = 8; i + 8 < n; i += 8) a = Mix(a ^ Load8(p + i), 0x9FB21C651E98DF25ULL);
    } else if (n >= 4) {
      a = Load4(p);
      b = Load4(p + n - 4);
    } else if (n > 0) {
      a = static_cast<uint8_t>(p[0]) | (uint64_t{static_cast<uint8_t>(p[n / 2])} << 8) |
          (uint64_t{static_cast<uint8_t>(p[n - 1])} << 16);
      b = 0;
    } else {
      a = b = 0;
    }
    return Mix(a ^ (n * 0x9E3779B97F4A7C15ULL), b ^ 0xC2B2AE3D27D4EB4FULL);
  }

 private:
  static uint64_t Load8(const char* p) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
  }
  static uint64_t Load4(const char* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
  }
  static uint64_t Mix(uint64_t a, uint64_t b) {
    uint64_t h = (a ^ (b >> 17)) * 0xBF58476D1CE4E5B9ULL;
    h ^= b + (h >> 31);
    h *= 0x94D049BB133111EBULL;
    return h ^ (h >> 29);
  }
  static bool Equal(const char* a, const char* b, size_t n) {
    if (n >= 8 && n <= 16) return Load8(a) == Load8(b) && Load8(a + n - 8) == Load8(b + n - 8);
    if (n >= 4 && n < 8) return Load4(a) == Load4(b) && Load4(a + n - 4) == Load4(b + n - 4);
    return std::memcmp(a, b, n) == 0;
  }

  struct Slot {
    uint64_t hash = 0;
    size_t offset = 0;
    uint32_t length = 0;
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
      slots_[i] = Slot{h, e.offset, static_cast<uint32_t>(e.length), static_cast<int32_t>(v)};
    }
  }

  std::vector<Slot> slots_;
  std::vector<Entry> entries_;
  std::vector<uint8_t> bytes_;
  size_t mask_ = 0;
};

}  // namespace salesflow::parquet
