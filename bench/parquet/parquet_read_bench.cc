// Decodes a Parquet file with our reader on one thread and prints the timing as one JSON line
// (rows/s, MB/s of the file, CPU seconds). Used beside pyarrow's read of the same file by
// bench/parquet_vs_pyarrow.py. Reads every row group into a reused ColumnBatch, `repeat`
// times; the best run counts.
//
// usage: parquet_read_bench FILE [REPEAT]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

#include "parquet/reader.h"

namespace sp = salesflow::parquet;

namespace {

double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE [REPEAT]\n", argv[0]);
    return 2;
  }
  const int repeat = argc > 2 ? std::atoi(argv[2]) : 3;
  double best_wall = 1e100;
  double best_cpu = 1e100;
  int64_t rows = 0;
  uint64_t bytes = 0;
  for (int i = 0; i < repeat; ++i) {
    const auto wall0 = std::chrono::steady_clock::now();
    const double cpu0 = CpuSeconds();
    auto reader = sp::ParquetReader::OpenFile(argv[1]);
    if (!reader.ok()) {
      std::fprintf(stderr, "%s\n", reader.status().ToString().c_str());
      return 1;
    }
    sp::ColumnBatch batch;
    rows = 0;
    for (int g = 0; g < (*reader)->num_row_groups(); ++g) {
      salesflow::Status st = (*reader)->ReadRowGroup(g, &batch);
      if (!st.ok()) {
        std::fprintf(stderr, "%s\n", st.ToString().c_str());
        return 1;
      }
      rows += batch.num_rows;
    }
    const double cpu = CpuSeconds() - cpu0;
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    best_wall = std::min(best_wall, wall);
    best_cpu = std::min(best_cpu, cpu);
    bytes = 0;
    if (FILE* f = std::fopen(argv[1], "rb")) {
      std::fseek(f, 0, SEEK_END);
      bytes = static_cast<uint64_t>(std::ftell(f));
      std::fclose(f);
    }
  }
  std::printf(
      "{\"tool\":\"salesflow\",\"op\":\"read\",\"rows\":%lld,\"file_bytes\":%llu,"
      "\"wall_s\":%.4f,\"cpu_s\":%.4f,\"rows_per_s\":%.0f,\"mb_per_s\":%.1f}\n",
      static_cast<long long>(rows), static_cast<unsigned long long>(bytes), best_wall, best_cpu,
      static_cast<double>(rows) / best_cpu, static_cast<double>(bytes) / 1e6 / best_cpu);
  return 0;
}
