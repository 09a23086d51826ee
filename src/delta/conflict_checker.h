#pragma once

#include <set>
#include <string>
#include <vector>

#include "base/status.h"
#include "delta/action.h"
#include "delta/table_version.h"

namespace salesflow::delta {

// What a transaction touched, for deciding whether a concurrent commit invalidates it.
struct TransactionFootprint {
  std::set<std::string> app_ids;       // appIds it writes a txn for or expects a version of
  std::set<std::string> removed_keys;  // FileKeys of the files it removes
  bool changes_metadata = false;       // it writes metaData or protocol
  // It read the table's data to decide what to write (an overwrite): any concurrent commit
  // that adds data then conflicts. Plain appends and compactions leave it false.
  bool reads_all_data = false;
};

// Checks one commit that won the race (version `winner`) against our transaction. Conflict
// (with the reason and the version) when: the winner changed protocol or metadata, or we
// change metadata; the winner wrote a txn for one of our appIds; the winner removed a file we
// remove; we read all data and the winner added data. Plain appends never conflict.
Status CheckConflicts(const TransactionFootprint& ours, TableVersion winner,
                      const std::vector<Action>& winning_actions);

}  // namespace salesflow::delta
