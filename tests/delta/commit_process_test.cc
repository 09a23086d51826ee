#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include "delta/action_json.h"
#include "delta/fault_injecting_storage.h"
#include "delta/local_storage.h"
#include "delta/log_files.h"
#include "delta/transaction.h"
#include "test_table_dir.h"

namespace salesflow::delta {
namespace {

constexpr const char* kSchema =
    R"({"type":"struct","fields":[{"name":"v","type":"long","nullable":true,"metadata":{}}]})";

pid_t Spawn(std::vector<std::string> args) {
  args.insert(args.begin(), DELTA_COMMIT_DRIVER);
  pid_t pid = ::fork();
  SF_CHECK(pid >= 0);
  if (pid == 0) {
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

// Exit code of a child, or 128 + signal.
int Wait(pid_t pid) {
  int status = 0;
  SF_CHECK(::waitpid(pid, &status, 0) == pid);
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}

// Every visible commit parses, versions are contiguous from 0, and the snapshot loads.
Snapshot VerifyLog(const std::string& dir) {
  LocalStorage storage(dir);
  Result<LogListing> listing = ListLog(storage);
  SF_CHECK(listing.ok());
  for (const LogFile& commit : listing->commits) {
    Result<std::vector<Action>> actions = ReadCommit(storage, commit.version);
    EXPECT_TRUE(actions.ok()) << commit.info.name << ": " << actions.status().ToString();
    EXPECT_FALSE(actions->empty()) << commit.info.name;
  }
  Result<Snapshot> snapshot = LoadSnapshot(storage);
  SF_CHECK(snapshot.ok());
  return std::move(snapshot).value();
}

class CommitProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LocalStorage storage(dir_.path());
    ASSERT_TRUE(CreateTable(storage, NewTableMetadata(kSchema, {}, {})).ok());
  }
  testing::TestTableDir dir_;
};

// 4 processes x 200 appends: exactly 800 data commits, every add present once. Commits skip
// fsync here (LocalStorageOptions::sync = false) only to keep the test fast; the publish
// protocol (temp + link) is the same.
TEST_F(CommitProcessTest, FourProcessesAppendingLoseNothing) {
  constexpr int kWriters = 4;
  constexpr int kCommits = 200;
  std::vector<pid_t> pids;
  for (int w = 0; w < kWriters; ++w) {
    pids.push_back(Spawn(
        {"append", dir_.path(), "w" + std::to_string(w), std::to_string(kCommits), "nosync"}));
  }
  for (pid_t pid : pids) EXPECT_EQ(Wait(pid), 0);
  Snapshot snapshot = VerifyLog(dir_.path());
  EXPECT_EQ(snapshot.version(), TableVersion(kWriters * kCommits));
  LocalStorage storage(dir_.path());
  std::multiset<std::string> added;
  for (int64_t v = 1; v <= snapshot.version().value(); ++v) {
    std::vector<Action> actions = ReadCommit(storage, TableVersion(v)).value();
    int adds = 0;
    for (const Action& action : actions) {
      if (const auto* add = std::get_if<AddFile>(&action)) {
        added.insert(add->path);
        ++adds;
      }
    }
    EXPECT_EQ(adds, 1) << "version " << v;
  }
  EXPECT_EQ(added.size(), static_cast<size_t>(kWriters * kCommits));
  EXPECT_EQ(std::set<std::string>(added.begin(), added.end()).size(), added.size());
  EXPECT_EQ(snapshot.active_files().size(), static_cast<size_t>(kWriters * kCommits));
  for (int w = 0; w < kWriters; ++w) {
    for (int i = 0; i < kCommits; i += 37) {
      std::string prefix = "part-w" + std::to_string(w) + "-" + std::to_string(i) + "-";
      auto it = added.lower_bound(prefix);
      EXPECT_TRUE(it != added.end() && it->starts_with(prefix)) << prefix;
    }
  }
}

TEST_F(CommitProcessTest, SameTxnFromTwoProcessesCommitsOnce) {
  pid_t a = Spawn({"txn", dir_.path(), "bronze-ventes_stream-0", "41"});
  pid_t b = Spawn({"txn", dir_.path(), "bronze-ventes_stream-0", "41"});
  // Both have read version 0 before either commits.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!std::filesystem::exists(dir_.path() + "/ready-" + std::to_string(a)) ||
         !std::filesystem::exists(dir_.path() + "/ready-" + std::to_string(b))) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline);
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  std::ofstream(dir_.path() + "/go").put('1');
  std::multiset<int> codes = {Wait(a), Wait(b)};
  EXPECT_EQ(codes, (std::multiset<int>{0, 3}));
  Snapshot snapshot = VerifyLog(dir_.path());
  EXPECT_EQ(snapshot.version(), TableVersion(1));
  EXPECT_EQ(snapshot.TxnVersion("bronze-ventes_stream-0"), 41);
  EXPECT_EQ(snapshot.active_files().size(), 1u);
}

TEST_F(CommitProcessTest, ProcessDyingAtEveryCommitPointLeavesNoHalfCommit) {
  for (const std::string& point : fault_points::CommitPoints()) {
    LocalStorage storage(dir_.path());
    TableVersion before = LoadSnapshot(storage).value().version();
    EXPECT_EQ(Wait(Spawn({"crash", dir_.path(), point})), kFaultExitCode) << point;
    Snapshot after = VerifyLog(dir_.path());
    // Dying before the link publishes nothing; after it the whole commit is there.
    bool published = point != fault_points::kCommitAfterTempWrite;
    EXPECT_EQ(after.version(), published ? before.next() : before) << point;
    Transaction next(after);
    next.AddFile({.path = "next-" + point, .size = 1});
    Result<CommitResult> result = next.Commit(storage);
    ASSERT_TRUE(result.ok()) << point << ": " << result.status().ToString();
    EXPECT_EQ(result->version, after.version().next());
  }
}

TEST_F(CommitProcessTest, SigkillAtRandomMomentsNeverCorruptsTheLog) {
  std::mt19937 random(12345);
  std::uniform_int_distribution<int> delay_ms(5, 120);
  int64_t last_txn = -1;
  for (int round = 0; round < 8; ++round) {
    pid_t pid = Spawn({"loop", dir_.path()});
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
    ::kill(pid, SIGKILL);
    EXPECT_EQ(Wait(pid), 128 + SIGKILL);
    Snapshot snapshot = VerifyLog(dir_.path());
    // Each visible commit is complete: its txn and its add arrived together.
    std::optional<int64_t> txn = snapshot.TxnVersion("loop");
    if (txn) {
      EXPECT_GE(*txn, 0);
      last_txn = *txn;
    }
    int64_t loop_files = 0;
    for (const auto& [key, add] : snapshot.active_files())
      loop_files += add.path.starts_with("part-loop-");
    EXPECT_EQ(loop_files, snapshot.version().value()) << "round " << round;
  }
  EXPECT_GE(last_txn, 0) << "the writer never got a commit in before being killed";
}

}  // namespace
}  // namespace salesflow::delta
