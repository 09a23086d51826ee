#include "parquet/record_shredder.h"

namespace salesflow::parquet {

RecordShredder::RecordShredder(const Field& field) : field_(field) {
  leaves_.resize(static_cast<size_t>(field.leaf_end - field.leaf_begin));
}

void RecordShredder::BindValues(const Field& f, const Column& c) {
  if (f.kind == FieldKind::kPrimitive) {
    leaves_[static_cast<size_t>(f.leaf_begin - field_.leaf_begin)].values = &c;
    return;
  }
  for (size_t i = 0; i < f.children.size(); ++i) BindValues(f.children[i], c.children[i]);
}

void RecordShredder::Shred(const Column& column, int64_t begin, int64_t end) {
  for (LeafLevels& l : leaves_) {
    l.defs.clear();
    l.reps.clear();
    l.slots.clear();
  }
  BindValues(field_, column);
  for (int64_t row = begin; row < end; ++row) Visit(field_, column, row, 0);
}

// Every leaf under `f` gets one entry: the value is missing at definition level `def`.
void RecordShredder::EmitAbsent(const Field& f, int16_t def, int16_t rep) {
  for (int leaf = f.leaf_begin; leaf < f.leaf_end; ++leaf) {
    LeafLevels& l = leaves_[static_cast<size_t>(leaf - field_.leaf_begin)];
    l.defs.push_back(def);
    l.reps.push_back(rep);
  }
}

void RecordShredder::Visit(const Field& f, const Column& c, int64_t slot, int16_t rep) {
  if (!c.IsValid(slot)) {
    EmitAbsent(f, static_cast<int16_t>(f.def_level - 1), rep);
    return;
  }
  switch (f.kind) {
    case FieldKind::kPrimitive: {
      LeafLevels& l = leaves_[static_cast<size_t>(f.leaf_begin - field_.leaf_begin)];
      l.defs.push_back(f.def_level);
      l.reps.push_back(rep);
      l.slots.push_back(slot);
      return;
    }
    case FieldKind::kStruct:
      for (size_t i = 0; i < f.children.size(); ++i) Visit(f.children[i], c.children[i], slot, rep);
      return;
    case FieldKind::kList:
    case FieldKind::kMap: {
      int64_t b = c.offsets[static_cast<size_t>(slot)];
      int64_t e = c.offsets[static_cast<size_t>(slot) + 1];
      if (b == e) {
        EmitAbsent(f, f.def_level, rep);  // present but empty
        return;
      }
      for (int64_t j = b; j < e; ++j) {
        int16_t r = j == b ? rep : f.repeated_rep_level;
        for (size_t k = 0; k < f.children.size(); ++k) Visit(f.children[k], c.children[k], j, r);
      }
      return;
    }
  }
}

}  // namespace salesflow::parquet
