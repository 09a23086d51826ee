#include "pipeline/churn_rule.h"

#include <algorithm>

namespace salesflow::pipeline {

int64_t JoursDepuisDernierAchat(int64_t dernier_achat_us, int64_t now_us) {
  if (now_us <= dernier_achat_us) return 0;
  return (now_us - dernier_achat_us) / kChurnMicrosPerDay;
}

bool ChurnRule::AtRisk(int64_t premier_achat_us, int64_t dernier_achat_us, int64_t nb_achats,
                       int64_t now_us) const {
  if (nb_achats <= 0 || now_us <= dernier_achat_us) return false;
  // Average gap between consecutive purchases, in micros (integer, truncated).
  const int64_t interval_us = nb_achats >= 2
                                  ? (dernier_achat_us - premier_achat_us) / (nb_achats - 1)
                                  : default_interval_days * kChurnMicrosPerDay;
  const int64_t threshold_us =
      std::max(multiplier * interval_us, min_silence_days * kChurnMicrosPerDay);
  return now_us - dernier_achat_us > threshold_us;
}

}  // namespace salesflow::pipeline
