// The exactly-once core of bronze without a broker: messages are fed to BronzeIngester's core
// (Assign/Process/Flush) as a consumer would deliver them, over LocalStorage wrapped in the
// delta module's FaultInjectingStorage. What the issue asks: a crash at each named point (after
// a data file, between the quarantine and bronze commits, inside each commit, during a
// checkpoint) followed by a restart ends with bronze ∪ quarantine == every message as sets of
// (partition, offset), disjoint, nothing twice; a zombie writer cannot commit beside the new
// owner; a restart resumes at offset + 1; rejects are never duplicated. Also the table checks
// (retention refused, app-id), --new-cluster and --seek-offsets.

#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "bronze_test_support.h"
#include "delta/checkpoint_writer.h"
#include "delta/fault_injecting_storage.h"
#include "delta/local_storage.h"
#include "delta/parquet_checkpoint_reader.h"
#include "delta/snapshot.h"
#include "delta/transaction.h"
#include "event/sale_decoder.h"
#include "pipeline/bronze_committer.h"
#include "pipeline/bronze_compactor.h"
#include "pipeline/bronze_ingester.h"
#include "pipeline/bronze_schema.h"
#include "pipeline/checkpoint_worker.h"

namespace salesflow::pipeline {
namespace {

using testing::StoredMessage;
using testing::TableContents;

constexpr const char* kTopic = "ventes_stream";

BronzeIngesterOptions CoreOptions(int64_t flush_every) {
  BronzeIngesterOptions options;
  options.flush = FlushPolicy{
      .max_rows = flush_every, .max_bytes = int64_t{1} << 40, .max_latency = std::chrono::hours(1)};
  return options;
}

// Feeds `messages` (from each partition's stored position, as a consumer that seeks would)
// through a fresh committer + ingester on the given storages; flushes by row count.
Status Ingest(delta::Storage& bronze, delta::Storage& quarantine,
              const std::vector<StoredMessage>& messages, int64_t flush_every,
              BronzeCommitterOptions committer_options = {}, bool redeliver_from_zero = false) {
  SF_ASSIGN_OR_RETURN(auto committer,
                      BronzeCommitter::Open(bronze, quarantine, std::move(committer_options)));
  BronzeIngester ingester(*committer, CoreOptions(flush_every));
  SF_ASSIGN_OR_RETURN(auto start, ingester.Assign({0, 1, 2}));
  for (const StoredMessage& m : messages) {
    if (!redeliver_from_zero && m.offset < start[m.partition]) continue;
    SF_RETURN_IF_ERROR(ingester.Process(m.View(kTopic)));
    SF_RETURN_IF_ERROR(ingester.MaybeFlush());
  }
  return ingester.Flush();
}

class BronzeExactlyOnceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // 900 messages over ~9 days (one per 15 min), 5% broken, 3 partitions.
    messages_ = testing::GenerateMessages(900, 3, 0.05, 7, int64_t{15} * 60 * 1'000'000);
    SaleDecoder decoder;
    for (const StoredMessage& m : messages_) {
      all_.emplace(m.partition, m.offset);
      if (decoder.Decode(m.payload).ok()) {
        good_.emplace(m.partition, m.offset);
        good_cents_ += m.montant_cents;
      }
      last_[m.partition] = m.offset;
    }
    ASSERT_LT(good_.size(), all_.size());  // some rejects exist
    ASSERT_GT(good_.size(), all_.size() / 2);
  }

  std::string BronzeDir() const { return dir_.Sub("delta_ventes_table"); }
  std::string QuarantineDir() const { return dir_.Sub("delta_ventes_rejets"); }

  // Checks the invariants of the issue on the two tables.
  void ExpectExactlyOnce() { ExpectExactlyOnceIn(BronzeDir(), QuarantineDir()); }
  void ExpectExactlyOnceIn(const std::string& bronze_dir, const std::string& quarantine_dir) {
    TableContents bronze;
    TableContents quarantine;
    Status read = testing::ReadBronzeTable(bronze_dir, &bronze);
    ASSERT_TRUE(read.ok()) << read.ToString();
    read = testing::ReadQuarantineTable(quarantine_dir, &quarantine);
    ASSERT_TRUE(read.ok()) << read.ToString();
    std::set<std::pair<int32_t, int64_t>> bronze_set(bronze.coordinates.begin(),
                                                     bronze.coordinates.end());
    std::set<std::pair<int32_t, int64_t>> quarantine_set(quarantine.coordinates.begin(),
                                                         quarantine.coordinates.end());
    EXPECT_EQ(bronze_set.size(), bronze.coordinates.size()) << "a message twice in bronze";
    EXPECT_EQ(quarantine_set.size(), quarantine.coordinates.size())
        << "a message twice in quarantine";
    EXPECT_EQ(bronze_set, good_);
    std::set<std::pair<int32_t, int64_t>> rejects;
    for (const auto& c : all_) {
      if (!good_.contains(c)) rejects.insert(c);
    }
    EXPECT_EQ(quarantine_set, rejects);
    EXPECT_EQ(bronze.montant_cents, good_cents_);
    for (const auto& [id, n] : bronze.vente_ids) EXPECT_EQ(n, 1) << "vente_id " << id;
    for (const auto& [p, last] : last_) {
      EXPECT_EQ(testing::TableTxnVersion(bronze_dir, PartitionAppId(kDefaultAppId, kTopic, p)),
                last)
          << "partition " << p;
    }
  }

  testing::TempDir dir_;
  std::vector<StoredMessage> messages_;
  std::set<std::pair<int32_t, int64_t>> all_;
  std::set<std::pair<int32_t, int64_t>> good_;
  int64_t good_cents_ = 0;
  std::map<int32_t, int64_t> last_;
};

TEST_F(BronzeExactlyOnceTest, OneRunWritesEveryMessageOnceWithDaysInOneCommit) {
  delta::LocalStorage bronze(BronzeDir());
  delta::LocalStorage quarantine(QuarantineDir());
  ASSERT_TRUE(Ingest(bronze, quarantine, messages_, 200).ok());
  ExpectExactlyOnce();
  // A flush of 200 messages spans ~2 days: several files (one per date_vente) in one commit.
  auto actions = delta::ReadCommit(bronze, delta::TableVersion(1));
  ASSERT_TRUE(actions.ok()) << actions.status().ToString();
  std::set<std::string> days;
  int txns = 0;
  for (const delta::Action& a : *actions) {
    if (const auto* add = std::get_if<delta::AddFile>(&a)) {
      ASSERT_EQ(add->partition_values.size(), 1u);
      EXPECT_TRUE(days.insert(add->partition_values[0].second.value_or("null")).second)
          << "two files of one day in one commit";
    }
    txns += std::holds_alternative<delta::Txn>(a);
  }
  EXPECT_GE(days.size(), 2u);
  EXPECT_EQ(txns, 3);  // one per Kafka partition covered
}

TEST_F(BronzeExactlyOnceTest, RedeliveredMessagesAreSkippedAndRestartResumesAtOffsetPlusOne) {
  delta::LocalStorage bronze(BronzeDir());
  delta::LocalStorage quarantine(QuarantineDir());
  std::vector<StoredMessage> first_half;
  for (const StoredMessage& m : messages_) {
    if (m.offset < 150) first_half.push_back(m);
  }
  ASSERT_TRUE(Ingest(bronze, quarantine, first_half, 64).ok());
  // Restart: positions come from the tables.
  auto committer = BronzeCommitter::Open(bronze, quarantine, {});
  ASSERT_TRUE(committer.ok());
  BronzeIngester ingester(**committer, CoreOptions(64));
  auto start = ingester.Assign({0, 1, 2});
  ASSERT_TRUE(start.ok());
  for (int p = 0; p < 3; ++p) EXPECT_EQ((*start)[p], std::min<int64_t>(150, last_[p] + 1));
  // A consumer that re-delivers everything from offset 0 changes nothing for the first half.
  ASSERT_TRUE(Ingest(bronze, quarantine, messages_, 64, {}, /*redeliver_from_zero=*/true).ok());
  ExpectExactlyOnce();
}

TEST_F(BronzeExactlyOnceTest, CrashAtEveryNamedPointThenRestartLosesAndDuplicatesNothing) {
  struct Case {
    bool on_bronze;     // which table's storage crashes
    std::string point;  // FaultInjectingStorage point
    int skip;           // hits to let pass first
    std::string what;
  };
  std::vector<Case> cases = {
      {true, "storage.rename", 1, "after a bronze data file, before the next one and the commit"},
      {false, "storage.rename", 0, "after the quarantine data file, before its commit"},
      {false, delta::fault_points::kCommitAfterDirSync, 1,
       "between the quarantine and the bronze commit"},
  };
  for (const std::string& point : delta::fault_points::CommitPoints()) {
    cases.push_back({true, point, 2, "inside the bronze commit at " + point});
    cases.push_back({false, point, 1, "inside the quarantine commit at " + point});
  }
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    testing::TempDir dir;
    std::string bronze_dir = dir.Sub("b");
    std::string quarantine_dir = dir.Sub("q");
    {
      delta::LocalStorage bronze(bronze_dir);
      delta::LocalStorage quarantine(quarantine_dir);
      delta::FaultInjectingStorage faulty(c.on_bronze ? static_cast<delta::Storage&>(bronze)
                                                      : quarantine);
      faulty.Arm(c.point, delta::FaultKind::kCrash, c.skip);
      Status status = c.on_bronze ? Ingest(faulty, quarantine, messages_, 100)
                                  : Ingest(bronze, faulty, messages_, 100);
      ASSERT_FALSE(status.ok()) << "the fault never fired";
      ASSERT_TRUE(faulty.crashed()) << status.ToString();
    }
    // The restarted process: fresh storages on the same directories.
    delta::LocalStorage bronze(bronze_dir);
    delta::LocalStorage quarantine(quarantine_dir);
    Status status = Ingest(bronze, quarantine, messages_, 100);
    ASSERT_TRUE(status.ok()) << status.ToString();
    ExpectExactlyOnceIn(bronze_dir, quarantine_dir);
  }
}

TEST_F(BronzeExactlyOnceTest, CrashDuringACheckpointLeavesTheTableReadableAndExact) {
  delta::LocalStorage bronze(BronzeDir());
  delta::LocalStorage quarantine(QuarantineDir());
  std::vector<StoredMessage> first_half;
  for (const StoredMessage& m : messages_) {
    if (m.offset < 150) first_half.push_back(m);
  }
  ASSERT_TRUE(Ingest(bronze, quarantine, first_half, 50).ok());
  for (const char* point : {delta::fault_points::kCheckpointAfterTempWrite,
                            delta::fault_points::kCheckpointBeforeRename,
                            delta::fault_points::kLastCheckpointBeforeRename}) {
    SCOPED_TRACE(point);
    delta::FaultInjectingStorage faulty(bronze);
    faulty.Arm(point, delta::FaultKind::kCrash);
    auto snapshot = delta::LoadSnapshot(bronze);
    ASSERT_TRUE(snapshot.ok());
    EXPECT_FALSE(delta::WriteCheckpoint(faulty, *snapshot).ok());
    EXPECT_TRUE(faulty.crashed());
  }
  // And one complete checkpoint, so the restart reads through it.
  auto snapshot = delta::LoadSnapshot(bronze);
  ASSERT_TRUE(snapshot.ok());
  ASSERT_TRUE(delta::WriteCheckpoint(bronze, *snapshot).ok());
  Status status = Ingest(bronze, quarantine, messages_, 50);
  ASSERT_TRUE(status.ok()) << status.ToString();
  ExpectExactlyOnce();
}

TEST_F(BronzeExactlyOnceTest, BackgroundCompactionWhileIngestingKeepsEveryMessageOnce) {
  delta::LocalStorage bronze(BronzeDir());
  delta::LocalStorage quarantine(QuarantineDir());
  auto committer = BronzeCommitter::Open(bronze, quarantine, {});
  ASSERT_TRUE(committer.ok());
  int64_t compactions = 0;
  {
    // Its own storages, as RunBronzeJob gives them (they are used from their threads).
    delta::LocalStorage compactor_storage(BronzeDir());
    delta::LocalStorage quarantine_checkpoint_storage(QuarantineDir());
    BronzeCompactor compactor(compactor_storage, {.every = 5});
    CheckpointWorker quarantine_checkpoints(quarantine_checkpoint_storage);
    BronzeIngesterOptions options = CoreOptions(10);
    options.compactor = &compactor;
    options.quarantine_checkpoints = &quarantine_checkpoints;
    BronzeIngester ingester(**committer, options);
    ASSERT_TRUE(ingester.Assign({0, 1, 2}).ok());
    for (const StoredMessage& m : messages_) {
      ASSERT_TRUE(ingester.Process(m.View(kTopic)).ok());
      ASSERT_TRUE(ingester.MaybeFlush().ok());
    }
    ASSERT_TRUE(ingester.Flush().ok());
    // 90 commits of 10 messages each spread over ~9 days: compactions ran beside the commits.
    ASSERT_GE(ingester.totals().flushes, 80);
    compactor.WaitIdle();
    compactions = compactor.compactions();
  }
  EXPECT_GT(compactions, 0);
  auto snapshot = delta::LoadSnapshot(bronze);
  ASSERT_TRUE(snapshot.ok());
  // Fewer files than commits x days touched: the small files were merged.
  EXPECT_LT(snapshot->active_files().size(), 90u);
  int optimize_commits = 0;
  for (int64_t v = 0; v <= snapshot->version().value(); ++v) {
    auto actions = delta::ReadCommit(bronze, delta::TableVersion(v));
    ASSERT_TRUE(actions.ok());
    for (const delta::Action& a : *actions) {
      if (const auto* info = std::get_if<delta::CommitInfo>(&a)) {
        optimize_commits += info->operation == "OPTIMIZE" ? 1 : 0;
      }
    }
  }
  EXPECT_EQ(optimize_commits, compactions);
  ExpectExactlyOnce();
}

TEST_F(BronzeExactlyOnceTest, ZombieWriterCannotCommitBesideTheNewOwner) {
  delta::LocalStorage bronze(BronzeDir());
  delta::LocalStorage quarantine(QuarantineDir());
  auto zombie_committer = BronzeCommitter::Open(bronze, quarantine, {});
  ASSERT_TRUE(zombie_committer.ok());
  BronzeIngester zombie(**zombie_committer, CoreOptions(1'000'000));
  ASSERT_TRUE(zombie.Assign({0, 1, 2}).ok());
  // The zombie buffers the first 100 messages, then freezes (SIGSTOP past the session timeout).
  for (size_t i = 0; i < 100; ++i) ASSERT_TRUE(zombie.Process(messages_[i].View(kTopic)).ok());
  // The group gives its partitions to a new owner, which reads the same positions and commits.
  auto owner_committer = BronzeCommitter::Open(bronze, quarantine, {});
  ASSERT_TRUE(owner_committer.ok());
  BronzeIngester owner(**owner_committer, CoreOptions(1'000'000));
  ASSERT_TRUE(owner.Assign({0, 1, 2}).ok());
  for (size_t i = 0; i < 300; ++i) ASSERT_TRUE(owner.Process(messages_[i].View(kTopic)).ok());
  ASSERT_TRUE(owner.Flush().ok());
  // The zombie wakes up and flushes: fenced by the txn versions it saw at assignment.
  Status zombie_flush = zombie.Flush();
  EXPECT_EQ(zombie_flush.code(), StatusCode::kConflict) << zombie_flush.ToString();
  // The new owner finishes the stream.
  for (size_t i = 300; i < messages_.size(); ++i) {
    ASSERT_TRUE(owner.Process(messages_[i].View(kTopic)).ok());
  }
  ASSERT_TRUE(owner.Flush().ok());
  ExpectExactlyOnce();
}

TEST_F(BronzeExactlyOnceTest, NewOwnerThatLostTheRaceToAZombieRereadsAndDuplicatesNothing) {
  delta::LocalStorage bronze(BronzeDir());
  delta::LocalStorage quarantine(QuarantineDir());
  auto zombie_committer = BronzeCommitter::Open(bronze, quarantine, {});
  auto owner_committer = BronzeCommitter::Open(bronze, quarantine, {});
  ASSERT_TRUE(zombie_committer.ok() && owner_committer.ok());
  BronzeIngester zombie(**zombie_committer, CoreOptions(1'000'000));
  BronzeIngester owner(**owner_committer, CoreOptions(1'000'000));
  ASSERT_TRUE(zombie.Assign({0, 1, 2}).ok());
  ASSERT_TRUE(owner.Assign({0, 1, 2}).ok());
  for (size_t i = 0; i < 200; ++i) ASSERT_TRUE(zombie.Process(messages_[i].View(kTopic)).ok());
  for (size_t i = 0; i < 300; ++i) ASSERT_TRUE(owner.Process(messages_[i].View(kTopic)).ok());
  // The zombie commits first (nobody committed since it read): allowed, it was the owner.
  ASSERT_TRUE(zombie.Flush().ok());
  // The new owner's commit is refused; it drops its buffer and re-reads from the tables.
  EXPECT_EQ(owner.Flush().code(), StatusCode::kConflict);
  owner.DropAll();
  auto start = owner.Assign({0, 1, 2});
  ASSERT_TRUE(start.ok());
  for (const StoredMessage& m : messages_) {
    if (m.offset < (*start)[m.partition]) continue;
    ASSERT_TRUE(owner.Process(m.View(kTopic)).ok());
  }
  ASSERT_TRUE(owner.Flush().ok());
  ExpectExactlyOnce();
}

TEST_F(BronzeExactlyOnceTest, RefusesTablesWhoseTxnsExpire) {
  delta::LocalStorage bronze(BronzeDir());
  delta::LocalStorage quarantine(QuarantineDir());
  delta::Metadata metadata = NewBronzeMetadata(kDefaultAppId);
  metadata.configuration.emplace_back("delta.setTransactionRetentionDuration", "interval 1 days");
  ASSERT_TRUE(delta::CreateTable(bronze, metadata).ok());
  auto committer = BronzeCommitter::Open(bronze, quarantine, {});
  ASSERT_FALSE(committer.ok());
  EXPECT_EQ(committer.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(committer.status().message().find("setTransactionRetentionDuration"),
            std::string::npos);
}

TEST_F(BronzeExactlyOnceTest, AppIdIsATablePropertyAndNewClusterSwitchesItExplicitly) {
  delta::LocalStorage bronze(BronzeDir());
  delta::LocalStorage quarantine(QuarantineDir());
  std::vector<StoredMessage> some(messages_.begin(), messages_.begin() + 90);
  ASSERT_TRUE(Ingest(bronze, quarantine, some, 1000).ok());
  auto other = BronzeCommitter::Open(bronze, quarantine, {.app_id = "someone-else"});
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.status().message().find("--new-cluster"), std::string::npos);

  auto switched = BronzeCommitter::Open(bronze, quarantine, {.new_cluster = true});
  ASSERT_TRUE(switched.ok()) << switched.status().ToString();
  EXPECT_EQ((*switched)->app_id(), "salesflow-bronze.1");
  EXPECT_EQ((*switched)->kafka_epoch(), 1);
  auto positions = (*switched)->Track({0, 1, 2});
  ASSERT_TRUE(positions.ok());
  for (const auto& [p, position] : *positions) EXPECT_FALSE(position.bronze.has_value());
  // Reopening without the flag keeps the new app-id (it is the table's now).
  auto reopened = BronzeCommitter::Open(bronze, quarantine, {});
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ((*reopened)->app_id(), "salesflow-bronze.1");
  // A second switch numbers on.
  ASSERT_TRUE(Ingest(bronze, quarantine, some, 1000).ok());
  auto again = BronzeCommitter::Open(bronze, quarantine, {.new_cluster = true});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->app_id(), "salesflow-bronze.2");
}

TEST_F(BronzeExactlyOnceTest, SeekOffsetsSetStartPositionsInACommitOfTheirOwn) {
  delta::LocalStorage bronze(BronzeDir());
  delta::LocalStorage quarantine(QuarantineDir());
  auto committer = BronzeCommitter::Open(bronze, quarantine, {});
  ASSERT_TRUE(committer.ok());
  auto seek = ParseSeekOffsets("{\"0\": 9, \"2\": 4}");
  ASSERT_TRUE(seek.ok());
  auto set = (*committer)->SeekOffsets(*seek);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(*set, (std::vector<int32_t>{0, 2}));
  BronzeIngester ingester(**committer, CoreOptions(100));
  auto start = ingester.Assign({0, 1, 2});
  ASSERT_TRUE(start.ok());
  EXPECT_EQ((*start)[0], 10);
  EXPECT_EQ((*start)[1], kOffsetBeginning.value());
  EXPECT_EQ((*start)[2], 5);
  // A stored position wins over a later --seek-offsets.
  auto again = (*committer)->SeekOffsets({{0, 100}});
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
  EXPECT_EQ(ParseSeekOffsets("0:1,1:2")->size(), 2u);
  EXPECT_FALSE(ParseSeekOffsets("0=1").ok());
  EXPECT_FALSE(ParseSeekOffsets("0:1,0:2").ok());
}

}  // namespace
}  // namespace salesflow::pipeline
