#pragma once

// Helpers of the delta-tables tests: commit a batch, read a table back as sorted JSON rows.

#include <algorithm>
#include <string>
#include <vector>

#include "base/check.h"
#include "delta/data_file_writer.h"
#include "delta/parquet_checkpoint_reader.h"
#include "delta/snapshot.h"
#include "delta/table_scan.h"
#include "delta/transaction.h"
#include "parquet/json_scalars.h"
#include "parquet/row_json.h"

namespace salesflow::delta::testing {

// The latest snapshot, from the newest checkpoint when there is one.
inline Result<Snapshot> LoadLatest(Storage& storage, std::optional<TableVersion> version = {}) {
  static ParquetCheckpointReader reader;
  SnapshotOptions options;
  options.checkpoint_reader = &reader;
  options.version = version;
  return LoadSnapshot(storage, options);
}

// Writes `batch` as data files and commits them as one append (with a txn when app_id is set).
inline Result<CommitResult> AppendBatch(Storage& storage, const parquet::ColumnBatch& batch,
                                        const std::string& app_id = "", int64_t txn_version = 0) {
  SF_ASSIGN_OR_RETURN(Snapshot snapshot, LoadLatest(storage));
  SF_ASSIGN_OR_RETURN(std::vector<AddFile> adds,
                      WriteDataFiles(storage, snapshot.metadata(), batch));
  Transaction txn(snapshot);
  txn.SetOperation("WRITE", {{"mode", "\"Append\""}});
  for (AddFile& a : adds) txn.AddFile(std::move(a));
  if (!app_id.empty()) txn.SetTxn(app_id, txn_version);
  return txn.Commit(storage);
}

// One row as JSON with its columns sorted by name (the canonical form of the interop tests).
inline std::string CanonicalRowJson(const parquet::ColumnBatch& batch, int64_t row) {
  const auto& fields = batch.schema->fields();
  std::vector<size_t> order(fields.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&fields](size_t a, size_t b) { return fields[a].name < fields[b].name; });
  std::string out = "{";
  for (size_t k = 0; k < order.size(); ++k) {
    if (k > 0) out += ",";
    parquet::AppendJsonString(fields[order[k]].name, &out);
    out += ":";
    parquet::AppendValueJson(fields[order[k]], batch.columns[order[k]], row, &out);
  }
  return out + "}";
}

// Every row of the batch, canonical, appended to `rows`.
inline void AppendCanonicalRows(const parquet::ColumnBatch& batch, std::vector<std::string>* rows) {
  for (int64_t r = 0; r < batch.num_rows; ++r) rows->push_back(CanonicalRowJson(batch, r));
}

// The rows of a snapshot, canonical and sorted.
inline Result<std::vector<std::string>> ScanRows(Storage& storage, const Snapshot& snapshot,
                                                 ScanOptions options = {}) {
  SF_ASSIGN_OR_RETURN(auto scan, TableScan::Open(storage, snapshot, std::move(options)));
  std::vector<std::string> rows;
  parquet::ColumnBatch batch;
  while (true) {
    SF_ASSIGN_OR_RETURN(bool more, scan->Next(&batch));
    if (!more) break;
    AppendCanonicalRows(batch, &rows);
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

}  // namespace salesflow::delta::testing
