#include "base/shutdown.h"

#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace salesflow {

namespace {

std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs a lock-free flag");

// Created once, before any handler can run, and never closed: the handler writes to it.
int g_event_fd = -1;
std::once_flag g_event_fd_once;

void EnsureEventFd() {
  std::call_once(g_event_fd_once, [] {
    g_event_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (g_event_fd < 0) {
      // Without it nothing can wait for a stop; this only happens when out of descriptors.
      std::perror("salesflow: eventfd for the stop request");
      std::abort();
    }
  });
}

// Only async-signal-safe calls: atomic store, write, sigaction, raise.
void OnSignal(int sig) {
  int saved_errno = errno;
  if (g_stop.exchange(true)) {
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, nullptr);
    raise(sig);
  }
  uint64_t one = 1;
  ssize_t ignored = write(g_event_fd, &one, sizeof one);
  (void)ignored;  // a full counter (EAGAIN) still leaves the fd readable
  errno = saved_errno;
}

}  // namespace

Status InstallShutdownHandlers() {
  EnsureEventFd();
  return InstallStopSignalHandler(OnSignal);
}

Status InstallStopSignalHandler(void (*handler)(int)) {
  struct sigaction action {};
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  for (int sig : {SIGINT, SIGTERM}) {
    if (sigaction(sig, &action, nullptr) != 0) {
      return ErrnoError("sigaction", sig == SIGINT ? "SIGINT" : "SIGTERM", errno);
    }
  }
  return Status::Ok();
}

bool StopRequested() {
  return g_stop.load();
}

void RequestStop() {
  EnsureEventFd();
  g_stop.store(true);
  uint64_t one = 1;
  ssize_t ignored = write(g_event_fd, &one, sizeof one);
  (void)ignored;
}

bool WaitForStop(std::chrono::milliseconds timeout) {
  EnsureEventFd();
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!StopRequested()) {
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return false;
    // Rounded up: poll() counts whole milliseconds and must not return before the deadline.
    auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - now);
    pollfd fd{.fd = g_event_fd, .events = POLLIN, .revents = 0};
    int n = poll(&fd, 1, static_cast<int>(std::min<int64_t>(left.count(), 1 << 30)));
    if (n < 0 && errno != EINTR) return StopRequested();
  }
  return true;
}

int StopFd() {
  EnsureEventFd();
  return g_event_fd;
}

void ResetStopForTesting() {
  EnsureEventFd();
  uint64_t count = 0;
  ssize_t ignored = read(g_event_fd, &count, sizeof count);  // drains; EAGAIN when empty
  (void)ignored;
  g_stop.store(false);
}

}  // namespace salesflow
