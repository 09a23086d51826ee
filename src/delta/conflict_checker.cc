#include "delta/conflict_checker.h"

#include <fmt/format.h>

#include "delta/partition_path.h"

namespace salesflow::delta {

Status CheckConflicts(const TransactionFootprint& ours, TableVersion winner,
                      const std::vector<Action>& winning_actions) {
  for (const Action& action : winning_actions) {
    if (std::holds_alternative<Protocol>(action)) {
      return Conflict(fmt::format("concurrent commit {} changed the table protocol", winner));
    }
    if (std::holds_alternative<Metadata>(action)) {
      return Conflict(fmt::format("concurrent commit {} changed the table metadata", winner));
    }
    if (const auto* txn = std::get_if<Txn>(&action)) {
      if (ours.app_ids.contains(txn->app_id)) {
        return Conflict(fmt::format(
            "concurrent commit {} wrote txn version {} for application '{}' (another writer "
            "owns it, or this write was already committed)",
            winner, txn->version, txn->app_id));
      }
    }
    if (const auto* remove = std::get_if<RemoveFile>(&action)) {
      if (!ours.removed_keys.empty()) {
        Result<std::string> path = CanonicalFilePath(remove->path);
        if (!path.ok()) return path.status().WithContext(fmt::format("version {}", winner));
        if (ours.removed_keys.contains(FileKey(*path, remove->deletion_vector))) {
          return Conflict(
              fmt::format("concurrent commit {} already removed file {}", winner, remove->path));
        }
      }
    }
    if (const auto* add = std::get_if<AddFile>(&action)) {
      if (ours.reads_all_data && add->data_change) {
        return Conflict(
            fmt::format("concurrent commit {} added data this transaction did not read ({})",
                        winner, add->path));
      }
    }
  }
  if (ours.changes_metadata) {
    // Our schema/protocol change was decided on an older state; never apply it blindly.
    return Conflict(
        fmt::format("concurrent commit {} happened while this transaction changes "
                    "the table metadata",
                    winner));
  }
  return Status::Ok();
}

}  // namespace salesflow::delta
