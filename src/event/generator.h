#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/time_zone.h"
#include "event/bad_message.h"
#include "event/catalog.h"
#include "event/deterministic_random.h"
#include "event/sale.h"

namespace salesflow {

// How the generator paces, numbers and spoils its events.
struct SaleGeneratorOptions {
  uint64_t seed = 1;           // same seed (and options), same events, byte for byte
  int64_t first_vente_id = 1;  // vente_id of the first event; a resumed run passes a higher one
  int64_t start_micros = 1734359400LL * 1000000;  // first timestamp (UTC); default 2024-12-16 14:30
  int64_t pace_micros = 2'000'000;                // event i is stamped start + i * pace
  // When set, timestamps never run ahead of this clock: a start in the past backfills history
  // at `pace` and then follows the clock ("live"). Events then depend on the clock, not just
  // the seed.
  const Clock* clock = nullptr;
  TimeZone time_zone;    // timestamps are written naive, as wall-clock time in this zone
  double bad_ratio = 0;  // fraction of messages deliberately malformed or invalid (0..1)
  // Per event, the chance that its client first changes name, country or segment (so
  // attribute-change rules downstream get exercised); meant for large catalogs.
  double attribute_change_probability = 0;
};

// One message to send: the Kafka key and payload, and what it is.
struct GeneratedMessage {
  std::string key;             // client_id as decimal text (keeps a client's sales ordered)
  std::string payload;         // the JSON message, or deliberately broken bytes
  Sale sale;                   // the sale the message carries (before any breakage)
  std::optional<BadKind> bad;  // set when the payload was broken on purpose
};

// A deterministic stream of sales over a catalog: vente_id strictly increasing from
// first_vente_id, quantite 1..5, montant = unit price x quantite exactly in cents, clients
// skewed so some buy much more than others. Not thread-safe.
class SaleGenerator {
 public:
  SaleGenerator(Catalog catalog, SaleGeneratorOptions options);

  // Fills *out with the next message, reusing its buffers.
  void Next(GeneratedMessage* out);

  // Messages produced so far.
  int64_t produced() const { return produced_; }
  // The vente_id the next message will carry: where a resumed run should start.
  VenteId next_vente_id() const { return VenteId(options_.first_vente_id + produced_); }
  // The catalog as it is now, including attribute changes made so far.
  const Catalog& catalog() const { return catalog_; }

 private:
  void ChangeAttributes(Client& client);

  Catalog catalog_;
  SaleGeneratorOptions options_;
  DeterministicRandom rng_;
  int64_t produced_ = 0;
};

}  // namespace salesflow
