#include "delta/snapshot.h"

#include <fmt/format.h>

#include "base/check.h"
#include "delta/action_json.h"
#include "delta/last_checkpoint.h"
#include "delta/log_files.h"
#include "delta/partition_path.h"
#include "delta/protocol_support.h"

namespace salesflow::delta {
namespace {

// Picks where replay starts: the latest usable checkpoint at or below `target`, if any.
const CheckpointInstance* ChooseCheckpoint(const LogListing& listing, TableVersion target) {
  const CheckpointInstance* best = nullptr;
  for (const CheckpointInstance& cp : listing.checkpoints) {
    if (cp.version <= target) best = &cp;
  }
  return best;
}

// Lists the log, starting at the version _last_checkpoint names when it is valid (the hint
// object stores use to list less); a missing or corrupt hint falls back to a full listing.
Result<LogListing> ListForReplay(Storage& storage, const SnapshotOptions& options) {
  if (options.checkpoint_reader != nullptr) {
    Result<std::string> text = storage.ReadFile(LastCheckpointPath());
    if (text.ok()) {
      Result<LastCheckpoint> hint = ParseLastCheckpoint(*text);
      if (hint.ok() && (!options.version || hint->version <= *options.version)) {
        Result<LogListing> listing = ListLog(storage, hint->version);
        if (listing.ok() && !listing->checkpoints.empty() &&
            listing->checkpoints.front().version == hint->version) {
          return listing;
        }
      }
    }
  }
  return ListLog(storage, TableVersion(0));
}

}  // namespace

const Protocol& Snapshot::protocol() const {
  SF_CHECK(protocol_.has_value());
  return *protocol_;
}

const Metadata& Snapshot::metadata() const {
  SF_CHECK(metadata_.has_value());
  return *metadata_;
}

std::optional<std::string> Snapshot::Property(std::string_view key) const {
  if (!metadata_) return std::nullopt;
  const std::string* value = FindValue(metadata_->configuration, key);
  if (value == nullptr) return std::nullopt;
  return *value;
}

std::optional<int64_t> Snapshot::TxnVersion(std::string_view app_id) const {
  auto it = txns_.find(std::string(app_id));
  if (it == txns_.end()) return std::nullopt;
  return it->second.version;
}

Status Snapshot::ApplyOne(const Action& action) {
  if (const auto* add = std::get_if<AddFile>(&action)) {
    SF_ASSIGN_OR_RETURN(std::string path, CanonicalFilePath(add->path));
    std::string key = FileKey(path, add->deletion_vector);
    tombstones_.erase(key);
    // A re-added path replaces the previous add.
    auto [it, inserted] = active_files_.try_emplace(key, *add);
    if (!inserted) {
      total_bytes_ -= it->second.size;
      it->second = *add;
    }
    total_bytes_ += add->size;
    return Status::Ok();
  }
  if (const auto* remove = std::get_if<RemoveFile>(&action)) {
    SF_ASSIGN_OR_RETURN(std::string path, CanonicalFilePath(remove->path));
    std::string key = FileKey(path, remove->deletion_vector);
    auto it = active_files_.find(key);
    if (it != active_files_.end()) {
      total_bytes_ -= it->second.size;
      active_files_.erase(it);
    }
    tombstones_.insert_or_assign(key, *remove);
    return Status::Ok();
  }
  if (const auto* txn = std::get_if<Txn>(&action)) {
    txns_.insert_or_assign(txn->app_id, *txn);
    return Status::Ok();
  }
  if (const auto* protocol = std::get_if<Protocol>(&action)) {
    protocol_ = *protocol;
    return Status::Ok();
  }
  if (const auto* metadata = std::get_if<Metadata>(&action)) {
    metadata_ = *metadata;
    return Status::Ok();
  }
  if (const auto* domain = std::get_if<DomainMetadata>(&action)) {
    if (domain->removed) {
      domains_.erase(domain->domain);
    } else {
      domains_.insert_or_assign(domain->domain, *domain);
    }
  }
  return Status::Ok();
}

Status Snapshot::Apply(TableVersion version, const std::vector<Action>& actions) {
  for (const Action& action : actions) {
    SF_RETURN_IF_ERROR(ApplyOne(action).WithContext(fmt::format("version {}", version)));
  }
  version_ = version;
  return Status::Ok();
}

Result<int> Snapshot::CatchUp(Storage& storage) {
  int applied = 0;
  while (true) {
    TableVersion next = version_.next();
    Result<std::vector<Action>> actions = ReadCommit(storage, next);
    if (!actions.ok()) {
      if (actions.status().code() == StatusCode::kNotFound) return applied;
      return actions.status();
    }
    SF_RETURN_IF_ERROR(Apply(next, *actions));
    ++applied;
  }
}

Result<std::vector<Action>> ReadCommit(Storage& storage, TableVersion version) {
  SF_ASSIGN_OR_RETURN(std::string text, storage.ReadFile(CommitPath(version)));
  Result<std::vector<Action>> actions = ParseCommit(text);
  if (!actions.ok()) return actions.status().WithContext(fmt::format("version {}", version));
  return actions;
}

Result<Snapshot> LoadSnapshot(Storage& storage, const SnapshotOptions& options) {
  SF_ASSIGN_OR_RETURN(LogListing listing, ListForReplay(storage, options));
  TableVersion latest =
      listing.commits.empty() ? listing.checkpoints.back().version : listing.commits.back().version;
  if (!listing.checkpoints.empty() && listing.checkpoints.back().version > latest) {
    latest = listing.checkpoints.back().version;
  }
  TableVersion target = options.version.value_or(latest);
  if (target > latest || target < TableVersion(0)) {
    return OutOfRange(
        fmt::format("version {} is not in the log (latest version is {})", target, latest));
  }
  Snapshot snapshot;
  TableVersion next(0);
  const CheckpointInstance* checkpoint = ChooseCheckpoint(listing, target);
  bool first_commit_is_zero =
      !listing.commits.empty() && listing.commits.front().version == TableVersion(0);
  if (checkpoint == nullptr && !first_commit_is_zero && !listing.checkpoints.empty()) {
    return OutOfRange(fmt::format(
        "version {} is no longer in the log: older commits were cleaned up, the earliest "
        "version that can be read is {}",
        target, listing.checkpoints.front().version));
  }
  if (checkpoint != nullptr && (options.checkpoint_reader != nullptr || !first_commit_is_zero)) {
    if (options.checkpoint_reader == nullptr) {
      return Unsupported(fmt::format(
          "the log starts at checkpoint {} (older commits were cleaned up) and no checkpoint "
          "reader is configured",
          checkpoint->version));
    }
    SF_ASSIGN_OR_RETURN(std::vector<Action> actions,
                        options.checkpoint_reader->Read(storage, *checkpoint));
    SF_RETURN_IF_ERROR(snapshot.Apply(checkpoint->version, actions)
                           .WithContext(fmt::format("checkpoint {}", checkpoint->version)));
    next = checkpoint->version.next();
  }
  for (const LogFile& commit : listing.commits) {
    if (commit.version < next) continue;
    if (commit.version > target) break;
    if (commit.version != next) {
      return Corruption(fmt::format("versions not contiguous: version {} is missing before {}",
                                    next, commit.version));
    }
    SF_ASSIGN_OR_RETURN(std::vector<Action> actions, ReadCommit(storage, commit.version));
    SF_RETURN_IF_ERROR(snapshot.Apply(commit.version, actions));
    next = commit.version.next();
  }
  if (snapshot.version() != target) {
    return Corruption(
        fmt::format("versions not contiguous: the log has no commit {} to reach {}", next, target));
  }
  if (!snapshot.has_protocol()) {
    return Corruption(fmt::format("no protocol action in the log up to version {}", target));
  }
  if (!snapshot.has_metadata()) {
    return Corruption(fmt::format("no metaData action in the log up to version {}", target));
  }
  if (options.check_read_protocol) {
    SF_RETURN_IF_ERROR(CheckReadSupported(snapshot.protocol(), &snapshot.metadata()));
  }
  return snapshot;
}

}  // namespace salesflow::delta
