#include "pipeline/bronze_tail.h"

#include <fmt/format.h>

#include <utility>
#include <variant>

#include "delta/log_files.h"
#include "delta/parquet_checkpoint_reader.h"
#include "delta/partition_path.h"
#include "delta/table_scan.h"

namespace salesflow::pipeline {
namespace {

// The bronze columns silver folds, by name (bronze_schema.h), resolved once per batch schema.
struct InputColumns {
  int client_id, client_nom, pays, segment, produit_id, produit_nom, categorie, quantite, montant,
      event_time, kafka_partition, kafka_offset;
};

Result<InputColumns> Resolve(const parquet::Schema& schema) {
  InputColumns c{};
  const std::pair<int*, const char*> names[] = {
      {&c.client_id, "client_id"},
      {&c.client_nom, "client_nom"},
      {&c.pays, "pays"},
      {&c.segment, "segment"},
      {&c.produit_id, "produit_id"},
      {&c.produit_nom, "produit_nom"},
      {&c.categorie, "categorie"},
      {&c.quantite, "quantite"},
      {&c.montant, "montant"},
      {&c.event_time, "event_time"},
      {&c.kafka_partition, "kafka_partition"},
      {&c.kafka_offset, "kafka_offset"},
  };
  for (const auto& [slot, name] : names) {
    *slot = schema.FieldIndex(name);
    if (*slot < 0) return InvalidArgument(fmt::format("bronze has no column '{}'", name));
  }
  return c;
}

// An integer column's slot as int64, whatever its width.
int64_t IntAt(const parquet::Column& column, int64_t row) {
  const auto i = static_cast<size_t>(row);
  if (column.storage == parquet::ColumnStorage::kInt32) return column.i32[i];
  if (column.storage == parquet::ColumnStorage::kInt64) return column.i64[i];
  // FIXED_LEN_BYTE_ARRAY decimal (Spark): big-endian two's complement, at most 8 bytes used.
  std::string_view b = column.BinaryAt(row);
  int64_t v = (!b.empty() && (static_cast<uint8_t>(b[0]) & 0x80) != 0) ? -1 : 0;
  for (char ch : b)
    v = static_cast<int64_t>((static_cast<uint64_t>(v) << 8) | static_cast<uint8_t>(ch));
  return v;
}

bool IsIntegral(const parquet::Column& column) {
  return column.storage == parquet::ColumnStorage::kInt32 ||
         column.storage == parquet::ColumnStorage::kInt64 ||
         (column.storage == parquet::ColumnStorage::kFixed && column.fixed_width <= 8);
}

}  // namespace

BronzeTail::BronzeTail(const std::string& dir) : storage_(dir) {}

Result<delta::Snapshot> BronzeTail::LoadSnapshot() {
  delta::ParquetCheckpointReader reader;
  return delta::LoadSnapshot(storage_, {.checkpoint_reader = &reader});
}

Result<std::string> BronzeTail::CurrentTableId() {
  Result<std::vector<delta::Action>> first = delta::ReadCommit(storage_, delta::TableVersion(0));
  if (first.ok()) {
    for (const delta::Action& a : *first) {
      if (const auto* m = std::get_if<delta::Metadata>(&a)) return m->id;
    }
  } else if (first.status().code() != StatusCode::kNotFound) {
    return first.status();
  }
  // Version 0 was cleaned up behind a checkpoint: the snapshot knows.
  SF_ASSIGN_OR_RETURN(delta::Snapshot snapshot, LoadSnapshot());
  return snapshot.metadata().id;
}

Result<BronzeChanges> BronzeTail::ReadAfter(int64_t position, const std::string& table_id,
                                            int max_commits, int64_t max_bytes) {
  BronzeChanges changes;
  int64_t bytes = 0;
  for (int i = 0; i < max_commits; ++i) {
    const delta::TableVersion v(position + 1 + i);
    Result<std::vector<delta::Action>> actions = delta::ReadCommit(storage_, v);
    if (!actions.ok()) {
      if (actions.status().code() != StatusCode::kNotFound) return actions.status();
      if (i == 0) {
        // Nothing new, unless the log was cleaned past us: then later versions exist.
        Result<delta::LogListing> listing = delta::ListLog(storage_, v);
        if (listing.ok() && !listing->commits.empty()) {
          changes.rebuild_reason =
              fmt::format("bronze commit {} is no longer in the log (history cleaned up to {})",
                          v.value(), listing->commits.front().version.value());
        }
      }
      break;
    }
    for (delta::Action& a : *actions) {
      if (auto* add = std::get_if<delta::AddFile>(&a)) {
        if (add->data_change) {
          bytes += add->size;
          changes.files.push_back({v.value(), std::move(*add)});
        }
      } else if (const auto* remove = std::get_if<delta::RemoveFile>(&a)) {
        if (remove->data_change) {
          changes.rebuild_reason =
              fmt::format("bronze commit {} removed rows ({})", v.value(), remove->path);
        }
      } else if (const auto* m = std::get_if<delta::Metadata>(&a)) {
        if (m->id != table_id) {
          changes.rebuild_reason = fmt::format("bronze commit {} has a new table id {} (was {})",
                                               v.value(), m->id, table_id);
        }
      }
    }
    changes.last_version = v.value();
    if (!changes.rebuild_reason.empty()) return changes;
    if (bytes >= max_bytes) break;
  }
  // A file compacted and vacuumed while silver was stopped is gone: only a rebuild from the
  // active files can count its rows.
  for (const BronzeFile& f : changes.files) {
    SF_ASSIGN_OR_RETURN(std::string path, delta::UriDecodePath(f.add.path));
    Result<delta::FileInfo> info = storage_.Stat(path);
    if (!info.ok()) {
      if (info.status().code() != StatusCode::kNotFound) return info.status();
      changes.rebuild_reason =
          fmt::format("bronze file {} (commit {}) was vacuumed", f.add.path, f.version);
      return changes;
    }
  }
  return changes;
}

Result<FoldCounters> BronzeTail::Fold(
    const delta::Metadata& metadata, const std::vector<BronzeFile>& files,
    const std::function<void(const SilverInputRow&, int64_t)>& on_row) {
  FoldCounters counters;
  parquet::ColumnBatch batch;
  // One scan per file keeps each row's bronze version known.
  for (const BronzeFile& file : files) {
    SF_ASSIGN_OR_RETURN(std::unique_ptr<delta::TableScan> scan,
                        delta::TableScan::OpenFiles(storage_, metadata, {file.add}));
    while (true) {
      SF_ASSIGN_OR_RETURN(bool more, scan->Next(&batch));
      if (!more) break;
      SF_ASSIGN_OR_RETURN(InputColumns c, Resolve(*batch.schema));
      const auto& col = batch.columns;
      auto at = [&col](int i) -> const parquet::Column& { return col[static_cast<size_t>(i)]; };
      for (int i : {c.client_id, c.produit_id, c.quantite, c.montant, c.event_time,
                    c.kafka_partition, c.kafka_offset}) {
        if (!IsIntegral(at(i)) || at(i).NullCount() != 0) {
          return InvalidArgument(fmt::format("bronze file {}: column {} is not a required integer",
                                             file.add.path, batch.schema->fields()[i].name));
        }
      }
      for (int64_t r = 0; r < batch.num_rows; ++r) {
        SilverInputRow row;
        row.client_id = IntAt(at(c.client_id), r);
        row.client_nom = at(c.client_nom).BinaryAt(r);
        row.pays = at(c.pays).BinaryAt(r);
        row.segment = at(c.segment).BinaryAt(r);
        row.produit_id = IntAt(at(c.produit_id), r);
        row.produit_nom = at(c.produit_nom).BinaryAt(r);
        row.categorie = at(c.categorie).BinaryAt(r);
        row.quantite = IntAt(at(c.quantite), r);
        row.montant_cents = IntAt(at(c.montant), r);
        row.event_time_us = IntAt(at(c.event_time), r);
        row.kafka_partition = static_cast<int32_t>(IntAt(at(c.kafka_partition), r));
        row.kafka_offset = IntAt(at(c.kafka_offset), r);
        on_row(row, file.version);
      }
      counters.rows += batch.num_rows;
    }
    counters.files += 1;
    counters.bytes += file.add.size;
  }
  return counters;
}

}  // namespace salesflow::pipeline
