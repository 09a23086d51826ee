#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "base/clock.h"
#include "base/result.h"
#include "server/alert_rules.h"
#include "server/dashboard_source.h"

namespace httplib {
class Server;
}
namespace prometheus {
class Registry;
}

namespace salesflow {

// How `salesflow dashboard` serves. Defaults are the command's defaults.
struct DashboardServerOptions {
  std::string bind_address = "127.0.0.1";      // interface to listen on
  int port = 8501;                             // 0 = any free port (tests)
  bool insecure = false;                       // allow a non-loopback bind without users
  std::string tls_cert_file;                   // PEM certificate; with tls_key_file enables HTTPS
  std::string tls_key_file;                    // PEM private key
  size_t max_live_clients = 32;                // concurrent /api/v1/events streams
  size_t worker_threads = 0;                   // 0 = max_live_clients + 16 (each stream holds one)
  std::chrono::milliseconds heartbeat{15000};  // SSE comment line when nothing changes
  size_t max_body_bytes = 16 * 1024;           // larger request bodies get 413
  std::filesystem::path users_file;            // argon2id users (UserStore); may not exist
  std::filesystem::path tokens_file;           // API token hashes (TokenStore); may not exist
  int64_t session_lifetime_us = 12LL * 3600 * 1000000;  // session cookie lifetime
  int login_max_failures = 5;                           // per address per window
  int64_t login_window_us = 60LL * 1000000;             // failed-login window
  AlertRules alert_rules;                               // alerts endpoint and metrics
  const Clock* clock = &SystemClock::Instance();        // sessions and rate limits
  // Registry /metrics serves; pass the one the other stages of the process use so one scrape
  // sees them all. Null = a registry of the server's own.
  std::shared_ptr<prometheus::Registry> registry;
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool IsLoopbackAddress(const std::string& address);

// The dashboard HTTP server (cpp-httplib): REST API, SSE live updates, /metrics, embedded web
// UI, authentication. Start() listens on a thread of its own; Stop() (or the destructor) ends
// live streams and joins.
class DashboardServer {
 public:
  // Checks the options (bind policy, TLS files, users and tokens files) and builds the server.
  // A non-loopback bind with no user and no token is refused unless `insecure`.
  static Result<std::unique_ptr<DashboardServer>> Create(const DashboardSource& source,
                                                         DashboardServerOptions options);
  ~DashboardServer();
  DashboardServer(const DashboardServer&) = delete;
  DashboardServer& operator=(const DashboardServer&) = delete;

  // Binds and starts serving; returns the port (useful with port 0).
  Result<int> Start();
  // Stops accepting, ends live streams, joins the threads. Idempotent.
  void Stop();

  int port() const;
  // "http://127.0.0.1:8501/" (https with TLS).
  std::string url() const;
  // False when no user and no token exist: everything is open (loopback only).
  bool auth_required() const;
  // Number of open live-update streams.
  size_t live_clients() const;

  class Impl;

 private:
  explicit DashboardServer(std::unique_ptr<Impl> impl);

  std::unique_ptr<Impl> impl_;
};

}  // namespace salesflow
