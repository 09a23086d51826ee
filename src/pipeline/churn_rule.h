#pragma once

#include <cstdint>

namespace salesflow::pipeline {

// Microseconds in a day; recency is counted in elapsed 24 h periods, not calendar days.
inline constexpr int64_t kChurnMicrosPerDay = 24LL * 3600 * 1000 * 1000;

// Whole days elapsed from the last purchase to `now` (0 when the purchase is in the future).
int64_t JoursDepuisDernierAchat(int64_t dernier_achat_us, int64_t now_us);

// The risque_churn rule: a client is at risk when the silence since the last purchase exceeds
// `multiplier` x their average inter-purchase interval, and never before `min_silence_days`.
// A client with a single purchase has no interval and uses `default_interval_days`.
struct ChurnRule {
  int64_t multiplier = 3;              // silence > multiplier x usual interval
  int64_t min_silence_days = 30;       // never at risk with a shorter silence
  int64_t default_interval_days = 30;  // the interval of a one-purchase client

  // True when the client is at risk at `now_us`.
  bool AtRisk(int64_t premier_achat_us, int64_t dernier_achat_us, int64_t nb_achats,
              int64_t now_us) const;
};

}  // namespace salesflow::pipeline
