// delta_bench: commit latency on local disk (fsync on, p50/p99/max) and the time to load a
// snapshot of a JSON-only log (fixture written without fsync).
//   delta_bench [DIR] [--commits N] [--log-commits M]
// DIR defaults to a fresh directory under $TMPDIR (on the disk being measured).
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "delta/local_storage.h"
#include "delta/transaction.h"
#include "delta/unique_id.h"

namespace salesflow::delta {
namespace {

constexpr const char* kSchema =
    R"j({"type":"struct","fields":[{"name":"vente_id","type":"long","nullable":false,"metadata":{}},{"name":"montant","type":"decimal(18,2)",
   "nullable" : true, "metadata" : {}
},{"name":"date_vente","type":"date","nullable":true,"metadata":{}}]
})j";

using Clock = std::chrono::steady_clock;

double Millis(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

AddFile BronzeLikeFile(int64_t i) {
  AddFile add;
  std::string day = "2024-12-" + std::to_string(10 + i % 20);
  add.partition_values = {{"date_vente", day}};
  add.path = "date_vente=" + day + "/part-00000-" + RandomUuid() + ".c000.zstd.parquet";
  add.size = 250'000 + i;
  add.modification_time = 1'734'000'000'000 + i;
  add.stats =
      R"j({"numRecords":5000,"minValues":{"vente_id":1,"montant":0.5},"maxValues":{"vente_id":5000,"montant":4499.95},"nullCount":{"vente_id":0,"montant":0}})j";
  return add;
}

int Run(const std::string& root, int commits, int log_commits) {
  // 1. Commit latency with fsync: one add + one txn per commit, as bronze writes them.
  std::string latency_dir = root + "/latency";
  LocalStorage storage(latency_dir);
  if (!CreateTable(storage, NewTableMetadata(kSchema, {"date_vente"}, {})).ok()) return 1;
  Snapshot snapshot = LoadSnapshot(storage).value();
  std::vector<double> latencies;
  for (int i = 0; i < commits; ++i) {
    auto start = Clock::now();
    Transaction txn(snapshot);
    txn.AddFile(BronzeLikeFile(i));
    txn.SetTxn("salesflow-ventes_stream-0", i);
    Result<CommitResult> result = txn.Commit(storage);
    if (!result.ok()) {
      std::fprintf(stderr, "commit failed: %s\n", result.status().ToString().c_str());
      return 1;
    }
    if (!snapshot.CatchUp(storage).ok()) return 1;
    latencies.push_back(Millis(Clock::now() - start));
  }
  std::sort(latencies.begin(), latencies.end());
  auto at = [&](double q) { return latencies[static_cast<size_t>(q * (latencies.size() - 1))]; };
  std::printf("commit latency (fsync, %d commits): p50 %.3f ms  p99 %.3f ms  max %.3f ms\n",
              commits, at(0.5), at(0.99), latencies.back());

  // 2. Snapshot load of a JSON-only log of `log_commits` commits.
  std::string log_dir = root + "/log";
  LocalStorage fast(log_dir, {.sync = false});
  if (!CreateTable(fast, NewTableMetadata(kSchema, {"date_vente"}, {})).ok()) return 1;
  Snapshot building = LoadSnapshot(fast).value();
  for (int i = 0; i < log_commits; ++i) {
    Transaction txn(building);
    txn.AddFile(BronzeLikeFile(i));
    txn.SetTxn("salesflow-ventes_stream-" + std::to_string(i % 3), i);
    Result<CommitResult> result = txn.Commit(fast);
    if (!result.ok() || !building.CatchUp(fast).ok()) return 1;
  }
  double best = 1e18;
  size_t files = 0;
  for (int round = 0; round < 3; ++round) {
    auto start = Clock::now();
    Result<Snapshot> loaded = LoadSnapshot(fast);
    double ms = Millis(Clock::now() - start);
    if (!loaded.ok()) return 1;
    files = loaded->active_files().size();
    best = std::min(best, ms);
  }
  std::printf("snapshot load (JSON-only log, %d commits, %zu files): %.1f ms (best of 3)\n",
              log_commits + 1, files, best);
  return 0;
}

}  // namespace
}  // namespace salesflow::delta

int main(int argc, char** argv) {
  std::string root;
  int commits = 500;
  int log_commits = 10'000;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--commits" && i + 1 < argc) {
      commits = std::atoi(argv[++i]);
    } else if (arg == "--log-commits" && i + 1 < argc) {
      log_commits = std::atoi(argv[++i]);
    } else {
      root = arg;
    }
  }
  bool temporary = root.empty();
  if (temporary) {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/delta-bench-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) return 1;
    root = pattern;
  }
  int rc = salesflow::delta::Run(root, commits, log_commits);
  if (temporary) std::filesystem::remove_all(root);
  return rc;
}
