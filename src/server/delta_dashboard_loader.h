#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/result.h"
#include "server/dashboard_source.h"
#include "server/dashboard_table_rows.h"
#include "server/dashboard_tables.h"
#include "server/table_follower.h"

namespace prometheus {
class Registry;
}

namespace salesflow {

// Where the loader finds the tables and how often it looks.
struct DeltaDashboardLoaderOptions {
  std::filesystem::path silver_table;              // delta_silver_aggreges
  std::filesystem::path gold_dir;                  // holds ventes_par_minute, ventes_client_jour
  std::string time_zone = "UTC";                   // zone silver computed minutes and days in
  std::string txn_app_id = kSilverTxnAppId;        // silver's txn: version = bronze processed
  std::chrono::milliseconds poll_interval{250};    // log polling period of Start()'s thread
  std::shared_ptr<prometheus::Registry> registry;  // loader metrics go here when set
};

// Follows the silver and gold Delta logs and publishes a DashboardData into `sink` each time
// the three tables reach a new common bronze version (each table loaded AT the version holding
// it, by time travel when one table is ahead), so every panel shows the same sales. Data files
// are decoded once and kept while active. Missing tables or no common version yet: kWaiting
// with a message; a read error: kFailed (the previous data stays served).
class DeltaDashboardLoader {
 public:
  DeltaDashboardLoader(InMemoryDashboardSource& sink, DeltaDashboardLoaderOptions options);
  ~DeltaDashboardLoader();
  DeltaDashboardLoader(const DeltaDashboardLoader&) = delete;
  DeltaDashboardLoader& operator=(const DeltaDashboardLoader&) = delete;

  // Starts the polling thread (first poll at once). Idempotent.
  void Start();
  // Stops and joins the thread. Idempotent; the destructor calls it.
  void Stop();

  // One poll, synchronously: reads new commits and publishes when a newer common bronze
  // version exists. True when it published. Not to be mixed with Start()'s thread.
  Result<bool> PollOnce();

  // The versions of the last publish, nullopt before the first.
  std::optional<DataVersions> published() const;

 private:
  struct Metrics;
  // Decoded rows of one table, per active data file path.
  template <typename Rows>
  struct FileCache {
    delta::TableVersion version{-2};  // table version the cache matches
    std::map<std::string, Rows> files;
  };

  Result<bool> Poll();
  void Report(SourceState state, std::string message);
  template <typename Rows, typename Append>
  Status Refresh(TableFollower& table, delta::TableVersion version, FileCache<Rows>& cache,
                 Append append);
  void Run();

  InMemoryDashboardSource& sink_;
  DeltaDashboardLoaderOptions options_;
  TableFollower minutes_;
  TableFollower client_days_;
  TableFollower silver_;
  FileCache<MinuteFileRows> minute_files_;
  FileCache<std::vector<ClientDayRow>> client_day_files_;
  FileCache<std::vector<ClientProfile>> silver_files_;
  std::unique_ptr<Metrics> metrics_;

  mutable std::mutex mu_;
  std::optional<DataVersions> published_;
  std::optional<std::pair<SourceState, std::string>> reported_;  // last non-ready state set
  bool stop_ = false;
  std::condition_variable wake_;
  std::thread thread_;
};

}  // namespace salesflow
