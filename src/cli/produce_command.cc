#include "cli/produce_command.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <iostream>

#include "base/clock.h"
#include "base/shutdown.h"
#include "config/common_settings.h"
#include "event/catalog.h"
#include "kafka/producer.h"
#include "kafka/sale_producer.h"

namespace salesflow {
namespace {

constexpr const char* kInterval = "produce.interval";
constexpr const char* kRate = "produce.rate";
constexpr const char* kCount = "produce.count";
constexpr const char* kSeed = "produce.seed";
constexpr const char* kClients = "produce.clients";
constexpr const char* kProducts = "produce.products";
constexpr const char* kBadRatio = "produce.bad_ratio";
constexpr const char* kStartId = "produce.start_id";
constexpr const char* kAttributeChanges = "produce.attribute_changes";
constexpr const char* kFlushTimeout = "produce.flush_timeout";

std::vector<ClientProperty> PassThrough(const Config& config) {
  std::vector<ClientProperty> out;
  for (const KafkaProperty& p : config.kafka_properties()) {
    out.push_back({p.key, p.value, p.source.ToString()});
  }
  return out;
}

}  // namespace

void AddProduceSettings(Command& cmd, bool declare) {
  if (declare) {
    cmd.Declare({.key = kInterval,
                 .kind = SettingKind::kDuration,
                 .default_value = "2s",
                 .help = "pause between events when no rate is given"});
    cmd.Declare({.key = kRate,
                 .kind = SettingKind::kDouble,
                 .help = "events per second, overrides interval; 0 = as fast as possible"});
    cmd.Declare({.key = kCount,
                 .kind = SettingKind::kInt,
                 .default_value = "0",
                 .help = "events to send; 0 = until Ctrl-C"});
    cmd.Declare({.key = kSeed,
                 .kind = SettingKind::kInt,
                 .help = "generator seed (same seed and start id, same events); default: clock"});
    cmd.Declare({.key = kClients,
                 .kind = SettingKind::kInt,
                 .default_value = "3",
                 .help = "clients in the catalog (3 = the seed's)"});
    cmd.Declare({.key = kProducts,
                 .kind = SettingKind::kInt,
                 .default_value = "5",
                 .help = "products in the catalog (5 = the seed's)"});
    cmd.Declare({.key = kBadRatio,
                 .kind = SettingKind::kDouble,
                 .default_value = "0",
                 .help = "fraction of malformed or invalid messages (0..1), for tests"});
    cmd.Declare({.key = kStartId,
                 .kind = SettingKind::kInt,
                 .help = "first vente_id; default: current Unix time in ms x 1000"});
    cmd.Declare({.key = kAttributeChanges,
                 .kind = SettingKind::kDouble,
                 .default_value = "0.0005",
                 .help = "per-event chance a client changes name/country/segment (generated "
                         "catalogs only)"});
    cmd.Declare({.key = kFlushTimeout,
                 .kind = SettingKind::kDuration,
                 .default_value = "30s",
                 .help = "how long the final flush may wait for the broker"});
  }
  cmd.Flag("--interval", kInterval);
  cmd.Flag("--rate", kRate);
  cmd.Flag("--count", kCount);
  cmd.Flag("--seed", kSeed);
  cmd.Flag("--clients", kClients);
  cmd.Flag("--products", kProducts);
  cmd.Flag("--bad-ratio", kBadRatio);
  cmd.Flag("--start-id", kStartId);
  cmd.Flag("--attribute-changes", kAttributeChanges);
  cmd.Flag("--flush-timeout", kFlushTimeout);
  cmd.Use(settings::kKafkaTopic);
  cmd.Use(settings::kTimeZone);
}

Status RunProduce(const Config& config, const std::string& brokers, std::ostream& out,
                  const std::function<void(const GeneratedMessage&)>& on_sent) {
  SF_ASSIGN_OR_RETURN(std::string topic, config.GetString(settings::kKafkaTopic));
  SF_ASSIGN_OR_RETURN(std::chrono::microseconds interval, config.GetDuration(kInterval));
  SF_ASSIGN_OR_RETURN(int64_t count, config.GetInt(kCount));
  SF_ASSIGN_OR_RETURN(int64_t clients, config.GetInt(kClients));
  SF_ASSIGN_OR_RETURN(int64_t products, config.GetInt(kProducts));
  SF_ASSIGN_OR_RETURN(double bad_ratio, config.GetDouble(kBadRatio));
  SF_ASSIGN_OR_RETURN(double attribute_changes, config.GetDouble(kAttributeChanges));
  SF_ASSIGN_OR_RETURN(std::chrono::microseconds flush_timeout, config.GetDuration(kFlushTimeout));
  SF_ASSIGN_OR_RETURN(TimeZone zone, config.GetTimeZone(settings::kTimeZone));
  double rate = 0;
  if (config.IsSet(kRate)) {
    SF_ASSIGN_OR_RETURN(rate, config.GetDouble(kRate));
  } else {
    if (interval.count() <= 0) return InvalidArgument("produce.interval must be above 0");
    rate = 1e6 / static_cast<double>(interval.count());
  }
  if (rate < 0) return InvalidArgument("produce.rate must be >= 0");
  if (count < 0) return InvalidArgument("produce.count must be >= 0");
  if (clients < 1 || products < 1) {
    return InvalidArgument("produce.clients and produce.products must be >= 1");
  }
  if (bad_ratio < 0 || bad_ratio > 1) return InvalidArgument("produce.bad_ratio must be in 0..1");
  const int64_t now_micros = SystemClock::Instance().NowMicros();
  uint64_t seed = static_cast<uint64_t>(now_micros);
  if (config.IsSet(kSeed)) {
    SF_ASSIGN_OR_RETURN(int64_t s, config.GetInt(kSeed));
    seed = static_cast<uint64_t>(s);
  }
  // A resumed run must not reuse ids: by default ids start at the current time in ms x 1000,
  // above every id of an earlier run that averaged under 1M events/s (see DESIGN.md "Kafka").
  int64_t start_id = now_micros / 1000 * 1000;
  if (config.IsSet(kStartId)) {
    SF_ASSIGN_OR_RETURN(start_id, config.GetInt(kStartId));
    if (start_id < 1) return InvalidArgument("produce.start_id must be >= 1");
  }
  const bool generated = clients > 3 || products > 5;
  Catalog catalog =
      generated ? GenerateCatalog(static_cast<size_t>(clients), static_cast<size_t>(products), seed)
                : DefaultCatalog();
  // Live stamps: event i is due at start + i / rate; the clock caps them at "now".
  SaleGenerator generator(
      std::move(catalog),
      SaleGeneratorOptions{
          .seed = seed,
          .first_vente_id = start_id,
          .start_micros = now_micros / 1'000'000 * 1'000'000,  // whole seconds, as the seed
          .pace_micros = rate > 0 ? static_cast<int64_t>(1e6 / rate) : 0,
          .clock = &SystemClock::Instance(),
          .time_zone = zone,
          .bad_ratio = bad_ratio,
          .attribute_change_probability = generated ? attribute_changes : 0,
      });
  SF_ASSIGN_OR_RETURN(
      auto producer,
      Producer::Create({.brokers = brokers, .topic = topic, .properties = PassThrough(config)}));
  SF_RETURN_IF_ERROR(InstallShutdownHandlers());
  spdlog::info("producing to {} on {}: rate {}, count {}, seed {}, first vente_id {}", topic,
               brokers, rate > 0 ? fmt::format("{}/s", rate) : "max", count, seed, start_id);
  SaleProducerSummary summary;
  Status status = RunSaleProducer(
      *producer, generator,
      {.count = count,
       .rate = rate,
       .flush_timeout = std::chrono::duration_cast<std::chrono::milliseconds>(flush_timeout),
       .progress = (on_sent == nullptr && isatty(STDERR_FILENO) != 0) ? &std::cerr : nullptr,
       .on_sent = on_sent},
      &summary);
  out << fmt::format(
      "produced {} events to {} in {:.2f} s ({:.0f} events/s): delivered {}, failed {}; "
      "seed {}, vente_id {}..{}{}\n",
      summary.sent, topic, summary.seconds,
      summary.seconds > 0 ? static_cast<double>(summary.sent) / summary.seconds : 0.0,
      summary.delivered, summary.failed, seed, start_id, summary.next_vente_id - 1,
      summary.stopped ? " (stopped)" : "");
  out.flush();
  return status;
}

void RegisterProduceCommand(CLI::App& app, CommandContext& ctx) {
  Command& cmd = ctx.AddCommand(app, "produce", "send generated sale events to Kafka");
  AddProduceSettings(cmd, /*declare=*/true);
  cmd.Flag("--brokers", settings::kKafkaBrokers);
  cmd.Flag("--topic", settings::kKafkaTopic);
  cmd.Run([&ctx](const Config& config) -> Status {
    SF_ASSIGN_OR_RETURN(std::string brokers, config.GetString(settings::kKafkaBrokers));
    return RunProduce(config, brokers, ctx.out(), nullptr);
  });
}

}  // namespace salesflow
