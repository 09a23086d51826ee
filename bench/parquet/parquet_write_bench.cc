// Encodes N rows of the bronze table's schema with our Parquet writer (zstd, dictionary on,
// 1 Mi-row row groups, 1 MiB pages) on one thread and prints the timing as one JSON line.
// Only ParquetWriter::Append/Finish are timed; the batches are generated beforehand in
// chunks and reused. Used by bench/parquet_vs_pyarrow.py.
//
// usage: parquet_write_bench OUT.parquet [ROWS] [CODEC: zstd|snappy|none]
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "parquet/writer.h"

namespace sp = salesflow::parquet;

namespace {

// CPU time of this thread: the machine is shared, so wall time alone is noisy.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// The bronze schema of delta_ventes_table (see docs/DESIGN.md, bronze section).
std::shared_ptr<const sp::Schema> BronzeSchema() {
  using F = sp::Field;
  auto s = sp::Schema::Make({
      F::Int64("vente_id", false),
      F::Int64("client_id", false),
      F::Int64("produit_id", false),
      F::TimestampMicros("event_time", true, false),
      F::Int32("quantite", false),
      F::Decimal("montant", 18, 2, false),
      F::String("client_nom"),
      F::String("produit_nom"),
      F::String("categorie"),
      F::String("pays"),
      F::String("segment"),
      F::Date("date_vente", false),
      F::String("kafka_topic", false),
      F::Int32("kafka_partition", false),
      F::Int64("kafka_offset", false),
      F::TimestampMicros("kafka_timestamp", true, false),
      F::TimestampMicros("ingested_at", true, false),
  });
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.status().ToString().c_str());
    std::exit(1);
  }
  return *s;
}

struct Rng {
  uint64_t s = 0x2545F4914F6CDD1DULL;
  uint64_t Next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  }
};

const char* kCategories[] = {"Electronique", "Maison", "Sport",  "Mode", "Beauté",
                             "Jardin",       "Livres", "Jouets", "Auto", "Épicerie"};
const char* kCountries[] = {"France", "Belgique", "Suisse",     "Canada",
                            "Maroc",  "Sénégal",  "Luxembourg", "Tunisie"};
const char* kSegments[] = {"Particulier", "Professionnel", "Entreprise"};

// Fills `b` with rows [first, first + n) of the deterministic stream; returns raw bytes.
int64_t Generate(sp::ColumnBatch& b, int64_t first, int64_t n, Rng& r, int64_t offsets[3]) {
  b.Clear();
  int64_t raw = 0;
  constexpr int64_t kStart = 1'735'689'600'000'000;  // 2025-01-01T00:00:00Z
  for (int64_t i = 0; i < n; ++i) {
    int64_t row = first + i;
    uint64_t x = r.Next();
    int64_t client = static_cast<int64_t>(x % 10'000) + 1;
    int64_t product = static_cast<int64_t>((x >> 16) % 1'000) + 1;
    int64_t t = kStart + row * 25 + static_cast<int64_t>((x >> 32) % 1000);  // ~40k events/s
    auto part = static_cast<int32_t>(client % 3);
    b.columns[0].i64.push_back(row + 1);
    b.columns[1].i64.push_back(client);
    b.columns[2].i64.push_back(product);
    b.columns[3].i64.push_back(t);
    b.columns[4].i32.push_back(static_cast<int32_t>((x >> 40) % 10) + 1);
    b.columns[5].i64.push_back(static_cast<int64_t>((x >> 20) % 500'000) + 99);
    auto put = [&](int col, const std::string& s) {
      auto& c = b.columns[static_cast<size_t>(col)];
      c.bytes.insert(c.bytes.end(), s.begin(), s.end());
      c.offsets.push_back(static_cast<int64_t>(c.bytes.size()));
      raw += static_cast<int64_t>(s.size());
    };
    put(6, "Client " + std::to_string(client));
    put(7, "Produit " + std::to_string(product));
    put(8, kCategories[product % 10]);
    put(9, kCountries[client % 8]);
    put(10, kSegments[client % 3]);
    b.columns[11].i32.push_back(static_cast<int32_t>(t / 86'400'000'000));
    put(12, "ventes_stream");
    b.columns[13].i32.push_back(part);
    b.columns[14].i64.push_back(offsets[part]++);
    b.columns[15].i64.push_back(t + 1'000);
    b.columns[16].i64.push_back(t + 150'000 + static_cast<int64_t>((x >> 48) % 100'000));
    raw += 8 * 9 + 4 * 3;
  }
  for (auto& c : b.columns) c.length = n;
  b.num_rows = n;
  return raw;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s OUT.parquet [ROWS] [zstd|snappy|none]\n", argv[0]);
    return 2;
  }
  int64_t rows = argc > 2 ? std::atoll(argv[2]) : 10'000'000;
  std::string codec = argc > 3 ? argv[3] : "zstd";
  auto schema = BronzeSchema();
  sp::WriterOptions options;
  options.codec = codec == "snappy" ? sp::CompressionCodec::kSnappy
                  : codec == "none" ? sp::CompressionCodec::kUncompressed
                                    : sp::CompressionCodec::kZstd;
  options.row_group_max_rows = 1 << 20;
  options.page_max_bytes = 1 << 20;
  options.dictionary_max_bytes = 1 << 20;
  auto sink = sp::FileOutputSink::Open(argv[1]);
  if (!sink.ok()) {
    std::fprintf(stderr, "%s\n", sink.status().ToString().c_str());
    return 1;
  }
  auto writer = sp::ParquetWriter::Open(schema, sink->get(), options);
  if (!writer.ok()) {
    std::fprintf(stderr, "%s\n", writer.status().ToString().c_str());
    return 1;
  }
  sp::ColumnBatch batch = sp::ColumnBatch::Make(schema);
  Rng rng;
  int64_t offsets[3] = {0, 0, 0};
  int64_t raw = 0;
  std::chrono::steady_clock::duration spent{};
  double cpu = 0;
  constexpr int64_t kBatch = 65'536;
  for (int64_t first = 0; first < rows; first += kBatch) {
    raw += Generate(batch, first, std::min(kBatch, rows - first), rng, offsets);
    auto t0 = std::chrono::steady_clock::now();
    double c0 = ThreadCpuSeconds();
    salesflow::Status s = (*writer)->Append(batch);
    cpu += ThreadCpuSeconds() - c0;
    spent += std::chrono::steady_clock::now() - t0;
    if (!s.ok()) {
      std::fprintf(stderr, "%s\n", s.ToString().c_str());
      return 1;
    }
  }
  auto t0 = std::chrono::steady_clock::now();
  double c0 = ThreadCpuSeconds();
  auto summary = (*writer)->Finish();
  cpu += ThreadCpuSeconds() - c0;
  spent += std::chrono::steady_clock::now() - t0;
  if (!summary.ok()) {
    std::fprintf(stderr, "%s\n", summary.status().ToString().c_str());
    return 1;
  }
  double secs = std::chrono::duration<double>(spent).count();
  std::printf(
      "{\"engine\":\"salesflow\",\"rows\":%lld,\"seconds\":%.3f,\"cpu_seconds\":%.3f,"
      "\"rows_per_cpu_s\":%.0f,\"raw_bytes\":%lld,\"raw_mb_per_cpu_s\":%.1f,"
      "\"file_bytes\":%lld,\"row_groups\":%lld}\n",
      static_cast<long long>(rows), secs, cpu, static_cast<double>(rows) / cpu,
      static_cast<long long>(raw), static_cast<double>(raw) / cpu / 1e6,
      static_cast<long long>(summary->file_size), static_cast<long long>(summary->num_row_groups));
  return 0;
}
