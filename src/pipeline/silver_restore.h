#pragma once

#include "base/status.h"
#include "delta/table_scan.h"
#include "pipeline/silver_state.h"

namespace salesflow::pipeline {

// Reads back one part of the state from the table silver wrote for it (the restart path: the
// tables are the only state store). `part` is one SilverPart bit; `scan` reads the whole
// table; the columns are found by name (silver_table_batches.h).
Status RestoreSilverPart(SilverPart part, delta::TableScan& scan, SilverState* state);

}  // namespace salesflow::pipeline
