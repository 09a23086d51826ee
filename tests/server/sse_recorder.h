#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace salesflow::testing {

// Follows /api/v1/events of a test server on a thread of its own and keeps every byte that
// arrived, so a test can wait for one event. Shut down as: RequestStop(), stop the server
// (which ends the long-lived request), Join().
class SseRecorder {
 public:
  explicit SseRecorder(int port)
      : thread_([this, port] {
          httplib::Client client("127.0.0.1", port);
          client.Get("/api/v1/events", [this](const char* data, size_t n) {
            std::lock_guard<std::mutex> lock(mu_);
            received_.append(data, n);
            cv_.notify_all();
            return !stop_.load();
          });
        }) {}
  ~SseRecorder() {
    RequestStop();
    Join();
  }
  SseRecorder(const SseRecorder&) = delete;
  SseRecorder& operator=(const SseRecorder&) = delete;

  // True once `part` arrived, false if `timeout` passed first.
  bool WaitFor(const std::string& part, std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return received_.find(part) != std::string::npos; });
  }
  // Everything received so far, for failure messages.
  std::string received() const {
    std::lock_guard<std::mutex> lock(mu_);
    return received_;
  }
  // Ends the stream at its next chunk; other test streams may follow the same flag.
  void RequestStop() { stop_.store(true); }
  bool stop_requested() const { return stop_.load(); }
  // Waits for the reading thread (after the server closed the stream).
  void Join() {
    if (thread_.joinable()) thread_.join();
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::string received_;
  std::atomic<bool> stop_{false};
  std::thread thread_;  // last: starts once the members above exist
};

}  // namespace salesflow::testing
