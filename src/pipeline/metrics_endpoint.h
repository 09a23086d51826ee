#pragma once

#include <prometheus/registry.h>

#include <memory>
#include <string>
#include <thread>

#include "base/result.h"

namespace httplib {
class Server;
}

namespace salesflow::pipeline {

// A tiny HTTP server answering GET /metrics with a registry in the Prometheus text format, for
// long-running jobs (bronze, silver) that have no dashboard server of their own. Pipeline must
// not depend on src/server, hence this one.
class MetricsEndpoint {
 public:
  // Binds `host`:`port` (port 0 = any free port) and serves on a thread of its own.
  static Result<std::unique_ptr<MetricsEndpoint>> Start(
      std::shared_ptr<prometheus::Registry> registry, const std::string& host, int port);
  // Stops the server and joins its thread.
  ~MetricsEndpoint();
  MetricsEndpoint(const MetricsEndpoint&) = delete;
  MetricsEndpoint& operator=(const MetricsEndpoint&) = delete;

  // The bound port.
  int port() const { return port_; }

 private:
  MetricsEndpoint() = default;

  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace salesflow::pipeline
