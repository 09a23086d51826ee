#pragma once

#include <chrono>

#include "base/status.h"

namespace salesflow {

// A process-wide stop request, set by SIGINT/SIGTERM (or RequestStop) and read by long-running
// commands (produce, bronze, silver, dashboard) so they finish cleanly: flush what is queued,
// commit, close. A second signal while a stop is pending restores the default action and
// re-raises it, so a stuck process still dies on the second Ctrl-C.
//
//   SF_RETURN_IF_ERROR(InstallShutdownHandlers());
//   while (!StopRequested()) { ...; WaitForStop(std::chrono::milliseconds(200)); }
//   // or poll() StopFd() next to a socket for POLLIN.

// Installs the SIGINT and SIGTERM handlers; idempotent.
Status InstallShutdownHandlers();

// Points SIGINT and SIGTERM at `handler` (SA_RESTART); for commands that layer their own stop
// stages on top of InstallShutdownHandlers (the demo's draining first Ctrl-C).
Status InstallStopSignalHandler(void (*handler)(int));

// True once a stop was requested.
bool StopRequested();

// Requests a stop as a signal would; async-signal-safe. Also the test hook.
void RequestStop();

// Blocks until a stop is requested or `timeout` passes; true when a stop was requested.
bool WaitForStop(std::chrono::milliseconds timeout);

// A file descriptor (an eventfd) that becomes readable, and stays readable for every waiter,
// once a stop is requested: poll() it next to sockets. Never read from it.
int StopFd();

// Forgets a stop request so one test can follow another in the same process.
void ResetStopForTesting();

}  // namespace salesflow
