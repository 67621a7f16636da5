#pragma once
#include <string>

namespace latentlab::fault {

/// Fault-injection hook for the crash tests, compiled into every build (tests/tst_faults.cpp).
///
/// Every atomic writer calls this once its temporary file is complete, just before renaming it onto
/// the final name. With LATENTLAB_FAULT_KILL_IN_WRITE=N in the environment, the N-th such call of the
/// process (1-based, all writers counted: config, checkpoint, run.h5, summary, dataset, encodings…)
/// cuts `temporaryPath` to half its length, prints one line naming it on stderr and SIGKILLs the
/// process: a kill in the middle of a write, at a reproducible place. Without the variable (the
/// normal case) the whole cost is one getenv per process.
void beforeAtomicRename(const std::string& temporaryPath);

} // namespace latentlab::fault
