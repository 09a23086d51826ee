// Decoder and encoder throughput on generated messages (bronze needs 400k events/s on 2 cores
// with Kafka and Parquet work on top, so one core should decode well over 1M events/s).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "event/generator.h"
#include "event/sale_decoder.h"
#include "event/sale_json.h"

namespace salesflow {
namespace {

std::vector<std::string> Payloads(double bad_ratio, bool escaped_accents) {
  SaleGeneratorOptions options;
  options.seed = 1;
  options.bad_ratio = bad_ratio;
  SaleGenerator gen(GenerateCatalog(1000, 200, 1), options);
  std::vector<std::string> out;
  GeneratedMessage m;
  for (int i = 0; i < 4096; ++i) {
    gen.Next(&m);
    std::string p = m.payload;
    if (escaped_accents) {
      // Python json.dumps default: every non-ASCII character as \uXXXX.
      size_t pos = 0;
      while ((pos = p.find("\xc3\x89", pos)) != std::string::npos) p.replace(pos, 2, "\\u00c9");
      pos = 0;
      while ((pos = p.find("\xc3\xa9", pos)) != std::string::npos) p.replace(pos, 2, "\\u00e9");
    }
    out.push_back(std::move(p));
  }
  return out;
}

void DecodeAll(benchmark::State& state, const std::vector<std::string>& payloads) {
  SaleDecoder decoder;
  Sale sale;
  Rejection rejection;
  size_t i = 0;
  int64_t bytes = 0;
  int64_t rejected = 0;
  for (auto _ : state) {
    const std::string& p = payloads[i++ & (payloads.size() - 1)];
    rejected += !decoder.Decode(p, &sale, &rejection).ok();
    benchmark::DoNotOptimize(sale);
    bytes += static_cast<int64_t>(p.size());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(bytes);
  state.counters["rejected"] = static_cast<double>(rejected);
}

void BM_DecodeValid(benchmark::State& state) {
  static const auto payloads = Payloads(0, false);
  DecodeAll(state, payloads);
}
BENCHMARK(BM_DecodeValid);

void BM_DecodeEscapedAccents(benchmark::State& state) {
  static const auto payloads = Payloads(0, true);
  DecodeAll(state, payloads);
}
BENCHMARK(BM_DecodeEscapedAccents);

void BM_DecodeOnePercentBad(benchmark::State& state) {
  static const auto payloads = Payloads(0.01, false);
  DecodeAll(state, payloads);
}
BENCHMARK(BM_DecodeOnePercentBad);

void BM_DecodeNaiveInParis(benchmark::State& state) {
  static const auto payloads = Payloads(0, false);
  SaleDecoderOptions options;
  options.time_zone = TimeZone::Find("Europe/Paris").value();
  SaleDecoder decoder(options);
  Sale sale;
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(decoder.Decode(payloads[i++ & 4095], &sale).ok());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecodeNaiveInParis);

void BM_Encode(benchmark::State& state) {
  SaleGenerator gen(GenerateCatalog(1000, 200, 1), SaleGeneratorOptions{});
  std::vector<Sale> sales(4096);
  GeneratedMessage m;
  for (auto& s : sales) {
    gen.Next(&m);
    s = m.sale;
  }
  std::string out;
  size_t i = 0;
  for (auto _ : state) {
    out.clear();
    AppendSaleJson(sales[i++ & 4095], &out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Encode);

void BM_Generate(benchmark::State& state) {
  SaleGeneratorOptions options;
  options.bad_ratio = 0.01;
  options.attribute_change_probability = 0.001;
  SaleGenerator gen(GenerateCatalog(1000, 200, 1), options);
  GeneratedMessage m;
  for (auto _ : state) {
    gen.Next(&m);
    benchmark::DoNotOptimize(m.payload.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Generate);

}  // namespace
}  // namespace salesflow

BENCHMARK_MAIN();
