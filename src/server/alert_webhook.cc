#include "server/alert_webhook.h"

#include <httplib.h>
#include <prometheus/counter.h>
#include <prometheus/registry.h>
#include <spdlog/spdlog.h>

#include <fmt/format.h>

#include "server/dashboard_json.h"
#include "server/dashboard_query.h"
#include "server/json_writer.h"

namespace salesflow {

// Counters of deliveries, when a registry is given.
struct AlertWebhook::Metrics {
  prometheus::Counter* delivered = nullptr;  // alerts POSTed with a 2xx answer
  prometheus::Counter* failures = nullptr;   // POSTs that failed
};

namespace {

// Alerts delivered are remembered for this many (rule, minute) pairs at most.
constexpr size_t kMaxRemembered = 10000;

std::string Body(const std::vector<Alert>& alerts) {
  JsonWriter w;
  w.BeginObject();
  w.Key("source").String("salesflow-dashboard");
  WriteAlertList(w, alerts);
  w.EndObject();
  return w.Take();
}

}  // namespace

Result<std::unique_ptr<AlertWebhook>> AlertWebhook::Create(const DashboardSource& source,
                                                           AlertWebhookOptions options) {
  const std::string& url = options.url;
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos ||
      (url.compare(0, scheme_end, "http") != 0 && url.compare(0, scheme_end, "https") != 0)) {
    return InvalidArgument(fmt::format("webhook URL '{}' is not http(s)://host[:port]/path", url));
  }
  size_t path_begin = url.find('/', scheme_end + 3);
  std::string origin = url.substr(0, path_begin);
  std::string path = path_begin == std::string::npos ? "/" : url.substr(path_begin);
  if (origin.size() <= scheme_end + 3) {
    return InvalidArgument(fmt::format("webhook URL '{}' has no host", url));
  }
  httplib::Client probe(origin);
  if (!probe.is_valid()) {
    return InvalidArgument(fmt::format("webhook URL '{}' is not usable", url));
  }
  return std::unique_ptr<AlertWebhook>(
      new AlertWebhook(source, std::move(options), std::move(origin), std::move(path)));
}

AlertWebhook::AlertWebhook(const DashboardSource& source, AlertWebhookOptions options,
                           std::string origin, std::string path)
    : source_(source),
      options_(std::move(options)),
      origin_(std::move(origin)),
      path_(std::move(path)) {
  if (options_.registry) {
    metrics_ = std::make_unique<Metrics>();
    auto& family = prometheus::BuildCounter()
                       .Name("salesflow_dashboard_webhook_alerts_total")
                       .Help("Alerts POSTed to the webhook, by result")
                       .Register(*options_.registry);
    metrics_->delivered = &family.Add({{"result", "delivered"}});
    metrics_->failures = &family.Add({{"result", "failed_post"}});
  }
}

AlertWebhook::~AlertWebhook() {
  Stop();
}

Result<int> AlertWebhook::NotifyOnce() {
  auto snapshot = source_.Snapshot();
  if (snapshot->state == SourceState::kWaiting) return 0;
  DashboardQuery last_hour;
  last_hour.period = "1h";
  AlertsResult fired = EvaluateAlerts(*snapshot->data, last_hour, options_.rules);
  std::vector<Alert> pending;
  for (const Alert& a : fired.alerts) {
    if (!delivered_.count({a.rule, a.minute.value()})) pending.push_back(a);
  }
  if (pending.empty()) return 0;
  httplib::Client client(origin_);
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(options_.timeout);
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(options_.timeout - seconds);
  client.set_connection_timeout(seconds.count(), micros.count());
  client.set_read_timeout(seconds.count(), micros.count());
  client.set_write_timeout(seconds.count(), micros.count());
  auto res = client.Post(path_, Body(pending), "application/json");
  if (!res || res->status < 200 || res->status >= 300) {
    if (metrics_) metrics_->failures->Increment();
    std::string why = res ? fmt::format("HTTP {}", res->status) : httplib::to_string(res.error());
    return Unavailable(fmt::format("alert webhook {}{}: {}", origin_, path_, why));
  }
  for (const Alert& a : pending) delivered_.insert({a.rule, a.minute.value()});
  while (delivered_.size() > kMaxRemembered) delivered_.erase(delivered_.begin());
  if (metrics_) metrics_->delivered->Increment(static_cast<double>(pending.size()));
  return static_cast<int>(pending.size());
}

bool AlertWebhook::stopping() {
  std::lock_guard<std::mutex> lock(mu_);
  return stop_;
}

void AlertWebhook::Run() {
  uint64_t seen = 0;
  bool retry = false;
  auto next_retry = std::chrono::steady_clock::time_point::max();
  while (!stopping()) {
    // Short waits so Stop() is prompt; a failed batch is retried after retry_interval.
    uint64_t now = source_.WaitForChange(seen, std::chrono::milliseconds(250));
    if (stopping()) return;
    bool due = retry && std::chrono::steady_clock::now() >= next_retry;
    if (now == seen && !due) continue;
    seen = now;
    auto sent = NotifyOnce();
    retry = !sent.ok();
    if (!sent.ok()) {
      next_retry = std::chrono::steady_clock::now() + options_.retry_interval;
      spdlog::warn("{}", sent.status().ToString());
    } else if (*sent > 0) {
      spdlog::info("dashboard: {} alert(s) POSTed to the webhook", *sent);
    }
  }
}

void AlertWebhook::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void AlertWebhook::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!thread_.joinable()) return;
    stop_ = true;
  }
  thread_.join();
}

}  // namespace salesflow
