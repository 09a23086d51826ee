#include "delta/transaction.h"

#include <fmt/format.h>

#include "delta/action_json.h"
#include "delta/engine_info.h"
#include "delta/fault_injecting_storage.h"
#include "delta/json_writer.h"
#include "delta/log_files.h"
#include "delta/partition_path.h"
#include "delta/protocol_support.h"
#include "delta/unique_id.h"

namespace salesflow::delta {
namespace {

const Clock& ClockOrSystem(const Clock* clock) {
  return clock != nullptr ? *clock : SystemClock::Instance();
}

std::string FormatTxnVersion(const std::optional<int64_t>& version) {
  return version ? std::to_string(*version) : std::string("none");
}

}  // namespace

Transaction::Transaction(const Snapshot& read_snapshot) : read_version_(read_snapshot.version()) {
  if (read_snapshot.has_protocol()) read_protocol_ = read_snapshot.protocol();
  if (read_snapshot.has_metadata()) read_metadata_ = read_snapshot.metadata();
  for (const auto& [app_id, txn] : read_snapshot.txns()) read_txns_[app_id] = txn.version;
}

void Transaction::SetOperation(std::string operation,
                               std::vector<std::pair<std::string, std::string>> parameters) {
  operation_ = std::move(operation);
  operation_parameters_ = std::move(parameters);
}

void Transaction::SetMetadata(Metadata metadata) {
  new_metadata_ = std::move(metadata);
  footprint_.changes_metadata = true;
}

void Transaction::SetProtocol(Protocol protocol) {
  new_protocol_ = std::move(protocol);
  footprint_.changes_metadata = true;
}

void Transaction::SetTxn(std::string app_id, int64_t version) {
  footprint_.app_ids.insert(app_id);
  txns_.push_back(Txn{std::move(app_id), version, std::nullopt});
}

void Transaction::ExpectTxnVersion(std::string app_id, std::optional<int64_t> version) {
  footprint_.app_ids.insert(app_id);
  expected_txns_[std::move(app_id)] = version;
}

Status Transaction::CheckExpectedTxns() const {
  for (const auto& [app_id, want] : expected_txns_) {
    auto it = read_txns_.find(app_id);
    std::optional<int64_t> have = it == read_txns_.end() ? std::nullopt : it->second;
    if (have != want) {
      return Conflict(fmt::format(
          "application '{}' is at txn version {} in version {}, this writer expected {}", app_id,
          FormatTxnVersion(have), read_version_, FormatTxnVersion(want)));
    }
  }
  return Status::Ok();
}

Status Transaction::Validate() const {
  const bool creating = !read_protocol_.has_value();
  if (creating && !new_metadata_) {
    return InvalidArgument("the table has no commit yet: the first commit must set metadata");
  }
  const Protocol& protocol = new_protocol_    ? *new_protocol_
                             : read_protocol_ ? *read_protocol_
                                              : DefaultProtocol();
  const Metadata& metadata = new_metadata_ ? *new_metadata_ : *read_metadata_;
  // The table as it is now must allow us to write, and so must the table we leave behind.
  if (read_protocol_ && read_metadata_) {
    SF_RETURN_IF_ERROR(CheckWriteSupported(*read_protocol_, *read_metadata_));
  }
  SF_RETURN_IF_ERROR(CheckWriteSupported(protocol, metadata));
  if (IsAppendOnly(metadata)) {
    for (const delta::RemoveFile& remove : removes_) {
      if (remove.data_change) {
        return InvalidArgument(fmt::format(
            "table is append-only (delta.appendOnly=true): cannot remove {}", remove.path));
      }
    }
  }
  for (const delta::AddFile& add : adds_) {
    if (add.path.empty()) return InvalidArgument("add action with an empty path");
  }
  return CheckExpectedTxns();
}

std::vector<Action> Transaction::BuildActions(int64_t now_ms) const {
  std::vector<Action> actions;
  CommitInfo info;
  info.timestamp = now_ms;
  info.operation = operation_;
  info.operation_parameters = operation_parameters_;
  if (read_version_ >= TableVersion(0)) info.read_version = read_version_.value();
  info.isolation_level = "Serializable";
  info.is_blind_append = removes_.empty() && !new_metadata_ && !footprint_.reads_all_data;
  info.operation_metrics = operation_metrics_;
  info.engine_info = EngineInfo();
  info.txn_id = RandomUuid();
  actions.emplace_back(std::move(info));
  const bool creating = !read_protocol_.has_value();
  if (new_protocol_) {
    actions.emplace_back(*new_protocol_);
  } else if (creating) {
    actions.emplace_back(DefaultProtocol());
  }
  if (new_metadata_) actions.emplace_back(*new_metadata_);
  for (const Txn& txn : txns_) {
    Txn stamped = txn;
    stamped.last_updated = now_ms;
    actions.emplace_back(std::move(stamped));
  }
  for (const delta::RemoveFile& remove : removes_) {
    delta::RemoveFile stamped = remove;
    if (!stamped.deletion_timestamp) stamped.deletion_timestamp = now_ms;
    actions.emplace_back(std::move(stamped));
  }
  for (const delta::AddFile& add : adds_) actions.emplace_back(add);
  return actions;
}

Result<CommitResult> Transaction::Commit(Storage& storage, const CommitOptions& options) {
  SF_RETURN_IF_ERROR(Validate());
  TransactionFootprint footprint = footprint_;
  for (const delta::RemoveFile& remove : removes_) {
    SF_ASSIGN_OR_RETURN(std::string path, CanonicalFilePath(remove.path));
    footprint.removed_keys.insert(FileKey(path, remove.deletion_vector));
  }
  const Clock& clock = ClockOrSystem(options.clock);
  TableVersion version = read_version_.next();
  for (int attempt = 1; attempt <= options.max_attempts; ++attempt) {
    std::string text = SerializeCommit(BuildActions(clock.NowMillis()));
    std::string final_path = CommitPath(version);
    SF_ASSIGN_OR_RETURN(
        std::string temporary,
        storage.WriteTemporary(kLogDir, text, fmt::format("{:020d}.json", version.value())));
    Status fault = storage.FaultPoint(fault_points::kCommitAfterTempWrite);
    if (!fault.ok()) {
      (void)storage.Delete(temporary);  // fails too after a simulated crash, as it would
      return fault.WithContext(fmt::format("committing version {}", version));
    }
    Status published = storage.PublishIfAbsent(temporary, final_path);
    if (published.code() == StatusCode::kAlreadyExists) {
      (void)storage.Delete(temporary);
      // Lost the race: read every commit that won since our read and look for real conflicts.
      TableVersion winner = version;
      while (true) {
        Result<std::vector<Action>> winning = ReadCommit(storage, winner);
        if (!winning.ok()) {
          if (winning.status().code() == StatusCode::kNotFound) break;
          return winning.status().WithContext("reading a concurrent commit");
        }
        SF_RETURN_IF_ERROR(CheckConflicts(footprint, winner, *winning));
        winner = winner.next();
      }
      version = winner;
      continue;
    }
    if (!published.ok()) {
      (void)storage.Delete(temporary);
      return published.WithContext(fmt::format("publishing version {}", version));
    }
    // The commit is visible from here on: later failures must say so, never suggest a retry
    // is safe (idempotent writers check their txn version instead).
    auto after_publish = [&](Status status) {
      return status.WithContext(
          fmt::format("version {} was published but its durability is unknown", version));
    };
    Status step = storage.FaultPoint(fault_points::kCommitAfterLink);
    if (!step.ok()) return after_publish(step);
    step = storage.SyncDirectory(kLogDir);
    if (!step.ok()) return after_publish(step);
    step = storage.FaultPoint(fault_points::kCommitAfterDirSync);
    if (!step.ok()) return after_publish(step);
    // The temporary name is a second link to the commit; dropping it is housekeeping only.
    (void)storage.Delete(temporary);
    return CommitResult{version, attempt};
  }
  return Conflict(
      fmt::format("gave up after {} attempts: other writers kept winning the race "
                  "(last tried version {})",
                  options.max_attempts, version));
}

Metadata NewTableMetadata(std::string schema_string, std::vector<std::string> partition_columns,
                          StringMap configuration, const Clock* clock) {
  Metadata metadata;
  metadata.id = RandomUuid();
  metadata.schema_string = std::move(schema_string);
  metadata.partition_columns = std::move(partition_columns);
  metadata.configuration = std::move(configuration);
  metadata.created_time = ClockOrSystem(clock).NowMillis();
  return metadata;
}

Result<CommitResult> CreateTable(Storage& storage, const Metadata& metadata,
                                 const CommitOptions& options) {
  Transaction txn{Snapshot()};
  // Spark's parameter values are JSON strings holding JSON: partitionBy is "[\"date\"]".
  std::string columns;
  JsonWriter list(&columns);
  list.BeginArray();
  for (const std::string& column : metadata.partition_columns) list.String(column);
  list.EndArray();
  std::string partition_by;
  AppendJsonQuoted(columns, &partition_by);
  txn.SetOperation("CREATE TABLE", {{"isManaged", "\"false\""},
                                    {"description", "null"},
                                    {"partitionBy", partition_by},
                                    {"properties", "\"{}\""}});
  txn.SetMetadata(metadata);
  CommitOptions once = options;
  once.max_attempts = 1;
  Result<CommitResult> result = txn.Commit(storage, once);
  if (!result.ok() && result.status().code() == StatusCode::kConflict) {
    return AlreadyExists("table already exists (it has a version 0)");
  }
  return result;
}

}  // namespace salesflow::delta
