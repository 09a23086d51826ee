#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/strong_int.h"

// What the dashboard reads from the gold and silver tables, in memory. This is the contract
// the silver stage fulfils (docs/DESIGN.md, "Dashboard"): one row type per table, money in
// exact cents, minutes and days on the wall clock of the configured time zone. Dimension
// strings are interned (see DashboardDataBuilder) so a month of minute buckets stays small.

namespace salesflow {

// Minutes since 1970-01-01T00:00 read on the configured zone's wall clock (not UTC): the
// gold `minute` column. Day = minute / 1440 exactly, because the clock is local.
using LocalMinute = StrongInt<struct LocalMinuteTag>;
// Days since 1970-01-01 on the configured zone's calendar: the gold `day` column.
using LocalDay = StrongInt<struct LocalDayTag>;
// A Delta table version (the number of its _delta_log/NNN.json commit).
using TableVersion = StrongInt<struct TableVersionTag>;

inline constexpr int64_t kMinutesPerDay = 1440;

inline LocalDay DayOf(LocalMinute m) {
  int64_t d = m.value() / kMinutesPerDay;
  if (m.value() % kMinutesPerDay < 0) --d;
  return LocalDay(d);
}

// One row of gold `ventes_par_minute`: sales of one minute for one product/country/segment.
struct MinuteBucket {
  LocalMinute minute;            // the minute the sales happened in (event time)
  uint32_t produit = 0;          // index into DashboardData::produits
  uint32_t categorie = 0;        // index into DashboardData::categories
  uint32_t pays = 0;             // index into DashboardData::pays
  uint32_t segment = 0;          // index into DashboardData::segments
  int64_t nb_ventes = 0;         // number of sales
  int64_t quantite = 0;          // units sold
  int64_t chiffre_affaires = 0;  // revenue, cents
  int64_t montant_max = 0;       // the largest single sale, cents (gold montant_max)
};

// One row of gold `ventes_client_jour`: what one client bought on one day.
struct ClientDay {
  LocalDay day;                  // the day of the sales
  uint32_t client = 0;           // index into DashboardData::clients
  int64_t nb_ventes = 0;         // number of sales
  int64_t chiffre_affaires = 0;  // revenue, cents
};

// One row of silver `delta_silver_aggreges`: a client's lifetime profile.
struct ClientProfile {
  std::string client_id;                   // key
  std::string client_nom;                  // latest name seen (event time order)
  std::string pays;                        // latest country
  std::string segment;                     // latest segment
  int64_t total_depense = 0;               // lifetime spend, cents
  int64_t nb_achats = 0;                   // lifetime number of purchases
  int64_t panier_moyen = 0;                // total_depense / nb_achats, cents, half-even
  int64_t quantite_totale = 0;             // lifetime units
  int64_t premier_achat_us = 0;            // first purchase, UTC micros since the epoch
  int64_t dernier_achat_us = 0;            // last purchase, UTC micros since the epoch
  int64_t jours_depuis_dernier_achat = 0;  // days since the last purchase at maj_le
  std::string fidelite;                    // loyalty tier name, as silver writes it
  bool risque_churn = false;               // silver's churn rule fired
  bool in_silver = true;                   // false: seen in gold only (silver not caught up yet)
};

// The table versions a snapshot was built from. Every table records the bronze version it
// has processed; a loader publishes only when all of them agree, so panels never disagree.
struct DataVersions {
  TableVersion bronze{-1};  // bronze version folded into every table below (-1: none)
  TableVersion silver{-1};  // version of delta_silver_aggreges read
  TableVersion gold{-1};    // version of the gold minute table read (others carry the same bronze)
};

// Everything the dashboard serves, immutable once published.
struct DashboardData {
  std::string time_zone = "UTC";        // zone of minutes and days
  DataVersions versions;                // what it was loaded from
  std::vector<std::string> produits;    // interned product names
  std::vector<std::string> categories;  // interned category names
  std::vector<std::string> pays;        // interned country names
  std::vector<std::string> segments;    // interned segment names
  std::vector<MinuteBucket> minutes;    // sorted by minute
  std::vector<ClientDay> client_days;   // sorted by day
  std::vector<ClientProfile> clients;   // indexed by ClientDay::client
};

}  // namespace salesflow
