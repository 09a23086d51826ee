#pragma once

// Shared by the bronze tests: temporary table directories, generated Kafka-like messages and
// reading the two tables back as sets of (partition, offset).

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "pipeline/kafka_record.h"

namespace salesflow::testing {

// A fresh directory under /tmp, removed with its contents at destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A message with its bytes owned (what a broker would hold).
struct StoredMessage {
  int32_t partition = 0;      // Kafka partition
  int64_t offset = 0;         // offset in it
  std::string key;            // client_id text
  std::string payload;        // JSON (or broken bytes)
  int64_t timestamp_ms = 0;   // CreateTime
  bool bad = false;           // the generator broke it on purpose
  int64_t montant_cents = 0;  // the sale's amount when good
  // The view bronze's core consumes.
  pipeline::KafkaRecord View(const std::string& topic) const;
};

// `count` generated sales (seed, `bad_ratio` broken), spread over `partitions` by key, with
// consecutive offsets per partition and timestamps `pace_micros` apart (several days when the
// pace is large).
std::vector<StoredMessage> GenerateMessages(int64_t count, int partitions, double bad_ratio,
                                            uint64_t seed, int64_t pace_micros);

// What a table holds, as bronze's invariants look at it.
struct TableContents {
  std::multiset<std::pair<int32_t, int64_t>> coordinates;  // (kafka_partition, kafka_offset)
  std::map<int64_t, int> vente_ids;                        // bronze: vente_id -> count
  int64_t montant_cents = 0;                               // bronze: sum(montant)
  int64_t rows = 0;                                        // rows read
  std::set<std::string> reasons;                           // quarantine: reason codes seen
};

// Reads the active files of the bronze (or quarantine) table at `dir` with our Parquet reader.
Status ReadBronzeTable(const std::string& dir, TableContents* out);
Status ReadQuarantineTable(const std::string& dir, TableContents* out);

// The txn version of `app_id` in the table at `dir`.
std::optional<int64_t> TableTxnVersion(const std::string& dir, const std::string& app_id);

}  // namespace salesflow::testing
