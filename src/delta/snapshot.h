#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "delta/action.h"
#include "delta/checkpoint_reader.h"
#include "delta/storage.h"
#include "delta/table_version.h"

namespace salesflow::delta {

// How to load a snapshot.
struct SnapshotOptions {
  std::optional<TableVersion> version;  // time travel to this version; latest when unset
  // Start replay from the latest checkpoint at or below the version; nullptr replays the
  // JSON commits from version 0 (and fails when the log was cleaned up behind a checkpoint).
  CheckpointReader* checkpoint_reader = nullptr;
  // Refuse tables whose protocol needs reader features we lack (off only for tools that
  // show the raw log, e.g. `table history`).
  bool check_read_protocol = true;
};

// The state of a table at one version, from log replay: protocol, metadata, the active
// files (adds not removed since, keyed by decoded path + deletion vector id), tombstones,
// and the last txn version per application.
class Snapshot {
 public:
  // An empty table state before version 0 (the read snapshot of a table creation).
  Snapshot() = default;

  TableVersion version() const { return version_; }
  // False before version 0 and for a log without a protocol/metaData so far.
  bool has_protocol() const { return protocol_.has_value(); }
  bool has_metadata() const { return metadata_.has_value(); }
  const Protocol& protocol() const;
  const Metadata& metadata() const;
  // Table properties (metaData.configuration).
  const StringMap& properties() const { return metadata().configuration; }
  // A table property, or nullopt.
  std::optional<std::string> Property(std::string_view key) const;

  // Active files by FileKey, sorted.
  const std::map<std::string, AddFile>& active_files() const { return active_files_; }
  // Removed files not re-added since, by FileKey.
  const std::map<std::string, RemoveFile>& tombstones() const { return tombstones_; }
  // Last txn per appId.
  const std::map<std::string, Txn>& txns() const { return txns_; }
  // The version of an application's last idempotent write, nullopt when it never wrote.
  std::optional<int64_t> TxnVersion(std::string_view app_id) const;
  // domainMetadata by domain (removed domains dropped).
  const std::map<std::string, DomainMetadata>& domains() const { return domains_; }
  // Sum of active file sizes, in bytes.
  int64_t total_bytes() const { return total_bytes_; }

  // Applies the actions of commit `version` (which must be version() + 1, or a checkpoint's
  // version when starting) on top of this state.
  Status Apply(TableVersion version, const std::vector<Action>& actions);
  // Reads and applies the commits after version() that exist now (version()+1, +2, ... until
  // one is absent): how a writer catches up after losing a commit race, without a listing.
  // Returns the number of commits applied.
  Result<int> CatchUp(Storage& storage);

 private:
  Status ApplyOne(const Action& action);

  TableVersion version_ = kNoVersion;
  std::optional<Protocol> protocol_;
  std::optional<Metadata> metadata_;
  std::map<std::string, AddFile> active_files_;
  std::map<std::string, RemoveFile> tombstones_;
  std::map<std::string, Txn> txns_;
  std::map<std::string, DomainMetadata> domains_;
  int64_t total_bytes_ = 0;
};

// Loads a snapshot by replaying the log (from a checkpoint when a reader is given). Errors:
// NotFound (no log), Corruption (versions not contiguous, bad JSON: "version N: line L: ..."),
// OutOfRange (version not in the log), Unsupported (a reader feature we lack, naming it).
Result<Snapshot> LoadSnapshot(Storage& storage, const SnapshotOptions& options = {});

// Reads and parses one commit file.
Result<std::vector<Action>> ReadCommit(Storage& storage, TableVersion version);

}  // namespace salesflow::delta
