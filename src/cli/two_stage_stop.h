#pragma once

#include "base/status.h"

namespace salesflow {

// Ctrl-C for a process that drains before it stops (the demo: the embedded broker dies with
// the process, so what bronze has not ingested yet would be lost). The first SIGINT/SIGTERM
// only asks to drain (DrainRequested); the second requests the process-wide stop
// (base/shutdown.h RequestStop); a third kills the process with the default action.
Status InstallTwoStageStop();

// True once the first signal arrived (or RequestDrain was called).
bool DrainRequested();

// As the first signal would (tests, or a stage that failed).
void RequestDrain();

}  // namespace salesflow
