// A tiny writer process for the multi-process commit tests (not a GoogleTest binary).
//   commit_driver append DIR WRITER N [nosync]   N commits of one add each; exit 0
//   commit_driver txn DIR APP VERSION            one commit with txn(APP, VERSION), started
//                                                 when DIR/go exists; exit 0, or 3 on Conflict
//   commit_driver crash DIR POINT                 one commit that _exit()s at fault point POINT
//   commit_driver loop DIR                        commits until killed (SIGKILL tests)
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "delta/fault_injecting_storage.h"
#include "delta/local_storage.h"
#include "delta/transaction.h"
#include "delta/unique_id.h"

namespace salesflow::delta {
namespace {

constexpr int kConflictExit = 3;

AddFile NewFile(const std::string& writer, int64_t i) {
  AddFile add;
  add.path = "part-" + writer + "-" + std::to_string(i) + "-" + RandomUuid() + ".parquet";
  add.size = 1000 + i;
  add.modification_time = 1;
  return add;
}

int Fail(const Status& status) {
  std::fprintf(stderr, "commit_driver: %s\n", status.ToString().c_str());
  return status.code() == StatusCode::kConflict ? kConflictExit : 1;
}

int Append(const std::string& dir, const std::string& writer, int n, bool sync) {
  LocalStorage storage(dir, {.sync = sync});
  Result<Snapshot> snapshot = LoadSnapshot(storage);
  if (!snapshot.ok()) return Fail(snapshot.status());
  for (int i = 0; i < n; ++i) {
    Result<int> caught_up = snapshot->CatchUp(storage);
    if (!caught_up.ok()) return Fail(caught_up.status());
    Transaction txn(*snapshot);
    txn.AddFile(NewFile(writer, i));
    Result<CommitResult> result = txn.Commit(storage);
    if (!result.ok()) return Fail(result.status());
  }
  return 0;
}

int CommitTxn(const std::string& dir, const std::string& app, int64_t version) {
  LocalStorage storage(dir);
  Result<Snapshot> snapshot = LoadSnapshot(storage);
  if (!snapshot.ok()) return Fail(snapshot.status());
  Transaction txn(*snapshot);
  txn.SetTxn(app, version);
  txn.AddFile(NewFile(app, version));
  std::FILE* ready = std::fopen((dir + "/ready-" + std::to_string(::getpid())).c_str(), "w");
  if (ready != nullptr) std::fclose(ready);
  while (!std::filesystem::exists(dir + "/go")) ::usleep(200);
  Result<CommitResult> result = txn.Commit(storage);
  if (!result.ok()) return Fail(result.status());
  return 0;
}

int Crash(const std::string& dir, const std::string& point) {
  LocalStorage local(dir);
  FaultInjectingStorage storage(local);
  storage.Arm(point, FaultKind::kExit);
  Result<Snapshot> snapshot = LoadSnapshot(storage);
  if (!snapshot.ok()) return Fail(snapshot.status());
  Transaction txn(*snapshot);
  txn.AddFile(NewFile("crash", 0));
  Result<CommitResult> result = txn.Commit(storage);
  if (!result.ok()) return Fail(result.status());
  return 0;  // the point was never reached
}

int Loop(const std::string& dir) {
  LocalStorage storage(dir);
  Result<Snapshot> snapshot = LoadSnapshot(storage);
  if (!snapshot.ok()) return Fail(snapshot.status());
  for (int64_t i = 0;; ++i) {
    Result<int> caught_up = snapshot->CatchUp(storage);
    if (!caught_up.ok()) return Fail(caught_up.status());
    Transaction txn(*snapshot);
    txn.AddFile(NewFile("loop", i));
    txn.SetTxn("loop", i);
    Result<CommitResult> result = txn.Commit(storage);
    if (!result.ok()) return Fail(result.status());
  }
}

}  // namespace
}  // namespace salesflow::delta

int main(int argc, char** argv) {
  using namespace salesflow::delta;
  std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "append" && argc >= 5) {
    bool sync = !(argc > 5 && std::string(argv[5]) == "nosync");
    return Append(argv[2], argv[3], std::atoi(argv[4]), sync);
  }
  if (mode == "txn" && argc == 5) return CommitTxn(argv[2], argv[3], std::atoll(argv[4]));
  if (mode == "crash" && argc == 4) return Crash(argv[2], argv[3]);
  if (mode == "loop" && argc == 3) return Loop(argv[2]);
  std::fprintf(stderr, "usage: commit_driver append|txn|crash|loop DIR ...\n");
  return 2;
}
