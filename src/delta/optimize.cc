#include "delta/optimize.h"

#include <fmt/format.h>

#include <map>

#include "delta/protocol_support.h"
#include "delta/table_scan.h"

namespace salesflow::delta {
namespace {

using parquet::ColumnBatch;

// Drops the partition columns from a scan batch (they live in the directory names).
Result<ColumnBatch> DataColumnsOnly(const ColumnBatch& batch,
                                    const std::vector<std::string>& partition_columns,
                                    std::shared_ptr<const parquet::Schema>* schema_cache) {
  std::vector<parquet::Field> fields;
  ColumnBatch out;
  out.num_rows = batch.num_rows;
  const auto& all = batch.schema->fields();
  for (size_t i = 0; i < all.size(); ++i) {
    if (std::find(partition_columns.begin(), partition_columns.end(), all[i].name) !=
        partition_columns.end()) {
      continue;
    }
    fields.push_back(all[i]);
    out.columns.push_back(batch.columns[i]);
  }
  if (*schema_cache == nullptr) {
    SF_ASSIGN_OR_RETURN(*schema_cache, parquet::Schema::Make(std::move(fields)));
  }
  out.schema = *schema_cache;
  return out;
}

}  // namespace

Result<OptimizeResult> Optimize(Storage& storage, const Snapshot& snapshot,
                                const OptimizeOptions& options) {
  SF_RETURN_IF_ERROR(CheckWriteSupported(snapshot.protocol(), snapshot.metadata()));
  const Metadata& metadata = snapshot.metadata();
  // Small files per partition (partition values as the key), in path order.
  std::map<NullableStringMap, std::vector<const AddFile*>> partitions;
  for (const auto& [key, add] : snapshot.active_files()) {
    if (add.deletion_vector) {
      return Unsupported("optimize: the table has deletion vectors (deletionVectors)");
    }
    if (add.size < options.target_file_size) partitions[add.partition_values].push_back(&add);
  }
  OptimizeResult result;
  Transaction txn(snapshot);
  txn.SetOperation("OPTIMIZE", {{"predicate", "\"[]\""}, {"zOrderBy", "\"[]\""}});
  for (auto& [values, files] : partitions) {
    std::vector<std::vector<const AddFile*>> bins(1);
    int64_t bin_bytes = 0;
    for (const AddFile* f : files) {
      if (!bins.back().empty() && bin_bytes + f->size > options.target_file_size) {
        bins.emplace_back();
        bin_bytes = 0;
      }
      bins.back().push_back(f);
      bin_bytes += f->size;
    }
    for (const auto& bin : bins) {
      if (static_cast<int>(bin.size()) < options.min_files_per_bin) continue;
      std::vector<AddFile> inputs;
      for (const AddFile* f : bin) inputs.push_back(*f);
      SF_ASSIGN_OR_RETURN(auto scan, TableScan::OpenFiles(storage, metadata, inputs));
      std::vector<ColumnBatch> batches;
      std::shared_ptr<const parquet::Schema> data_schema;
      ColumnBatch batch;
      while (true) {
        SF_ASSIGN_OR_RETURN(bool more, scan->Next(&batch));
        if (!more) break;
        SF_ASSIGN_OR_RETURN(ColumnBatch data,
                            DataColumnsOnly(batch, metadata.partition_columns, &data_schema));
        batches.push_back(std::move(data));
      }
      SF_ASSIGN_OR_RETURN(AddFile add, WriteDataFileBatches(storage, metadata.partition_columns,
                                                            values, batches, options.writer));
      for (const AddFile* f : bin) {
        RemoveFile remove;
        remove.path = f->path;
        remove.data_change = false;
        remove.extended_file_metadata = true;
        remove.partition_values = f->partition_values;
        remove.size = f->size;
        remove.tags = f->tags;
        remove.stats = f->stats;
        txn.RemoveFile(std::move(remove));
        ++result.files_removed;
        result.bytes_removed += f->size;
      }
      result.bytes_added += add.size;
      ++result.files_added;
      txn.AddFile(std::move(add));
    }
  }
  if (result.files_added == 0) return result;
  txn.SetOperationMetrics({{"numRemovedFiles", std::to_string(result.files_removed)},
                           {"numAddedFiles", std::to_string(result.files_added)},
                           {"numRemovedBytes", std::to_string(result.bytes_removed)},
                           {"numAddedBytes", std::to_string(result.bytes_added)}});
  SF_ASSIGN_OR_RETURN(CommitResult commit, txn.Commit(storage, options.commit));
  result.version = commit.version;
  return result;
}

}  // namespace salesflow::delta
