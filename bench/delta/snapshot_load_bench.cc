// snapshot_load_bench: time to load the latest snapshot of a table with many commits and a
// checkpoint every 100 (delta.checkpointInterval=100, as salesflow's streaming tables), through
// _last_checkpoint + the Parquet checkpoint + the commits after it.
//   snapshot_load_bench [--commits N] [--dir DIR] [--runs R]
// The fixture (written once into DIR, default a fresh directory under $TMPDIR, no fsync) looks
// like bronze: each commit appends one file with stats; every 100th commit is an OPTIMIZE that
// replaces the previous 100 files by one (tombstones older than the retention, so checkpoints
// stay the size of the live table, as they do in production after a week).
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "delta/action_json.h"
#include "delta/checkpoint_writer.h"
#include "delta/local_storage.h"
#include "delta/log_files.h"
#include "delta/parquet_checkpoint_reader.h"
#include "delta/schema_json.h"
#include "delta/snapshot.h"
#include "delta/transaction.h"
#include "delta/unique_id.h"

namespace salesflow::delta {
namespace {

using SteadyClock = std::chrono::steady_clock;

AddFile BronzeFile(int64_t i, bool compacted) {
  AddFile add;
  std::string day = "2024-12-" + std::to_string(10 + i % 20);
  add.partition_values = {{"date_vente", day}};
  add.path = "date_vente=" + day + "/part-00000-" + RandomUuid() + "-c000.zstd.parquet";
  add.size = compacted ? 25'000'000 : 250'000;
  add.modification_time = 1'733'000'000'000 + i;
  add.data_change = !compacted;
  add.stats =
      R"({"numRecords":1000,"minValues":{"vente_id":)" + std::to_string(i * 1000) +
      R"(,"montant":0.5,"client_nom":"Client 1"},"maxValues":{"vente_id":)" +
      std::to_string(i * 1000 + 999) +
      R"(,"montant":1799.98,"client_nom":"Client 9"},"nullCount":{"vente_id":0,"montant":0,"client_nom":0}})";
  return add;
}

int BuildFixture(const std::string& dir, int64_t commits) {
  LocalStorage storage(dir, {.sync = false});
  StructType schema{{{"vente_id", DataType::Primitive("long"), false},
                     {"montant", DataType::Decimal(18, 2)},
                     {"client_nom", DataType::Primitive("string")},
                     {"date_vente", DataType::Primitive("date")}}};
  Metadata metadata =
      NewTableMetadata(SchemaToJson(schema), {"date_vente"}, {{"delta.checkpointInterval", "100"}});
  if (!CreateTable(storage, metadata).ok()) return 1;
  Result<Snapshot> snapshot = LoadSnapshot(storage);
  if (!snapshot.ok()) return 1;
  std::vector<AddFile> pending;  // files since the last OPTIMIZE
  std::filesystem::path log = std::filesystem::path(dir) / "_delta_log";
  for (int64_t v = 1; v <= commits; ++v) {
    std::vector<Action> actions;
    CommitInfo info;
    info.timestamp = 1'733'000'000'000 + v;
    if (v % 100 == 0) {
      info.operation = "OPTIMIZE";
      actions.emplace_back(info);
      for (const AddFile& f : pending) {
        RemoveFile r;
        r.path = f.path;
        r.deletion_timestamp = 1'600'000'000'000;  // long expired
        r.data_change = false;
        actions.emplace_back(r);
      }
      pending.clear();
      actions.emplace_back(BronzeFile(v, true));
    } else {
      info.operation = "WRITE";
      actions.emplace_back(info);
      Txn txn{"salesflow-bronze-ventes_stream-0", v, info.timestamp};
      actions.emplace_back(txn);
      AddFile add = BronzeFile(v, false);
      pending.push_back(add);
      actions.emplace_back(add);
    }
    std::ofstream(log / CommitPath(TableVersion(v)).substr(kLogDir.size() + 1))
        << SerializeCommit(actions);
    if (!snapshot->Apply(TableVersion(v), actions).ok()) return 1;
    if (v % 100 == 0 && !WriteCheckpoint(storage, *snapshot).ok()) return 1;
  }
  return 0;
}

}  // namespace
}  // namespace salesflow::delta

int main(int argc, char** argv) {
  using namespace salesflow::delta;
  int64_t commits = 100'000;
  int runs = 5;
  std::string dir;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--commits") commits = std::atoll(argv[i + 1]);
    if (flag == "--dir") dir = argv[i + 1];
    if (flag == "--runs") runs = std::atoi(argv[i + 1]);
  }
  if (dir.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp ? tmp : "/tmp") + "/salesflow-snapload-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) return 1;
    dir = pattern;
  }
  if (!std::filesystem::exists(std::filesystem::path(dir) / "_delta_log")) {
    auto start = SteadyClock::now();
    if (BuildFixture(dir, commits) != 0) {
      std::fprintf(stderr, "fixture failed\n");
      return 1;
    }
    std::fprintf(stderr, "fixture: %lld commits in %.1f s (%s)\n", static_cast<long long>(commits),
                 std::chrono::duration<double>(SteadyClock::now() - start).count(), dir.c_str());
  }
  LocalStorage storage(dir);
  ParquetCheckpointReader reader;
  std::vector<double> ms;
  size_t files = 0;
  int64_t version = 0;
  for (int r = 0; r < runs; ++r) {
    auto start = SteadyClock::now();
    SnapshotOptions options;
    options.checkpoint_reader = &reader;
    salesflow::Result<Snapshot> s = LoadSnapshot(storage, options);
    ms.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count());
    if (!s.ok()) {
      std::fprintf(stderr, "load failed: %s\n", s.status().ToString().c_str());
      return 1;
    }
    files = s->active_files().size();
    version = s->version().value();
  }
  std::sort(ms.begin(), ms.end());
  std::printf(
      "{\"commits\":%lld,\"version\":%lld,\"active_files\":%zu,\"runs\":%d,\"load_ms_min\":%.1f,"
      "\"load_ms_median\":%.1f,\"load_ms_max\":%.1f}\n",
      static_cast<long long>(commits), static_cast<long long>(version), files, runs, ms.front(),
      ms[ms.size() / 2], ms.back());
  return 0;
}
