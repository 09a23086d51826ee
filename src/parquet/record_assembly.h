#pragma once

#include <cstdint>
#include <vector>

#include "base/status.h"
#include "parquet/column_batch.h"
#include "parquet/column_chunk_reader.h"
#include "parquet/schema.h"

namespace salesflow::parquet {

// Record assembly (the Dremel algorithm, as Arrow does it): turns the definition and
// repetition levels and dense values of every leaf column of one row group into the nested
// columns of a ColumnBatch. Each field's slots, validity and list offsets come from the levels
// of its first leaf; all leaves under a field must agree, and every count is checked (children
// lengths, list offsets, value counts), so inconsistent files give Corruption, never a
// malformed batch.
//
// `chunks` holds one decoded chunk per schema leaf (Schema::leaves() order); `num_rows` is the
// row group's row count. Fills batch->columns (one per top-level field) and num_rows.
Status AssembleRowGroup(const Schema& schema, std::vector<ColumnChunkData>& chunks,
                        int64_t num_rows, ColumnBatch* batch);

}  // namespace salesflow::parquet
