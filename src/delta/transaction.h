#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "delta/action.h"
#include "delta/conflict_checker.h"
#include "delta/snapshot.h"
#include "delta/storage.h"
#include "delta/table_version.h"

namespace salesflow::delta {

// How a commit behaves.
struct CommitOptions {
  // Attempts at successive versions when other writers win the race with non-conflicting
  // commits; then Conflict "gave up after N attempts".
  int max_attempts = 1000;
  // Source of commitInfo.timestamp, txn.lastUpdated and remove.deletionTimestamp.
  const Clock* clock = nullptr;  // nullptr = SystemClock
};

// The outcome of a successful commit.
struct CommitResult {
  TableVersion version;  // the version written
  int attempts = 1;      // 1 + races lost to non-conflicting commits
};

// One optimistic transaction, built from the snapshot it read. Collect actions, then Commit():
// the commit file is written to a temporary, fsynced, published with link() as version
// read+1 (put-if-absent), and the directory is fsynced. When another writer published that
// version first, its commits are read and checked for real conflicts (conflict_checker.h);
// without conflict the commit retries at the next version.
class Transaction {
 public:
  // `read_snapshot` is the state decisions were based on; a default Snapshot creates a table.
  explicit Transaction(const Snapshot& read_snapshot);

  // commitInfo.operation ("WRITE", "CREATE TABLE", "OPTIMIZE", ...) and its parameters as
  // (name, raw JSON value); Spark writes string values, e.g. {"mode", "\"Append\""}.
  void SetOperation(std::string operation,
                    std::vector<std::pair<std::string, std::string>> parameters = {});
  // commitInfo.operationMetrics (numFiles, numOutputRows, numOutputBytes, ...).
  void SetOperationMetrics(StringMap metrics) { operation_metrics_ = std::move(metrics); }
  // New table metadata (create, schema or property change).
  void SetMetadata(Metadata metadata);
  // New protocol (create); defaults to reader 1 / writer 2 when creating.
  void SetProtocol(Protocol protocol);
  void AddFile(delta::AddFile add) { adds_.push_back(std::move(add)); }
  // Removes a file of the read snapshot; deletionTimestamp is filled at commit when unset.
  void RemoveFile(delta::RemoveFile remove) { removes_.push_back(std::move(remove)); }
  // Records that application `app_id` has committed up to `version` (idempotent writes).
  // A concurrent commit with a txn for the same appId makes this commit a Conflict.
  void SetTxn(std::string app_id, int64_t version);
  // Requires application `app_id` to still be at `version` (nullopt: no txn yet) when this
  // commits: checked against the read snapshot and every concurrent commit (zombie fencing).
  void ExpectTxnVersion(std::string app_id, std::optional<int64_t> version);
  // Marks the transaction as having read all data (overwrite): concurrent adds conflict.
  void SetReadsAllData() { footprint_.reads_all_data = true; }

  // Publishes the transaction. Errors: Conflict (a real conflict, or out of attempts),
  // Unsupported (the table's protocol or properties forbid us to write), InvalidArgument
  // (remove on an append-only table, create without metadata), IoError from storage. When a
  // storage step after the link fails the commit is visible; the error says so.
  Result<CommitResult> Commit(Storage& storage, const CommitOptions& options = {});

  // The actions the commit would write at `version` (commitInfo first), for tests and tools.
  std::vector<Action> BuildActions(int64_t now_ms) const;

 private:
  Status Validate() const;
  Status CheckExpectedTxns() const;

  TableVersion read_version_;
  std::optional<Protocol> read_protocol_;
  std::optional<Metadata> read_metadata_;
  std::map<std::string, std::optional<int64_t>> read_txns_;  // appId -> version, for expectations
  std::string operation_ = "WRITE";
  std::vector<std::pair<std::string, std::string>> operation_parameters_;
  std::optional<StringMap> operation_metrics_;
  std::optional<Protocol> new_protocol_;
  std::optional<Metadata> new_metadata_;
  std::vector<delta::AddFile> adds_;
  std::vector<delta::RemoveFile> removes_;
  std::vector<Txn> txns_;
  std::map<std::string, std::optional<int64_t>> expected_txns_;
  TransactionFootprint footprint_;
};

// Metadata for a new table: a random id, createdTime now, the given schema JSON (schema_json.h),
// partition columns and properties.
Metadata NewTableMetadata(std::string schema_string, std::vector<std::string> partition_columns,
                          StringMap configuration, const Clock* clock = nullptr);

// Creates a table at version 0 (protocol reader 1 / writer 2, the metadata, commitInfo
// "CREATE TABLE"). AlreadyExists when the table has a version 0.
Result<CommitResult> CreateTable(Storage& storage, const Metadata& metadata,
                                 const CommitOptions& options = {});

}  // namespace salesflow::delta
