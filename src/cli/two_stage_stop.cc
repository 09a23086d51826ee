#include "cli/two_stage_stop.h"

#include <signal.h>

#include <atomic>
#include <cerrno>

#include "base/shutdown.h"

namespace salesflow {
namespace {

std::atomic<int> g_signals{0};
std::atomic<bool> g_drain{false};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs lock-free atomics");

// Only async-signal-safe work: atomics, RequestStop (an atomic store and a write to an eventfd
// that InstallShutdownHandlers created beforehand), sigaction, raise.
void OnSignal(int sig) {
  int saved_errno = errno;
  int seen = g_signals.fetch_add(1);
  if (seen == 0) {
    g_drain.store(true);
  } else if (seen == 1) {
    RequestStop();
  } else {
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, nullptr);
    raise(sig);
  }
  errno = saved_errno;
}

}  // namespace

Status InstallTwoStageStop() {
  // Creates the stop eventfd before any signal can arrive; our handler replaces its handler.
  SF_RETURN_IF_ERROR(InstallShutdownHandlers());
  return InstallStopSignalHandler(OnSignal);
}

bool DrainRequested() {
  return g_drain.load() || StopRequested();
}

void RequestDrain() {
  g_drain.store(true);
}

}  // namespace salesflow
