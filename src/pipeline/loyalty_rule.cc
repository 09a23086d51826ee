#include "pipeline/loyalty_rule.h"

namespace salesflow::pipeline {
namespace {

bool Meets(const TierThreshold& t, int64_t total_cents, int64_t nb_achats) {
  return total_cents >= t.min_total_cents && nb_achats >= t.min_achats;
}

}  // namespace

std::string_view LoyaltyRule::Tier(int64_t total_cents, int64_t nb_achats) const {
  if (Meets(platine, total_cents, nb_achats)) return "platine";
  if (Meets(or_, total_cents, nb_achats)) return "or";
  if (Meets(argent, total_cents, nb_achats)) return "argent";
  return "bronze";
}

}  // namespace salesflow::pipeline
