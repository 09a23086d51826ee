// Bronze's vacuum and expired-log cleanup: TableMaintainer passes run by the CheckpointWorkers'
// after-checkpoint hook, wired as RunBronzeJob wires them, over the exactly-once core fed
// without a broker (as bronze_exactly_once_test does). What the issue asks: after compaction,
// files removed longer ago than the retention are deleted and the others stay; expired commits
// before the latest checkpoint are deleted and bronze restarts at the right offsets (txns read
// from the checkpoint) without duplicates or loss, also a writer idle while another process
// cleaned the log; two passes racing on one table both end OK; a failing pass is counted and
// ingestion goes on.
//
// Clocks: commit and data files carry real modification times, so "later" is a ManualClock two
// days ahead of real time for maintenance; the compactions whose removed files must expire
// commit with a clock two days back (their tombstones are then four days old). Retention is
// 3 days / 1 day (the configured one, as for a table without the properties): a data file a
// concurrent commit is writing is two days old to maintenance, inside the retention, never
// taken.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <latch>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "bronze_test_support.h"
#include "delta/fault_injecting_storage.h"
#include "delta/local_storage.h"
#include "delta/log_files.h"
#include "delta/parquet_checkpoint_reader.h"
#include "delta/partition_path.h"
#include "delta/snapshot.h"
#include "event/sale_decoder.h"
#include "pipeline/bronze_committer.h"
#include "pipeline/bronze_compactor.h"
#include "pipeline/bronze_ingester.h"
#include "pipeline/bronze_metrics.h"
#include "pipeline/bronze_schema.h"
#include "pipeline/checkpoint_worker.h"
#include "pipeline/table_maintainer.h"

namespace salesflow::pipeline {
namespace {

namespace fs = std::filesystem;
using testing::StoredMessage;
using testing::TableContents;

constexpr const char* kTopic = "ventes_stream";
constexpr int64_t kDayMicros = int64_t{86400} * 1'000'000;
constexpr int64_t kDayMs = int64_t{86400} * 1000;

TableRetention TestRetention() {
  TableRetention retention;
  retention.deleted_file_retention_ms = 3 * kDayMs;
  retention.log_retention_ms = kDayMs;
  return retention;
}

// One ingestion run: its hooks, compaction and the slice of the stream it is fed.
struct RunSpec {
  std::function<void()> bronze_hook;       // after each bronze checkpoint
  std::function<void()> quarantine_hook;   // after each quarantine checkpoint
  int64_t optimize_every = 0;              // BronzeCompactor's every
  const Clock* compactor_clock = nullptr;  // OPTIMIZE commit time (nullptr = system)
  size_t from = 0;                         // first message fed
  size_t to = SIZE_MAX;                    // one past the last
  bool redeliver_from_zero = false;        // feed even what precedes the stored positions
};

class BronzeMaintenanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // 900 messages over ~9 days, 5% broken, 3 partitions; flushed every 3 rows: ~300 bronze
    // commits, so checkpoints (every 100) and maintenance passes happen.
    messages_ = testing::GenerateMessages(900, 3, 0.05, 11, int64_t{15} * 60 * 1'000'000);
    SaleDecoder decoder;
    for (const StoredMessage& m : messages_) {
      all_.emplace(m.partition, m.offset);
      if (decoder.Decode(m.payload).ok()) good_.emplace(m.partition, m.offset);
      last_[m.partition] = m.offset;
    }
  }

  std::string BronzeDir() const { return dir_.Sub("delta_ventes_table"); }
  std::string QuarantineDir() const { return dir_.Sub("delta_ventes_rejets"); }

  TableMaintainerOptions MaintainerOptions(const std::string& name, TableRetention retention) {
    return {
        .log_prefix = "bronze",
        .table_name = name,
        .retention = std::move(retention),
        .clock = &later_,
        .sync = false,
        .observer = [this](const std::string& /*table*/, const Result<MaintenanceReport>& report) {
          metrics_.maintenance.Record(report);
        }};
  }

  // Feeds a slice of the stream through a fresh committer, ingester, checkpoint workers and
  // compactor, each with a storage of its own as RunBronzeJob gives them.
  Status Ingest(const RunSpec& run) {
    delta::LocalStorage bronze(BronzeDir(), {.sync = false});
    delta::LocalStorage quarantine(QuarantineDir(), {.sync = false});
    SF_ASSIGN_OR_RETURN(auto committer, BronzeCommitter::Open(bronze, quarantine, {}));
    delta::LocalStorage checkpoint_storage(BronzeDir(), {.sync = false});
    delta::LocalStorage quarantine_checkpoint_storage(QuarantineDir(), {.sync = false});
    delta::LocalStorage compactor_storage(BronzeDir(), {.sync = false});
    CheckpointWorker checkpoints(checkpoint_storage,
                                 {.table_name = "bronze", .after_checkpoint = run.bronze_hook});
    CheckpointWorker quarantine_checkpoints(
        quarantine_checkpoint_storage,
        {.table_name = "bronze quarantine", .after_checkpoint = run.quarantine_hook});
    BronzeCompactor compactor(compactor_storage,
                              {.every = run.optimize_every, .clock = run.compactor_clock});
    BronzeIngesterOptions options;
    options.flush = FlushPolicy{
        .max_rows = 3, .max_bytes = int64_t{1} << 40, .max_latency = std::chrono::hours(1)};
    options.checkpoints = &checkpoints;
    options.quarantine_checkpoints = &quarantine_checkpoints;
    options.compactor = &compactor;
    BronzeIngester ingester(*committer, options);
    SF_ASSIGN_OR_RETURN(auto start, ingester.Assign({0, 1, 2}));
    for (size_t i = run.from; i < std::min(run.to, messages_.size()); ++i) {
      const StoredMessage& m = messages_[i];
      if (!run.redeliver_from_zero && m.offset < start[m.partition]) continue;
      SF_RETURN_IF_ERROR(ingester.Process(m.View(kTopic)));
      SF_RETURN_IF_ERROR(ingester.MaybeFlush());
    }
    SF_RETURN_IF_ERROR(ingester.Flush());
    compactor.WaitIdle();
    return Status::Ok();  // the workers finish their checkpoint and its pass on destruction
  }

  // Bronze holds the good messages fed so far, quarantine the broken ones, each once, and the
  // txns the last offsets.
  void ExpectExactlyOnce(size_t fed) {
    std::set<std::pair<int32_t, int64_t>> good;
    std::set<std::pair<int32_t, int64_t>> rejects;
    std::map<int32_t, int64_t> last;
    for (size_t i = 0; i < fed; ++i) {
      const StoredMessage& m = messages_[i];
      (good_.contains({m.partition, m.offset}) ? good : rejects).emplace(m.partition, m.offset);
      last[m.partition] = m.offset;
    }
    TableContents bronze;
    TableContents quarantine;
    ASSERT_TRUE(testing::ReadBronzeTable(BronzeDir(), &bronze).ok());
    ASSERT_TRUE(testing::ReadQuarantineTable(QuarantineDir(), &quarantine).ok());
    std::set<std::pair<int32_t, int64_t>> bronze_set(bronze.coordinates.begin(),
                                                     bronze.coordinates.end());
    std::set<std::pair<int32_t, int64_t>> quarantine_set(quarantine.coordinates.begin(),
                                                         quarantine.coordinates.end());
    EXPECT_EQ(bronze_set.size(), bronze.coordinates.size()) << "a message twice in bronze";
    EXPECT_EQ(quarantine_set.size(), quarantine.coordinates.size()) << "twice in quarantine";
    EXPECT_EQ(bronze_set, good);
    EXPECT_EQ(quarantine_set, rejects);
    for (const auto& [p, offset] : last) {
      EXPECT_EQ(testing::TableTxnVersion(BronzeDir(), PartitionAppId(kDefaultAppId, kTopic, p)),
                offset)
          << "partition " << p;
    }
  }

  delta::Snapshot Latest(const std::string& dir) {
    delta::LocalStorage storage(dir);
    delta::ParquetCheckpointReader reader;
    Result<delta::Snapshot> snapshot = delta::LoadSnapshot(storage, {.checkpoint_reader = &reader});
    EXPECT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    return snapshot.ok() ? *snapshot : delta::Snapshot();
  }

  // The data files the latest snapshot has tombstones for.
  std::set<std::string> Tombstones() {
    std::set<std::string> paths;
    const delta::Snapshot snapshot = Latest(BronzeDir());
    for (const auto& [key, remove] : snapshot.tombstones()) {
      Result<std::string> path = delta::UriDecodePath(remove.path);
      EXPECT_TRUE(path.ok()) << remove.path;
      if (path.ok()) paths.insert(*path);
    }
    return paths;
  }

  bool Exists(const std::string& relative) const {
    return fs::exists(fs::path(BronzeDir()) / relative);
  }
  bool FirstCommitExists(const std::string& dir) const {
    return fs::exists(fs::path(dir) / delta::CommitPath(delta::TableVersion(0)));
  }

  testing::TempDir dir_;
  std::vector<StoredMessage> messages_;
  std::set<std::pair<int32_t, int64_t>> all_;
  std::set<std::pair<int32_t, int64_t>> good_;
  std::map<int32_t, int64_t> last_;
  ManualClock later_{SystemClock::Instance().NowMicros() + 2 * kDayMicros};
  ManualClock earlier_{SystemClock::Instance().NowMicros() - 2 * kDayMicros};
  BronzeMetrics metrics_;
};

TEST_F(BronzeMaintenanceTest, VacuumsExpiredRemovedFilesCleansTheLogAndResumesAtTheRightOffsets) {
  // 1. Half the stream, compacted every 10 commits "two days ago", no maintenance yet.
  Status status = Ingest({.optimize_every = 10, .compactor_clock = &earlier_, .to = 450});
  ASSERT_TRUE(status.ok()) << status.ToString();
  const std::set<std::string> old_tombstones = Tombstones();
  ASSERT_GT(old_tombstones.size(), 20u);
  for (const std::string& path : old_tombstones) ASSERT_TRUE(Exists(path)) << path;

  // Delta's defaults (what bronze uses unless told otherwise) keep all of it two days later.
  {
    TableMaintainer defaults(BronzeDir(), MaintainerOptions("bronze", DeltaDefaultRetention()));
    Result<MaintenanceReport> report = defaults.Run();
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_EQ(report->files_deleted, 0);
    EXPECT_EQ(report->log_files_deleted, 0);
  }

  // An idle writer of the group: its snapshots stay at this version while another process
  // ingests and cleans the log behind it.
  delta::LocalStorage idle_bronze(BronzeDir(), {.sync = false});
  delta::LocalStorage idle_quarantine(QuarantineDir(), {.sync = false});
  auto idle = BronzeCommitter::Open(idle_bronze, idle_quarantine, {});
  ASSERT_TRUE(idle.ok()) << idle.status().ToString();

  // 2. More of the stream with maintenance after each checkpoint and compactions "now".
  TableMaintainer maintainer(BronzeDir(), MaintainerOptions("bronze", TestRetention()));
  TableMaintainer quarantine_maintainer(QuarantineDir(),
                                        MaintainerOptions("quarantine", TestRetention()));
  status = Ingest({.bronze_hook = maintainer.Hook(),
                   .quarantine_hook = quarantine_maintainer.Hook(),
                   .optimize_every = 10,
                   .to = 750});
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_GE(metrics_.maintenance.runs.Value(), 1);
  EXPECT_EQ(metrics_.maintenance.failures.Value(), 0);
  // Removed four days ago: gone. Removed by the compactions of this run: still there.
  for (const std::string& path : old_tombstones) EXPECT_FALSE(Exists(path)) << path;
  EXPECT_EQ(metrics_.maintenance.vacuumed_files.Value(),
            static_cast<double>(old_tombstones.size()));
  int young = 0;
  for (const std::string& path : Tombstones()) {
    if (old_tombstones.contains(path)) continue;
    EXPECT_TRUE(Exists(path)) << path;
    ++young;
  }
  EXPECT_GT(young, 0);
  // Every commit before the latest checkpoint expired (a day, two days later): gone.
  EXPECT_FALSE(FirstCommitExists(BronzeDir()));
  EXPECT_GT(metrics_.maintenance.log_files_deleted.Value(), 0);
  ExpectExactlyOnce(750);

  // The idle writer's next version was cleaned up: it reloads from the checkpoint and sees
  // the other process's positions, never its stale ones.
  auto positions = (*idle)->Track({0, 1, 2});
  ASSERT_TRUE(positions.ok()) << positions.status().ToString();
  for (int32_t p : {0, 1, 2}) {
    EXPECT_EQ((*positions)[p].bronze,
              testing::TableTxnVersion(BronzeDir(), PartitionAppId(kDefaultAppId, kTopic, p)));
  }
  EXPECT_EQ((*idle)->bronze_version(), Latest(BronzeDir()).version());

  // 3. Restart: the stream redelivered from offset 0, as after a lost consumer commit; the
  //    txns come from the checkpoint (the commits that set them are gone).
  status = Ingest({.bronze_hook = maintainer.Hook(),
                   .quarantine_hook = quarantine_maintainer.Hook(),
                   .optimize_every = 10,
                   .redeliver_from_zero = true});
  ASSERT_TRUE(status.ok()) << status.ToString();
  ExpectExactlyOnce(messages_.size());
  EXPECT_EQ(metrics_.maintenance.failures.Value(), 0);
}

TEST_F(BronzeMaintenanceTest, TwoPassesRacingOnOneTableBothEndOk) {
  Status status = Ingest({.optimize_every = 10, .compactor_clock = &earlier_});
  ASSERT_TRUE(status.ok()) << status.ToString();
  const std::set<std::string> tombstones = Tombstones();
  ASSERT_GT(tombstones.size(), 20u);
  ASSERT_TRUE(FirstCommitExists(BronzeDir()));
  // Two processes of the group, each with its own maintainer, started together, three times.
  TableMaintainer first(BronzeDir(), MaintainerOptions("bronze", TestRetention()));
  TableMaintainer second(BronzeDir(), MaintainerOptions("bronze", TestRetention()));
  std::vector<Result<MaintenanceReport>> reports;
  std::mutex mutex;
  for (int round = 0; round < 3; ++round) {
    std::latch start(2);
    auto pass = [&](TableMaintainer* maintainer) {
      start.arrive_and_wait();
      Result<MaintenanceReport> report = maintainer->Run();
      std::lock_guard<std::mutex> lock(mutex);
      reports.push_back(std::move(report));
    };
    std::thread a(pass, &first);
    std::thread b(pass, &second);
    a.join();
    b.join();
  }
  for (const Result<MaintenanceReport>& report : reports) {
    EXPECT_TRUE(report.ok()) << report.status().ToString();
  }
  EXPECT_EQ(metrics_.maintenance.failures.Value(), 0);
  for (const std::string& path : tombstones) EXPECT_FALSE(Exists(path)) << path;
  EXPECT_FALSE(FirstCommitExists(BronzeDir()));
  ExpectExactlyOnce(messages_.size());
}

TEST_F(BronzeMaintenanceTest, AFailedPassIsCountedAndIngestionGoesOn) {
  TableRetention failing = TestRetention();
  // The first delete of the bronze table's maintenance fails (a full or read-only disk).
  failing.wrap_storage = [](delta::Storage& inner) -> std::unique_ptr<delta::Storage> {
    auto faulty = std::make_unique<delta::FaultInjectingStorage>(inner);
    faulty->Arm("storage.delete", delta::FaultKind::kError);
    return faulty;
  };
  TableMaintainer maintainer(BronzeDir(), MaintainerOptions("bronze", std::move(failing)));
  Status status = Ingest(
      {.bronze_hook = maintainer.Hook(), .optimize_every = 10, .compactor_clock = &earlier_});
  ASSERT_TRUE(status.ok()) << status.ToString();
  // Checkpoints at 100, 200, 300: the first pass failed, the next ones did the work.
  EXPECT_EQ(metrics_.maintenance.failures.Value(), 1);
  EXPECT_GE(metrics_.maintenance.runs.Value(), 1);
  EXPECT_GT(metrics_.maintenance.vacuumed_files.Value(), 0);
  ExpectExactlyOnce(messages_.size());
}

}  // namespace
}  // namespace salesflow::pipeline
