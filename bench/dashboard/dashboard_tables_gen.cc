// Writes the dashboard's gold/silver Delta tables (server/fixture_tables.h, the contract of
// docs/DESIGN.md "Dashboard") for the load bench: `--days` days of minute-level gold data with
// `--buckets` (minute x product x country x segment) rows per minute, 200 clients. With
// `--live-seconds N` it then appends one new minute per second for N seconds (gold append,
// txn-only commits of the two other tables at the same bronze version), as silver would.
// `--skip-history` leaves out the initial write (live commits onto tables written before).
//   dashboard_tables_gen --silver DIR --gold DIR [--days 30] [--buckets 20] [--live-seconds 0]
//                        [--skip-history]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <thread>

#include "base/clock.h"
#include "base/time_zone.h"
#include "server/dashboard_data_builder.h"
#include "server/fixture_tables.h"

namespace {

using namespace salesflow;

constexpr const char* kProducts[] = {"Laptop",  "Smartphone", "Ecran",  "Casque", "Enceinte",
                                     "Clavier", "Souris",     "Chaise", "Bureau", "Imprimante"};
constexpr const char* kCategories[] = {"Electronique", "Electronique", "Electronique", "Audio",
                                       "Audio",        "Accessoires",  "Accessoires",  "Mobilier",
                                       "Mobilier",     "Bureautique"};
constexpr int64_t kPrices[] = {89999, 59900, 21950, 12990, 7990, 4999, 2500, 18900, 34900, 15990};
constexpr const char* kPays[] = {"France", "Belgique", "Suisse", "Canada", "Luxembourg", "Maroc"};
constexpr const char* kSegments[] = {"Particulier", "Entreprise", "PME"};
constexpr int kCombinations = 10 * 6 * 3;
constexpr int kClients = 200;

void AddMinute(DashboardDataBuilder& b, int64_t minute, int buckets) {
  std::mt19937_64 rng(static_cast<uint64_t>(minute) * 0x9E3779B97F4A7C15ULL);
  for (int i = 0; i < buckets; ++i) {
    int combo = static_cast<int>((static_cast<int64_t>(i) * 37 + minute) % kCombinations);
    int p = combo % 10, c = (combo / 10) % 6, s = combo / 60;
    int64_t nb = 1 + static_cast<int64_t>(rng() % 3);
    b.AddMinute(LocalMinute(minute), kProducts[p], kCategories[p], kPays[c], kSegments[s], nb,
                nb + static_cast<int64_t>(rng() % 2), nb * kPrices[p], kPrices[p]);
  }
}

const char* Arg(int argc, char** argv, const char* name, const char* fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], name) == 0) return argv[i + 1];
  }
  return fallback;
}

bool Flag(int argc, char** argv, const char* name) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], name) == 0) return true;
  }
  return false;
}

int Fail(const Status& s) {
  std::fprintf(stderr, "dashboard_tables_gen: %s\n", s.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  FixtureTablesOptions tables{Arg(argc, argv, "--silver", "delta_silver_aggreges"),
                              Arg(argc, argv, "--gold", "delta_gold")};
  int64_t days = std::atoll(Arg(argc, argv, "--days", "30"));
  int buckets = std::atoi(Arg(argc, argv, "--buckets", "20"));
  int64_t live_seconds = std::atoll(Arg(argc, argv, "--live-seconds", "0"));
  if (days < 1 || buckets < 1 || buckets > kCombinations) {
    std::fprintf(stderr, "dashboard_tables_gen: --days >= 1, --buckets 1..%d\n", kCombinations);
    return 2;
  }
  auto zone = TimeZone::Find("Europe/Paris");
  if (!zone.ok()) return Fail(zone.status());
  int64_t end = zone->UtcToLocalMicros(SystemClock::Instance().NowMicros()) / 60'000'000;
  int64_t start = end - days * kMinutesPerDay;

  if (Flag(argc, argv, "--skip-history")) days = 0;
  auto t0 = std::chrono::steady_clock::now();
  DashboardDataBuilder b("Europe/Paris");
  for (int64_t m = start; m < end; ++m) AddMinute(b, m, buckets);
  std::mt19937_64 rng(42);
  for (int i = 0; i < kClients; ++i) {
    ClientProfile p;
    p.client_id = std::to_string(1000 + i);
    p.client_nom = "Client " + std::to_string(i);
    p.pays = kPays[i % 6];
    p.segment = kSegments[i % 3];
    int64_t total = 0, count = 0;
    for (int64_t d = start / kMinutesPerDay; d < end / kMinutesPerDay; ++d) {
      if (rng() % 3 != 0) continue;
      int64_t nb = 1 + static_cast<int64_t>(rng() % 4);
      int64_t cents = nb * kPrices[rng() % 10];
      b.AddClientDay(p.client_id, LocalDay(d), nb, cents);
      total += cents;
      count += nb;
    }
    p.total_depense = total;
    p.nb_achats = count;
    p.panier_moyen = count ? total / count : 0;
    p.quantite_totale = count;
    p.fidelite = total > 200000 ? "platine" : "or";
    b.AddClient(std::move(p));
  }
  DashboardData data = b.Finish();
  if (days == 0) data = DashboardData{};
  size_t minute_rows = data.minutes.size(), day_rows = data.client_days.size();
  if (days > 0) {
    if (Status s = CommitFixtureTables(tables, data, 1); !s.ok()) return Fail(s);
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf(
      "dashboard_tables_gen: %lld days, %zu minute rows, %zu client-day rows, %d clients "
      "written in %.1f s (bronze version 1)\n",
      static_cast<long long>(days), minute_rows, day_rows, kClients, seconds);
  std::fflush(stdout);

  DashboardData empty;
  for (int64_t i = 0; i < live_seconds; ++i) {
    auto next = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    DashboardDataBuilder live("Europe/Paris");
    AddMinute(live, end + i, buckets);
    int64_t bronze = 2 + i;
    if (Status s = CommitFixtureTable(tables, DashboardTable::kVentesParMinute, live.Finish(),
                                      bronze, FixtureCommit::kAppend);
        !s.ok()) {
      return Fail(s);
    }
    for (DashboardTable t : {DashboardTable::kVentesClientJour, DashboardTable::kSilverAggreges}) {
      if (Status s = CommitFixtureTable(tables, t, empty, bronze, FixtureCommit::kAppend);
          !s.ok()) {
        return Fail(s);
      }
    }
    std::this_thread::sleep_until(next);
  }
  if (live_seconds > 0) {
    std::printf("dashboard_tables_gen: %lld live commits (bronze versions 2..%lld)\n",
                static_cast<long long>(live_seconds), static_cast<long long>(1 + live_seconds));
  }
  return 0;
}
