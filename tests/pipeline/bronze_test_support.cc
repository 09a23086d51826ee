#include "bronze_test_support.h"

#include <stdlib.h>

#include <filesystem>

#include "delta/local_storage.h"
#include "delta/parquet_checkpoint_reader.h"
#include "delta/partition_path.h"
#include "delta/snapshot.h"
#include "event/catalog.h"
#include "event/generator.h"
#include "parquet/reader.h"
#include "pipeline/bronze_schema.h"

namespace salesflow::testing {

TempDir::TempDir() {
  std::string pattern = "/tmp/salesflow-bronze-XXXXXX";
  char* made = mkdtemp(pattern.data());
  if (made == nullptr) std::abort();
  path_ = made;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

pipeline::KafkaRecord StoredMessage::View(const std::string& topic) const {
  return pipeline::KafkaRecord{.topic = topic,
                               .partition = partition,
                               .offset = offset,
                               .key = key,
                               .payload = payload,
                               .timestamp_ms = timestamp_ms};
}

std::vector<StoredMessage> GenerateMessages(int64_t count, int partitions, double bad_ratio,
                                            uint64_t seed, int64_t pace_micros) {
  SaleGenerator generator(GenerateCatalog(50, 20, seed),
                          SaleGeneratorOptions{.seed = seed,
                                               .first_vente_id = 1000,
                                               .pace_micros = pace_micros,
                                               .bad_ratio = bad_ratio});
  std::vector<int64_t> next(static_cast<size_t>(partitions), 0);
  std::vector<StoredMessage> out;
  GeneratedMessage m;
  for (int64_t i = 0; i < count; ++i) {
    generator.Next(&m);
    StoredMessage s;
    s.partition = static_cast<int32_t>(std::hash<std::string>()(m.key) % partitions);
    s.offset = next[static_cast<size_t>(s.partition)]++;
    s.key = m.key;
    s.payload = m.payload;
    s.timestamp_ms = 1734359400000 + i;
    s.bad = m.bad.has_value();
    s.montant_cents = m.sale.montant.value();
    out.push_back(std::move(s));
  }
  return out;
}

namespace {

Status ReadTable(const std::string& dir, bool bronze, TableContents* out) {
  delta::LocalStorage storage(dir);
  delta::ParquetCheckpointReader reader;
  SF_ASSIGN_OR_RETURN(delta::Snapshot snapshot,
                      delta::LoadSnapshot(storage, {.checkpoint_reader = &reader}));
  const int pcol = bronze ? int{pipeline::kKafkaPartition} : int{pipeline::kRejectPartition};
  const int ocol = bronze ? int{pipeline::kKafkaOffset} : int{pipeline::kRejectOffset};
  for (const auto& [key, add] : snapshot.active_files()) {
    SF_ASSIGN_OR_RETURN(std::string relative, delta::UriDecodePath(add.path));
    SF_ASSIGN_OR_RETURN(auto file, parquet::ParquetReader::OpenFile(dir + "/" + relative));
    for (int g = 0; g < file->num_row_groups(); ++g) {
      parquet::ColumnBatch batch;
      SF_RETURN_IF_ERROR(file->ReadRowGroup(g, &batch));
      for (int64_t r = 0; r < batch.num_rows; ++r) {
        size_t i = static_cast<size_t>(r);
        out->coordinates.emplace(batch.columns[static_cast<size_t>(pcol)].i32[i],
                                 batch.columns[static_cast<size_t>(ocol)].i64[i]);
        if (bronze) {
          ++out->vente_ids[batch.columns[pipeline::kVenteId].i64[i]];
          out->montant_cents += batch.columns[pipeline::kMontant].i64[i];
        } else {
          out->reasons.insert(std::string(batch.columns[pipeline::kReason].BinaryAt(r)));
        }
        ++out->rows;
      }
    }
  }
  return Status::Ok();
}

}  // namespace

Status ReadBronzeTable(const std::string& dir, TableContents* out) {
  return ReadTable(dir, true, out);
}

Status ReadQuarantineTable(const std::string& dir, TableContents* out) {
  return ReadTable(dir, false, out);
}

std::optional<int64_t> TableTxnVersion(const std::string& dir, const std::string& app_id) {
  delta::LocalStorage storage(dir);
  delta::ParquetCheckpointReader reader;
  Result<delta::Snapshot> snapshot = delta::LoadSnapshot(storage, {.checkpoint_reader = &reader});
  if (!snapshot.ok()) return std::nullopt;
  return snapshot->TxnVersion(app_id);
}

}  // namespace salesflow::testing
