#include "pipeline/metrics_endpoint.h"

#include <httplib.h>
#include <prometheus/text_serializer.h>

#include <fmt/format.h>

namespace salesflow::pipeline {

Result<std::unique_ptr<MetricsEndpoint>> MetricsEndpoint::Start(
    std::shared_ptr<prometheus::Registry> registry, const std::string& host, int port) {
  std::unique_ptr<MetricsEndpoint> endpoint(new MetricsEndpoint());
  endpoint->registry_ = std::move(registry);
  endpoint->server_ = std::make_unique<httplib::Server>();
  prometheus::Registry* r = endpoint->registry_.get();
  endpoint->server_->Get("/metrics", [r](const httplib::Request&, httplib::Response& res) {
    res.set_content(prometheus::TextSerializer().Serialize(r->Collect()),
                    "text/plain; version=0.0.4; charset=utf-8");
  });
  if (port == 0) {
    endpoint->port_ = endpoint->server_->bind_to_any_port(host);
  } else if (endpoint->server_->bind_to_port(host, port)) {
    endpoint->port_ = port;
  } else {
    endpoint->port_ = -1;
  }
  if (endpoint->port_ <= 0) {
    return IoError(fmt::format("metrics: cannot listen on {}:{}", host, port));
  }
  httplib::Server* server = endpoint->server_.get();
  endpoint->thread_ = std::thread([server] { server->listen_after_bind(); });
  return endpoint;
}

MetricsEndpoint::~MetricsEndpoint() {
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace salesflow::pipeline
