#include "silver_feed.h"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "delta/checkpoint_writer.h"
#include "delta/column_parquet_field.h"
#include "delta/data_file_writer.h"
#include "delta/parquet_checkpoint_reader.h"
#include "delta/transaction.h"
#include "parquet/column_batch.h"
#include "pipeline/bronze_schema.h"

namespace salesflow::testing {
namespace {

constexpr int64_t kMicrosPerDay = 86'400'000'000;

// splitmix64 of (seed, index, salt): rows are a pure function of their index.
uint64_t Rand(uint64_t seed, int64_t index, uint64_t salt) {
  uint64_t z = seed * 0x9e3779b97f4a7c15ULL + static_cast<uint64_t>(index) * 0xbf58476d1ce4e5b9ULL +
               salt * 0x94d049bb133111ebULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

constexpr std::array<const char*, 3> kSegments = {"Particulier", "PME", "Entreprise"};
constexpr std::array<const char*, 5> kPays = {"France", "Belgique", "Suisse", "Canada", "Maroc"};
constexpr std::array<const char*, 4> kCategories = {"Informatique", "Audio", "Maison", "Sport"};

std::shared_ptr<const parquet::Schema> BatchSchema() {
  return delta::ParquetSchemaFor(pipeline::GetBronzeSchemas().bronze_table).value();
}

}  // namespace

BronzeFeeder::BronzeFeeder(const std::string& dir, FeedOptions options)
    : options_(options), storage_(dir, {.sync = options.sync}) {}

Result<std::unique_ptr<BronzeFeeder>> BronzeFeeder::Open(const std::string& dir,
                                                         FeedOptions options) {
  std::unique_ptr<BronzeFeeder> feeder(new BronzeFeeder(dir, options));
  delta::ParquetCheckpointReader reader;
  Result<delta::Snapshot> snapshot =
      delta::LoadSnapshot(feeder->storage_, {.checkpoint_reader = &reader});
  if (!snapshot.ok() && snapshot.status().code() == StatusCode::kNotFound) {
    SF_RETURN_IF_ERROR(
        delta::CreateTable(feeder->storage_, pipeline::NewBronzeMetadata("salesflow-bronze"))
            .status());
    snapshot = delta::LoadSnapshot(feeder->storage_, {.checkpoint_reader = &reader});
  }
  if (!snapshot.ok()) return snapshot.status();
  feeder->snapshot_ = std::move(snapshot).value();
  // The txn of partition 0 holds the last row index written.
  feeder->next_row_ =
      feeder->snapshot_.TxnVersion("salesflow-bronze-ventes_stream-0").value_or(-1) + 1;
  return feeder;
}

Result<int64_t> BronzeFeeder::Commit(int64_t rows) {
  static const std::shared_ptr<const parquet::Schema> schema = BatchSchema();
  parquet::ColumnBatch batch = parquet::ColumnBatch::Make(schema);
  auto& c = batch.columns;
  const uint64_t seed = options_.seed;
  for (int64_t i = next_row_; i < next_row_ + rows; ++i) {
    const auto client =
        static_cast<int64_t>(Rand(seed, i, 1) % static_cast<uint64_t>(options_.clients)) + 1;
    const int64_t epoch = i / options_.rows_per_epoch;
    const auto produit = static_cast<int64_t>(Rand(seed, i, 2) % 12) + 1;
    int64_t event_time = options_.base_time_us + (i / 3) * options_.pace_us;
    // 5% of events arrive late, up to 30 minutes (they update their own minute).
    if (Rand(seed, i, 3) % 20 == 0) {
      event_time -= static_cast<int64_t>(Rand(seed, i, 4) % 1'800'000'000ULL);
    }
    const int32_t partition = static_cast<int32_t>(client % 3);
    const std::string nom = fmt::format("Client {} v{}", client, (epoch + client) % 4);
    const char* segment = kSegments[static_cast<size_t>((client + epoch) % 3)];
    const char* pays = kPays[static_cast<size_t>((client + epoch / 2) % 5)];
    c[0].AppendInt64(i + 1);  // vente_id
    c[1].AppendInt64(client);
    c[2].AppendInt64(produit);
    c[3].AppendBinary(fmt::format("{}", event_time));
    c[4].AppendInt32(static_cast<int32_t>(Rand(seed, i, 5) % 5) + 1);
    c[5].AppendInt64(static_cast<int64_t>(Rand(seed, i, 6) % 250'000) + 99);  // 0.99..2500.98
    c[6].AppendBinary(nom);
    c[7].AppendBinary(fmt::format("Produit {}", produit));
    c[8].AppendBinary(kCategories[static_cast<size_t>(produit % 4)]);
    c[9].AppendBinary(pays);
    c[10].AppendBinary(segment);
    c[11].AppendNull();
    c[12].AppendInt64(event_time);
    c[13].AppendInt64(event_time + 1000);
    c[14].AppendBinary("ventes_stream");
    c[15].AppendInt32(partition);
    c[16].AppendInt64(i);  // offsets unique and increasing per partition
    c[17].AppendNull();
    // date_vente: the UTC day (bronze's zone in these tests).
    int64_t day = event_time / kMicrosPerDay;
    if (event_time % kMicrosPerDay < 0) --day;
    c[18].AppendInt32(static_cast<int32_t>(day));
  }
  batch.num_rows = rows;
  SF_ASSIGN_OR_RETURN(std::vector<delta::AddFile> adds,
                      delta::WriteDataFiles(storage_, snapshot_.metadata(), batch));
  delta::Transaction txn(snapshot_);
  txn.SetOperation("STREAMING UPDATE", {{"outputMode", "\"Append\""}});
  int64_t bytes = 0;
  for (delta::AddFile& add : adds) {
    bytes += add.size;
    txn.AddFile(std::move(add));
  }
  txn.SetTxn("salesflow-bronze-ventes_stream-0", next_row_ + rows - 1);
  SF_ASSIGN_OR_RETURN(delta::CommitResult committed, txn.Commit(storage_));
  SF_RETURN_IF_ERROR(snapshot_.CatchUp(storage_).status());
  delta::ParquetCheckpointReader reader;
  SF_RETURN_IF_ERROR(delta::MaybeCheckpoint(storage_, reader).status());
  next_row_ += rows;
  commit_bytes_.emplace_back(committed.version.value(), bytes);
  return committed.version.value();
}

}  // namespace salesflow::testing
