#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "base/time_zone.h"
#include "pipeline/silver_input_row.h"
#include "pipeline/string_interner.h"

namespace salesflow::pipeline {

// The per-client running totals, fixed-size (strings are interner ids) so 1M clients fit the
// memory budget. Attributes come from the latest sale by (event time, partition, offset).
struct ClientAggregate {
  int64_t total_depense = 0;     // cents
  int64_t nb_achats = 0;         // purchases folded
  int64_t quantite_totale = 0;   // units
  int64_t premier_achat_us = 0;  // earliest event time
  int64_t dernier_achat_us = 0;  // latest event time
  int64_t attr_time_us = 0;      // event time of the sale the attributes come from
  int64_t attr_offset = 0;       // its Kafka offset
  int32_t attr_partition = 0;    // its Kafka partition
  uint32_t client_nom = 0;       // interner id
  uint32_t pays = 0;             // interner id
  uint32_t segment = 0;          // interner id
};

// Sums for one gold key; merging is addition, so order never matters.
struct SalesTotals {
  int64_t nb_ventes = 0;         // sales
  int64_t quantite = 0;          // units
  int64_t chiffre_affaires = 0;  // cents

  friend bool operator==(const SalesTotals&, const SalesTotals&) = default;
};

// One gold minute bucket: the sums plus the largest single sale, which merges by max (bronze is
// append-only, and a bronze remove with dataChange=true rebuilds silver, so a max never has to
// be taken back).
struct MinuteTotals {
  SalesTotals totals;       // sums
  int64_t montant_max = 0;  // cents: largest sale folded (meaningful when totals.nb_ventes > 0)
};

// A silver client with strings resolved (before the loyalty/churn rules, which need "now").
struct ClientRow {
  int64_t client_id = 0;         // key
  std::string client_nom;        // latest name
  std::string pays;              // latest country
  std::string segment;           // latest segment
  int64_t total_depense = 0;     // cents
  int64_t nb_achats = 0;         // purchases
  int64_t panier_moyen = 0;      // cents, total/nb rounded half-even
  int64_t quantite_totale = 0;   // units
  int64_t premier_achat_us = 0;  // UTC micros
  int64_t dernier_achat_us = 0;  // UTC micros
  int32_t source_partition = 0;  // Kafka partition of the sale the attributes come from
  int64_t source_offset = 0;     // its offset (with dernier_achat, restores the tie-break)

  friend bool operator==(const ClientRow&, const ClientRow&) = default;
};

// One ventes_par_minute row, strings resolved.
struct MinuteRow {
  int64_t minute_local_us = 0;  // start of the minute on the zone's wall clock (micros)
  std::string produit;          // product name
  std::string categorie;        // category
  std::string pays;             // the sale's country
  std::string segment;          // the sale's segment
  SalesTotals totals;           // sums
  int64_t montant_max = 0;      // cents: the largest single sale of the bucket

  friend bool operator==(const MinuteRow&, const MinuteRow&) = default;
};

// One ventes_client_jour row.
struct ClientDayRow {
  int64_t client_id = 0;  // key part 1
  int32_t day = 0;        // local date, days since 1970-01-01
  SalesTotals totals;     // nb_ventes and chiffre_affaires used (quantite kept too)

  friend bool operator==(const ClientDayRow&, const ClientDayRow&) = default;
};

// One per-dimension total row (product, category, country or segment).
struct DimensionRow {
  std::string value;   // the dimension value
  SalesTotals totals;  // sums

  friend bool operator==(const DimensionRow&, const DimensionRow&) = default;
};

// The parts of the state, each written to its own table and so each gated on its own txn
// version when bronze commits are replayed after a restart (a bit set).
enum SilverPart : uint32_t {
  kPartClients = 1u << 0,     // delta_silver_aggreges
  kPartMinutes = 1u << 1,     // ventes_par_minute
  kPartClientDays = 1u << 2,  // ventes_client_jour
  kPartProduit = 1u << 3,     // ventes_par_produit
  kPartCategorie = 1u << 4,   // ventes_par_categorie
  kPartPays = 1u << 5,        // ventes_par_pays
  kPartSegment = 1u << 6,     // ventes_par_segment
  kAllParts = (1u << 7) - 1,  // every part
};

// total/nb rounded half-even to the cent, in integers (0 when nb == 0).
int64_t PanierMoyenCents(int64_t total_cents, int64_t nb);

// The silver partition of a client: client_id mod `bucket_count`, never negative.
int32_t ClientBucket(int64_t client_id, int32_t bucket_count);

// The silver and gold aggregation state: pure, deterministic, no I/O. Folding the same rows
// in any order or split into any batches gives the same rows out (sums and the largest sale
// commute; attributes take the max of (event time, partition, offset)).
class SilverState {
 public:
  // Minutes and days are taken on `zone`'s wall clock.
  explicit SilverState(TimeZone zone = TimeZone());

  // Folds one bronze sale into the parts in `parts` (SilverPart bits).
  void Fold(const SilverInputRow& row, uint32_t parts = kAllParts);

  // Restoring from the tables (each row as written; a key restored twice is summed).
  void RestoreClient(const ClientRow& row);
  void RestoreMinute(const MinuteRow& row);
  void RestoreClientDay(const ClientDayRow& row);
  // `part` is one of kPartProduit, kPartCategorie, kPartPays, kPartSegment.
  void RestoreDimension(SilverPart part, const DimensionRow& row);

  // The local day (days since 1970-01-01 on the zone's wall clock) of a UTC instant.
  int32_t LocalDay(int64_t utc_us) const;

  // Number of distinct clients.
  size_t client_count() const { return clients_.size(); }
  // The client rows, sorted by client_id.
  std::vector<ClientRow> ClientRows() const;
  // The client row of one id; false when unknown.
  bool FindClient(int64_t client_id, ClientRow* out) const;
  // The client rows whose id is in a bucket of `buckets` (ClientBucket), sorted by id.
  std::vector<ClientRow> ClientRowsInBuckets(const std::set<int32_t>& buckets,
                                             int32_t bucket_count) const;
  // ventes_par_minute rows, sorted by (minute, produit, categorie, pays, segment).
  std::vector<MinuteRow> MinuteRows() const;
  // The ventes_par_minute rows of the local days in `days`, sorted likewise.
  std::vector<MinuteRow> MinuteRowsOfDays(const std::set<int32_t>& days) const;
  // ventes_client_jour rows, sorted by (client_id, day).
  std::vector<ClientDayRow> ClientDayRows() const;
  // The ventes_client_jour rows of the days in `days`, sorted likewise.
  std::vector<ClientDayRow> ClientDayRowsOfDays(const std::set<int32_t>& days) const;
  // Per-dimension totals, sorted by value.
  std::vector<DimensionRow> ProduitRows() const { return Dimension(by_produit_); }
  std::vector<DimensionRow> CategorieRows() const { return Dimension(by_categorie_); }
  std::vector<DimensionRow> PaysRows() const { return Dimension(by_pays_); }
  std::vector<DimensionRow> SegmentRows() const { return Dimension(by_segment_); }

  // Honest estimate of the heap bytes the state holds, from container sizes and capacities.
  size_t MemoryBytes() const;

 private:
  // (local minute, produit, categorie, pays, segment) with interner ids.
  using MinuteKey = std::tuple<int64_t, uint32_t, uint32_t, uint32_t, uint32_t>;

  // Open addressing client_id -> index into clients_ (linear probing, power-of-two slots).
  uint32_t FindOrAddClient(int64_t client_id, bool* added);
  void GrowIndex();
  std::vector<DimensionRow> Dimension(const std::map<uint32_t, SalesTotals>& m) const;
  std::map<uint32_t, SalesTotals>* DimensionMap(SilverPart part);
  void MinuteRowsInRange(int64_t lo, int64_t hi, std::vector<MinuteRow>* rows) const;
  std::string Str(uint32_t id) const { return std::string(strings_.Get(id)); }

  TimeZone zone_;
  StringInterner strings_;
  std::vector<int64_t> client_ids_;       // parallel to clients_
  std::vector<ClientAggregate> clients_;  // dense, in first-seen order
  std::vector<uint32_t> slots_;           // index + 1 into clients_; 0 = empty
  std::map<MinuteKey, MinuteTotals> minutes_;
  std::map<std::pair<int64_t, int32_t>, SalesTotals> client_days_;
  std::map<uint32_t, SalesTotals> by_produit_;
  std::map<uint32_t, SalesTotals> by_categorie_;
  std::map<uint32_t, SalesTotals> by_pays_;
  std::map<uint32_t, SalesTotals> by_segment_;
};

}  // namespace salesflow::pipeline
