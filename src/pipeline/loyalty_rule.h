#pragma once

#include <cstdint>
#include <string_view>

namespace salesflow::pipeline {

// What a client must reach for one tier: both the lifetime spend and the purchase count.
struct TierThreshold {
  int64_t min_total_cents = 0;  // total_depense at least this
  int64_t min_achats = 0;       // nb_achats at least this
};

// The fidelite rule: the highest tier whose two thresholds are both met, else "bronze".
// Tier names are the dashboard's (lowercase French): bronze, argent, or, platine.
struct LoyaltyRule {
  TierThreshold argent{20000, 2};     // 200.00 EUR over at least 2 purchases
  TierThreshold or_{100000, 5};       // 1000.00 EUR over at least 5 purchases
  TierThreshold platine{200000, 10};  // 2000.00 EUR over at least 10 purchases

  // The tier name for a client's totals.
  std::string_view Tier(int64_t total_cents, int64_t nb_achats) const;
};

}  // namespace salesflow::pipeline
