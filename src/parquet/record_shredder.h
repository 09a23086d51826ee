#pragma once

#include <cstdint>
#include <vector>

#include "parquet/column_batch.h"
#include "parquet/schema.h"

namespace salesflow::parquet {

// Levels and value slots of one leaf for a run of records, as the Dremel encoding wants them.
struct LeafLevels {
  std::vector<int16_t> defs;       // one per level entry
  std::vector<int16_t> reps;       // one per level entry
  std::vector<int64_t> slots;      // slot in `values` of every entry at max_def, in order
  const Column* values = nullptr;  // the leaf's column inside the batch
};

// Turns records of a nested top-level field (struct, list or map, at any depth) into the
// definition/repetition levels of its leaves. Buffers are reused between calls. Flat
// primitive columns do not need it: the column writer reads their validity directly.
class RecordShredder {
 public:
  // `field` is a top-level field of a Schema; its leaves are field.leaf_begin..leaf_end.
  explicit RecordShredder(const Field& field);

  // Shreds rows [begin, end) of `column`; results in leaves(), indexed from field.leaf_begin.
  void Shred(const Column& column, int64_t begin, int64_t end);

  // Per leaf of the field, in schema order.
  const std::vector<LeafLevels>& leaves() const { return leaves_; }

 private:
  void BindValues(const Field& f, const Column& c);
  void Visit(const Field& f, const Column& c, int64_t slot, int16_t rep);
  void EmitAbsent(const Field& f, int16_t def, int16_t rep);

  const Field& field_;
  std::vector<LeafLevels> leaves_;
};

}  // namespace salesflow::parquet
