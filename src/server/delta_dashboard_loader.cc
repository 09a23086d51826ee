#include "server/delta_dashboard_loader.h"

#include <fmt/format.h>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>
#include <spdlog/spdlog.h>

#include <set>
#include <utility>

#include "delta/local_storage.h"
#include "delta/table_scan.h"
#include "server/dashboard_data_builder.h"

namespace salesflow {

// Counters of the loader, when a registry is given.
struct DeltaDashboardLoader::Metrics {
  prometheus::Counter* publishes = nullptr;   // consistent snapshots published
  prometheus::Counter* errors = nullptr;      // failed polls
  prometheus::Gauge* bronze = nullptr;        // bronze version of the last publish
  prometheus::Gauge* load_seconds = nullptr;  // duration of the last publishing load
};

namespace {

std::unique_ptr<delta::Storage> OpenTable(const std::filesystem::path& dir) {
  return std::make_unique<delta::LocalStorage>(dir.string());
}

}  // namespace

DeltaDashboardLoader::DeltaDashboardLoader(InMemoryDashboardSource& sink,
                                           DeltaDashboardLoaderOptions options)
    : sink_(sink),
      options_(std::move(options)),
      minutes_((options_.gold_dir / kVentesParMinuteDir).string(),
               OpenTable(options_.gold_dir / kVentesParMinuteDir), options_.txn_app_id),
      client_days_((options_.gold_dir / kVentesClientJourDir).string(),
                   OpenTable(options_.gold_dir / kVentesClientJourDir), options_.txn_app_id),
      silver_(options_.silver_table.string(), OpenTable(options_.silver_table),
              options_.txn_app_id) {
  if (options_.registry) {
    metrics_ = std::make_unique<Metrics>();
    prometheus::Registry& r = *options_.registry;
    metrics_->publishes = &prometheus::BuildCounter()
                               .Name("salesflow_dashboard_loader_publishes_total")
                               .Help("Consistent gold/silver snapshots published")
                               .Register(r)
                               .Add({});
    metrics_->errors = &prometheus::BuildCounter()
                            .Name("salesflow_dashboard_loader_errors_total")
                            .Help("Polls of the gold/silver tables that failed")
                            .Register(r)
                            .Add({});
    metrics_->bronze = &prometheus::BuildGauge()
                            .Name("salesflow_dashboard_loader_bronze_version")
                            .Help("Bronze version the served gold/silver tables hold")
                            .Register(r)
                            .Add({});
    metrics_->load_seconds = &prometheus::BuildGauge()
                                  .Name("salesflow_dashboard_loader_load_seconds")
                                  .Help("Duration of the last publishing load")
                                  .Register(r)
                                  .Add({});
    metrics_->bronze->Set(-1);
  }
}

DeltaDashboardLoader::~DeltaDashboardLoader() {
  Stop();
}

std::optional<DataVersions> DeltaDashboardLoader::published() const {
  std::lock_guard<std::mutex> lock(mu_);
  return published_;
}

void DeltaDashboardLoader::Report(SourceState state, std::string message) {
  // SetState starts a new generation (and wakes every live client): only on change.
  if (reported_ && reported_->first == state && reported_->second == message) return;
  spdlog::info("dashboard loader: {}: {}", SourceStateName(state), message);
  reported_ = std::make_pair(state, message);
  sink_.SetState(state, std::move(message));
}

template <typename Rows, typename Append>
Status DeltaDashboardLoader::Refresh(TableFollower& table, delta::TableVersion version,
                                     FileCache<Rows>& cache, Append append) {
  if (cache.version == version) return Status::Ok();
  SF_ASSIGN_OR_RETURN(delta::Snapshot snapshot, table.SnapshotAt(version));
  std::map<std::string, Rows> files;
  for (const auto& [key, add] : snapshot.active_files()) {
    auto cached = cache.files.find(add.path);
    if (cached != cache.files.end()) {
      files.emplace(add.path, std::move(cached->second));
      continue;
    }
    SF_ASSIGN_OR_RETURN(auto scan,
                        delta::TableScan::OpenFiles(table.storage(), snapshot.metadata(), {add}));
    Rows rows{};
    parquet::ColumnBatch batch;
    while (true) {
      SF_ASSIGN_OR_RETURN(bool more, scan->Next(&batch));
      if (!more) break;
      SF_RETURN_IF_ERROR(append(batch, &rows)
                             .WithContext(fmt::format("{}: version {}: file {}", table.name(),
                                                      version, add.path)));
    }
    files.emplace(add.path, std::move(rows));
  }
  cache.files = std::move(files);
  cache.version = version;
  return Status::Ok();
}

Result<bool> DeltaDashboardLoader::Poll() {
  TableFollower* tables[] = {&minutes_, &client_days_, &silver_};
  std::vector<std::string> missing;
  for (TableFollower* table : tables) {
    auto polled = table->Poll();
    if (polled.ok()) continue;
    if (polled.status().code() != StatusCode::kNotFound) return polled.status();
    missing.push_back(table->name());
  }
  std::optional<DataVersions> previous = published();
  if (!missing.empty()) {
    if (!previous) {
      Report(SourceState::kWaiting,
             fmt::format("waiting for silver: no Delta table yet at {} (run `salesflow silver`)",
                         fmt::join(missing, ", ")));
    }
    return false;
  }

  // The newest bronze version all three tables hold.
  std::optional<int64_t> common;
  for (const auto& [bronze, version] : minutes_.versions_by_bronze()) {
    if (client_days_.versions_by_bronze().count(bronze) &&
        silver_.versions_by_bronze().count(bronze)) {
      common = bronze;
    }
  }
  if (!common) {
    if (!previous) {
      std::vector<std::string> at;
      for (TableFollower* table : tables) {
        std::optional<int64_t> bronze = table->latest_bronze();
        at.push_back(fmt::format("{} v{} {}", table->name(), table->latest_version(),
                                 bronze ? fmt::format("holds bronze v{}", *bronze)
                                        : fmt::format("has no '{}' txn", options_.txn_app_id)));
      }
      Report(SourceState::kWaiting,
             fmt::format("waiting for silver: the tables hold no common bronze version yet ({})",
                         fmt::join(at, "; ")));
    }
    return false;
  }
  delta::TableVersion minute_v = minutes_.versions_by_bronze().at(*common);
  delta::TableVersion day_v = client_days_.versions_by_bronze().at(*common);
  delta::TableVersion silver_v = silver_.versions_by_bronze().at(*common);
  if (previous && previous->bronze.value() == *common &&
      previous->gold.value() == minute_v.value() && previous->silver.value() == silver_v.value() &&
      client_day_files_.version == day_v) {
    return false;
  }

  auto started = std::chrono::steady_clock::now();
  SF_RETURN_IF_ERROR(Refresh(minutes_, minute_v, minute_files_, AppendMinuteRows));
  SF_RETURN_IF_ERROR(Refresh(client_days_, day_v, client_day_files_, AppendClientDayRows));
  SF_RETURN_IF_ERROR(Refresh(silver_, silver_v, silver_files_, AppendSilverRows));

  DashboardDataBuilder builder(options_.time_zone);
  DataVersions versions{TableVersion(*common), TableVersion(silver_v.value()),
                        TableVersion(minute_v.value())};
  builder.SetVersions(versions);
  size_t minute_rows = 0;
  for (const auto& [path, file] : minute_files_.files) minute_rows += file.rows.size();
  builder.ReserveMinutes(minute_rows);
  for (const auto& [path, file] : minute_files_.files) {
    // A file's dictionary maps to the model's indices once per dimension, not once per row.
    std::vector<uint32_t> produit(file.names.size()), categorie(file.names.size()),
        pays(file.names.size()), segment(file.names.size());
    std::vector<uint8_t> seen(file.names.size() * 4, 0);
    auto map = [&](std::vector<uint32_t>& to, size_t slot, uint32_t name, auto intern) {
      uint8_t& s = seen[name * 4 + slot];
      if (!s) {
        to[name] = (builder.*intern)(file.names[name]);
        s = 1;
      }
      return to[name];
    };
    for (const MinuteFileRows::Row& r : file.rows) {
      MinuteBucket b;
      b.minute = r.minute;
      b.produit = map(produit, 0, r.produit, &DashboardDataBuilder::Produit);
      b.categorie = map(categorie, 1, r.categorie, &DashboardDataBuilder::Categorie);
      b.pays = map(pays, 2, r.pays, &DashboardDataBuilder::Pays);
      b.segment = map(segment, 3, r.segment, &DashboardDataBuilder::Segment);
      b.nb_ventes = r.nb_ventes;
      b.quantite = r.quantite;
      b.chiffre_affaires = r.chiffre_affaires;
      b.montant_max = r.montant_max;
      builder.AddMinuteBucket(b);
    }
  }
  for (const auto& [path, rows] : silver_files_.files) {
    for (const ClientProfile& p : rows) builder.AddClient(p);
  }
  for (const auto& [path, rows] : client_day_files_.files) {
    for (const ClientDayRow& r : rows) {
      builder.AddClientDay(std::to_string(r.client_id), r.day, r.nb_ventes, r.chiffre_affaires);
    }
  }
  sink_.Publish(builder.Finish());
  reported_.reset();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  {
    std::lock_guard<std::mutex> lock(mu_);
    published_ = versions;
  }
  if (metrics_) {
    metrics_->publishes->Increment();
    metrics_->bronze->Set(static_cast<double>(*common));
    metrics_->load_seconds->Set(seconds);
  }
  spdlog::debug(
      "dashboard loader: published bronze v{} (gold v{}, client days v{}, silver v{}) in {:.3f} s",
      *common, minute_v, day_v, silver_v, seconds);
  return true;
}

Result<bool> DeltaDashboardLoader::PollOnce() {
  auto result = Poll();
  if (!result.ok()) {
    if (metrics_) metrics_->errors->Increment();
    Report(SourceState::kFailed, result.status().ToString());
  } else if (reported_ && reported_->first == SourceState::kFailed && published()) {
    // Recovered with nothing new to load: the data served is current again.
    reported_.reset();
    sink_.SetState(SourceState::kReady, "");
  }
  return result;
}

void DeltaDashboardLoader::Run() {
  while (true) {
    (void)PollOnce();  // failures are reported to the sink and logged once per message
    std::unique_lock<std::mutex> lock(mu_);
    wake_.wait_for(lock, options_.poll_interval, [&] { return stop_; });
    if (stop_) return;
  }
}

void DeltaDashboardLoader::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void DeltaDashboardLoader::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!thread_.joinable()) return;
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

}  // namespace salesflow
