// silver_feeder: appends generated sales to a bronze table (tests/pipeline/silver_feed.h), for
// the silver end-to-end test and bench/silver. Usage:
//   silver_feeder DIR COMMITS ROWS_PER_COMMIT [INTERVAL_MS] [SEED] [CLIENTS] [PACE_US]
// PACE_US: event-time advance per 3 rows (default 250000; 300 is 10k events/s of event time,
// and then the stream starts at the current time instead of 2024-12-01).
// Each commit is timed from its start, so INTERVAL_MS paces the stream (10k events/s is
// ROWS_PER_COMMIT=1000, INTERVAL_MS=100). Prints "version rows_total unix_ms bytes" per
// commit (bytes: the sizes of the data files the commit added).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "silver_feed.h"

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr,
                 "usage: silver_feeder DIR COMMITS ROWS_PER_COMMIT [INTERVAL_MS] [SEED] "
                 "[CLIENTS] [PACE_US]\n");
    return 2;
  }
  const std::string dir = argv[1];
  const long commits = std::atol(argv[2]);
  const long rows = std::atol(argv[3]);
  const long interval_ms = argc > 4 ? std::atol(argv[4]) : 0;
  salesflow::testing::FeedOptions options;
  if (argc > 5) options.seed = std::strtoull(argv[5], nullptr, 10);
  if (argc > 6) options.clients = std::atol(argv[6]);
  if (argc > 7) {
    options.pace_us = std::atol(argv[7]);
    options.base_time_us = std::chrono::duration_cast<std::chrono::microseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  }
  auto feeder = salesflow::testing::BronzeFeeder::Open(dir, options);
  if (!feeder.ok()) {
    std::fprintf(stderr, "silver_feeder: %s\n", feeder.status().ToString().c_str());
    return 1;
  }
  auto next = std::chrono::steady_clock::now();
  for (long i = 0; i < commits; ++i) {
    auto version = (*feeder)->Commit(rows);
    if (!version.ok()) {
      std::fprintf(stderr, "silver_feeder: %s\n", version.status().ToString().c_str());
      return 1;
    }
    const auto unix_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
    std::printf("%lld %lld %lld %lld\n", static_cast<long long>(*version),
                static_cast<long long>((*feeder)->next_row()), static_cast<long long>(unix_ms),
                static_cast<long long>((*feeder)->commit_bytes().back().second));
    std::fflush(stdout);
    next += std::chrono::milliseconds(interval_ms);
    std::this_thread::sleep_until(next);
  }
  return 0;
}
