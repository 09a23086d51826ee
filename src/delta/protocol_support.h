#pragma once

#include "base/status.h"
#include "delta/action.h"

namespace salesflow::delta {

// The protocol of tables salesflow creates: reader 1 / writer 2, readable by every engine.
Protocol DefaultProtocol();

// Ok when salesflow can read a table with this protocol and metadata: reader versions 1..3,
// with reader features limited to the ones we implement (timestampNtz, vacuumProtocolCheck,
// v2Checkpoint). Otherwise Unsupported naming the feature, e.g. "deletionVectors".
Status CheckReadSupported(const Protocol& protocol, const Metadata* metadata);

// Ok when salesflow may commit to the table: writer versions 1..7 whose implied or listed
// writer features we honour (appendOnly, invariants and constraints unused, ...), and no
// table property that asks for behaviour we do not implement (deletion vectors, change data
// feed, row tracking, in-commit timestamps, column mapping). Unsupported names the feature.
Status CheckWriteSupported(const Protocol& protocol, const Metadata& metadata);

// True when the table property delta.appendOnly is "true" (removes with dataChange refused).
bool IsAppendOnly(const Metadata& metadata);

}  // namespace salesflow::delta
