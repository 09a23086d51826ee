// RunSilverJob in-process over bronze tables written directly (silver_feed.h): the incremental
// path gives the same tables as a rebuild, restarts restore from the tables, the bytes read per
// commit are those of the new bronze files only, and what must rebuild does.
#include "pipeline/silver_job.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <numeric>

#include "bronze_test_support.h"
#include "delta/column_parquet_field.h"
#include "delta/local_storage.h"
#include "delta/optimize.h"
#include "delta/parquet_checkpoint_reader.h"
#include "delta/schema_json.h"
#include "delta/snapshot.h"
#include "delta/transaction.h"
#include "delta/vacuum.h"
#include "pipeline/silver_output_table.h"
#include "pipeline/silver_restore.h"
#include "pipeline/silver_state.h"
#include "pipeline/silver_table_batches.h"
#include "pipeline/silver_table_schemas.h"
#include "silver_feed.h"
#include "silver_outputs.h"
#include "testdata_line.h"

namespace salesflow::pipeline {
namespace {

using testing::BronzeFeeder;
using testing::TempDir;

delta::Snapshot Load(const std::string& dir) {
  return testing::LoadLatestSnapshot(dir);
}

using Outputs = testing::SilverOutputs;

Outputs ReadOutputs(const std::string& silver, const std::string& gold) {
  return testing::ReadSilverOutputs(silver, gold);
}

void ExpectSame(const Outputs& a, const Outputs& b) {
  testing::ExpectSameOutputs(a, b);
}

class SilverJobTest : public ::testing::Test {
 protected:
  void SetUp() override {
    options_.bronze_dir = dir_.Sub("bronze");
    options_.silver_dir = dir_.Sub("silver");
    options_.gold_dir = dir_.Sub("gold");
    options_.until_caught_up = true;
    options_.sync = false;
    options_.poll = std::chrono::milliseconds(1);
    options_.bucket_count = 4;
    testing::FeedOptions feed;
    feed.clients = 50;
    feed.rows_per_epoch = 300;
    auto feeder = BronzeFeeder::Open(options_.bronze_dir, feed);
    ASSERT_TRUE(feeder.ok()) << feeder.status().ToString();
    feeder_ = std::move(feeder).value();
  }

  void Feed(int commits, int64_t rows) {
    for (int i = 0; i < commits; ++i) ASSERT_TRUE(feeder_->Commit(rows).ok());
  }

  SilverJobSummary Run(const SilverJobOptions& options) {
    SilverJobSummary summary;
    Status status = RunSilverJob(options, &summary);
    EXPECT_TRUE(status.ok()) << status.ToString();
    return summary;
  }

  // A from-scratch rebuild into fresh folders: the reference for the incremental tables.
  Outputs Reference() {
    SilverJobOptions fresh = options_;
    fresh.silver_dir = dir_.Sub("ref-silver-" + std::to_string(reference_runs_));
    fresh.gold_dir = dir_.Sub("ref-gold-" + std::to_string(reference_runs_++));
    Run(fresh);
    return ReadOutputs(fresh.silver_dir, fresh.gold_dir);
  }

  TempDir dir_;
  SilverJobOptions options_;
  std::unique_ptr<BronzeFeeder> feeder_;
  int reference_runs_ = 0;
};

TEST_F(SilverJobTest, IncrementalRunsEqualARebuild) {
  Feed(4, 400);
  SilverJobSummary first = Run(options_);
  EXPECT_EQ(first.rebuilds, 0);  // first run: built from the active files, not a rebuild
  EXPECT_EQ(first.rows_folded, 1600);
  for (int round = 0; round < 3; ++round) {
    Feed(3, 250);
    SilverJobSummary next = Run(options_);
    EXPECT_EQ(next.rebuilds, 0);
    EXPECT_EQ(next.rows_folded, 750);  // only the new commits
  }
  Outputs incremental = ReadOutputs(options_.silver_dir, options_.gold_dir);
  ASSERT_EQ(incremental.clients.size(), 50u);
  EXPECT_EQ(incremental.versions,
            std::vector<int64_t>(7, Load(options_.bronze_dir).version().value()));
  ExpectSame(incremental, Reference());
  int64_t ventes = 0;
  for (const ClientRow& c : incremental.clients) ventes += c.nb_achats;
  EXPECT_EQ(ventes, 1600 + 3 * 750);
}

TEST_F(SilverJobTest, EachCommitReadsOnlyTheNewBronzeFiles) {
  Feed(2, 300);
  Run(options_);
  delta::LocalStorage bronze(options_.bronze_dir);
  for (int i = 0; i < 5; ++i) {
    const size_t before = feeder_->commit_bytes().size();
    Feed(1 + i % 2, 200);
    int64_t expected = 0;
    for (size_t k = before; k < feeder_->commit_bytes().size(); ++k) {
      expected += feeder_->commit_bytes()[k].second;
    }
    SilverJobSummary s = Run(options_);
    ASSERT_EQ(s.commits.size(), 1u);
    EXPECT_EQ(s.commits[0].bronze_bytes, expected) << "round " << i;
    EXPECT_EQ(s.bronze_bytes_read, expected);
    EXPECT_EQ(s.commits[0].bronze_version, feeder_->commit_bytes().back().first);
  }
  // Compaction (dataChange=false) adds nothing to read: the commit only moves the txn.
  auto optimized = delta::Optimize(bronze, Load(options_.bronze_dir));
  ASSERT_TRUE(optimized.ok()) << optimized.status().ToString();
  SilverJobSummary s = Run(options_);
  EXPECT_EQ(s.rebuilds, 0);
  EXPECT_EQ(s.bronze_bytes_read, 0);
  ASSERT_EQ(s.commits.size(), 1u);
  EXPECT_EQ(s.commits[0].bronze_version, Load(options_.bronze_dir).version().value());
  ExpectSame(ReadOutputs(options_.silver_dir, options_.gold_dir), Reference());
}

TEST_F(SilverJobTest, ARemoveWithDataChangeRebuilds) {
  Feed(3, 200);
  Run(options_);
  // Delete one data file's rows (as a DELETE would), then append more.
  delta::Snapshot snapshot = Load(options_.bronze_dir);
  const delta::AddFile victim = snapshot.active_files().begin()->second;
  delta::Transaction txn(snapshot);
  txn.SetOperation("DELETE");
  txn.RemoveFile({.path = victim.path, .data_change = true});
  delta::LocalStorage bronze(options_.bronze_dir);
  ASSERT_TRUE(txn.Commit(bronze).ok());
  Feed(1, 100);
  SilverJobSummary s = Run(options_);
  EXPECT_EQ(s.rebuilds, 1);
  Outputs after = ReadOutputs(options_.silver_dir, options_.gold_dir);
  int64_t ventes = 0;
  for (const ClientRow& c : after.clients) ventes += c.nb_achats;
  EXPECT_LT(ventes, 700);
  ExpectSame(after, Reference());
}

TEST_F(SilverJobTest, VacuumedFilesAndANewBronzeTableRebuild) {
  Feed(3, 200);
  Run(options_);
  // While silver is stopped: more commits, compacted, and the originals vacuumed away.
  Feed(4, 100);
  delta::LocalStorage bronze(options_.bronze_dir);
  ASSERT_TRUE(delta::Optimize(bronze, Load(options_.bronze_dir)).ok());
  auto files = delta::ListLocalTableFiles(options_.bronze_dir);
  ASSERT_TRUE(files.ok());
  auto vacuumed = delta::Vacuum(bronze, Load(options_.bronze_dir), *files,
                                {.retention_ms = 0, .allow_short_retention = true});
  ASSERT_TRUE(vacuumed.ok()) << vacuumed.status().ToString();
  SilverJobSummary s = Run(options_);
  EXPECT_EQ(s.rebuilds, 1);
  ExpectSame(ReadOutputs(options_.silver_dir, options_.gold_dir), Reference());

  // Bronze deleted and created again (a new metaData.id): rebuild from the new table.
  feeder_.reset();
  std::filesystem::remove_all(options_.bronze_dir);
  testing::FeedOptions feed;
  feed.seed = 7;
  feed.clients = 20;
  auto feeder = BronzeFeeder::Open(options_.bronze_dir, feed);
  ASSERT_TRUE(feeder.ok());
  ASSERT_TRUE((*feeder)->Commit(120).ok());
  s = Run(options_);
  EXPECT_EQ(s.rebuilds, 1);
  Outputs fresh = ReadOutputs(options_.silver_dir, options_.gold_dir);
  EXPECT_LE(fresh.clients.size(), 20u);
  ExpectSame(fresh, Reference());
}

// A ventes_par_minute written by a silver from before montant_max (its schemaString is the
// golden testdata/pipeline/schema_strings/ventes_par_minute_before_montant_max.json, rows
// without that column): the next run notices, rebuilds every table from bronze, and the
// rebuild's overwrite commit gives the table the new schema and the right maxima.
TEST_F(SilverJobTest, OldMinuteSchemaRebuilds) {
  Feed(3, 300);
  Run(options_);
  const Outputs before = ReadOutputs(options_.silver_dir, options_.gold_dir);
  ASSERT_FALSE(before.minutes.empty());

  // The same rows and txn, in a table created with the old schema.
  const std::string minute_dir = options_.gold_dir + "/ventes_par_minute";
  const std::string bronze_id = Load(options_.bronze_dir).metadata().id;
  std::filesystem::remove_all(minute_dir);
  Result<delta::StructType> old_schema = delta::ParseSchemaJson(
      testing::TestdataLine("pipeline/schema_strings/ventes_par_minute_before_montant_max.json"));
  ASSERT_TRUE(old_schema.ok()) << old_schema.status().ToString();
  {
    auto old_table = SilverOutputTable::Open(
        minute_dir, {"ventes_par_minute", *old_schema, {kDayColumn}}, {.sync = false});
    ASSERT_TRUE(old_table.ok()) << old_table.status().ToString();
    auto parquet_schema = delta::ParquetSchemaFor(*old_schema);
    ASSERT_TRUE(parquet_schema.ok());
    parquet::ColumnBatch batch = parquet::ColumnBatch::Make(*parquet_schema);
    for (const MinuteRow& r : before.minutes) {
      batch.columns[0].AppendInt64(r.minute_local_us);
      batch.columns[1].AppendBinary(r.produit);
      batch.columns[2].AppendBinary(r.categorie);
      batch.columns[3].AppendBinary(r.pays);
      batch.columns[4].AppendBinary(r.segment);
      batch.columns[5].AppendInt64(r.totals.nb_ventes);
      batch.columns[6].AppendInt64(r.totals.quantite);
      batch.columns[7].AppendInt64(r.totals.chiffre_affaires);
      batch.columns[8].AppendInt32(static_cast<int32_t>(r.minute_local_us / 86'400'000'000LL));
    }
    batch.num_rows = static_cast<int64_t>(before.minutes.size());
    ASSERT_TRUE(batch.Validate().ok());
    auto committed = (*old_table)->Commit(batch, true, before.versions[1], bronze_id);
    ASSERT_TRUE(committed.ok()) << committed.status().ToString();
  }
  EXPECT_EQ(
      Load(minute_dir).metadata().schema_string,
      testing::TestdataLine("pipeline/schema_strings/ventes_par_minute_before_montant_max.json"));
  {
    // Opened with today's layout: the mismatch is named, and only a rewrite may commit.
    auto reopened = SilverOutputTable::Open(
        minute_dir, {"ventes_par_minute", VentesParMinuteTableSchema(), {kDayColumn}},
        {.sync = false});
    ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
    EXPECT_EQ((*reopened)->SchemaMismatch(),
              "it lacks column(s) montant_max of the expected schema");
    auto empty = VentesParMinuteBatch({});
    ASSERT_TRUE(empty.ok());
    EXPECT_FALSE((*reopened)->Commit(*empty, false, before.versions[1], bronze_id).ok());
  }
  const std::string table_id = Load(minute_dir).metadata().id;

  Feed(1, 200);
  SilverJobSummary s = Run(options_);
  EXPECT_EQ(s.rebuilds, 1);
  const delta::Snapshot rebuilt = Load(minute_dir);
  EXPECT_EQ(rebuilt.metadata().schema_string,
            testing::TestdataLine("pipeline/schema_strings/ventes_par_minute.json"));
  EXPECT_EQ(rebuilt.metadata().id, table_id);  // the same table, rewritten
  const Outputs after = ReadOutputs(options_.silver_dir, options_.gold_dir);
  ExpectSame(after, Reference());
  int64_t ventes = 0, below_revenue = 0;
  for (const MinuteRow& r : after.minutes) {
    ventes += r.totals.nb_ventes;
    EXPECT_GT(r.montant_max, 0);
    EXPECT_LE(r.montant_max, r.totals.chiffre_affaires);
    if (r.montant_max < r.totals.chiffre_affaires) ++below_revenue;
  }
  EXPECT_EQ(ventes, 1100);
  EXPECT_GT(below_revenue, 0);  // some buckets hold several sales

  // A later run restores the rewritten table (montant_max included) without rebuilding.
  Feed(1, 100);
  s = Run(options_);
  EXPECT_EQ(s.rebuilds, 0);
  ExpectSame(ReadOutputs(options_.silver_dir, options_.gold_dir), Reference());
}

}  // namespace
}  // namespace salesflow::pipeline
