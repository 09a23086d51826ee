#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "base/result.h"
#include "delta/parquet_checkpoint_reader.h"
#include "delta/snapshot.h"
#include "delta/storage.h"

namespace salesflow {

// Follows one Delta table written by silver: its latest snapshot, and for each bronze version
// silver recorded (txn `app_id`), the newest table version holding exactly that bronze
// version — so the loader can load several tables at one common bronze version.
class TableFollower {
 public:
  // Commits read back from the latest version when the table is first seen.
  static constexpr int64_t kHistoryCommits = 100;
  // Bronze versions remembered (oldest dropped first).
  static constexpr size_t kMaxRemembered = 1000;

  // `storage` is rooted at the table directory; `name` labels messages.
  TableFollower(std::string name, std::unique_ptr<delta::Storage> storage, std::string app_id);

  // Reads what is new: the table when first seen (NotFound while it has no log), else the
  // commits after the latest one read. Returns whether the latest version moved.
  Result<bool> Poll();

  // True once the table was loaded.
  bool exists() const { return latest_.has_value(); }
  const std::string& name() const { return name_; }
  // The latest version read (requires exists()).
  delta::TableVersion latest_version() const { return latest_->version(); }
  // The bronze version of the latest snapshot, nullopt when silver's txn is absent.
  std::optional<int64_t> latest_bronze() const;
  // bronze version -> newest table version whose txn is that bronze version.
  const std::map<int64_t, delta::TableVersion>& versions_by_bronze() const { return by_bronze_; }
  // The snapshot at `version`: the latest one, or a time-travel load (from a checkpoint).
  Result<delta::Snapshot> SnapshotAt(delta::TableVersion version);
  delta::Storage& storage() { return *storage_; }

 private:
  Status ReadHistory();
  void Remember(int64_t bronze, delta::TableVersion version);

  std::string name_;
  std::unique_ptr<delta::Storage> storage_;
  std::string app_id_;
  delta::ParquetCheckpointReader checkpoint_reader_;
  std::optional<delta::Snapshot> latest_;
  std::map<int64_t, delta::TableVersion> by_bronze_;
};

}  // namespace salesflow
