#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>

#include "base/result.h"
#include "server/alert_rules.h"
#include "server/dashboard_source.h"

namespace prometheus {
class Registry;
}

namespace salesflow {

// Where and how fired alerts are POSTed.
struct AlertWebhookOptions {
  std::string url;                                 // http[s]://host[:port]/path
  AlertRules rules;                                // what fires
  std::chrono::milliseconds timeout{2000};         // connect and read timeout of one POST
  std::chrono::milliseconds retry_interval{5000};  // re-POST of a failed batch
  std::shared_ptr<prometheus::Registry> registry;  // webhook counters go here when set
};

// POSTs alerts to a webhook as JSON, each (rule, minute) once: after every publish of the
// source it evaluates the rules on the newest hour of data (as /metrics does) and sends the
// alerts not delivered yet, in one body:
//   {"source":"salesflow-dashboard","alerts":[{"rule","minute","chiffre_affaires","reference"}]}
// A failed POST (error or non-2xx) is retried with the alerts still pending.
class AlertWebhook {
 public:
  // InvalidArgument for a URL that is not http(s)://host[:port][/path].
  static Result<std::unique_ptr<AlertWebhook>> Create(const DashboardSource& source,
                                                      AlertWebhookOptions options);
  ~AlertWebhook();
  AlertWebhook(const AlertWebhook&) = delete;
  AlertWebhook& operator=(const AlertWebhook&) = delete;

  // Starts the thread that follows the source. Idempotent.
  void Start();
  // Stops and joins. Idempotent; the destructor calls it.
  void Stop();
  // Evaluates the current snapshot and POSTs what is new, synchronously: the number of alerts
  // delivered (0 when nothing new). An error when the POST failed.
  Result<int> NotifyOnce();

 private:
  struct Metrics;
  AlertWebhook(const DashboardSource& source, AlertWebhookOptions options, std::string origin,
               std::string path);
  void Run();
  bool stopping();

  const DashboardSource& source_;
  AlertWebhookOptions options_;
  std::string origin_;  // scheme://host:port
  std::string path_;    // request path
  std::unique_ptr<Metrics> metrics_;
  std::set<std::pair<std::string, int64_t>> delivered_;  // (rule, minute) already sent

  std::mutex mu_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace salesflow
