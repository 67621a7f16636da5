#pragma once

namespace latentlab {

/// Makes sure OpenMP (libgomp, used by torch and OpenBLAS) sleeps instead of spin-waiting.
/// libgomp reads OMP_WAIT_POLICY in its load-time constructor, so setenv() in main() is too late:
/// when the variable is unset, this sets OMP_WAIT_POLICY=PASSIVE and re-executes the program once
/// (docs/design/build.md#openmp-wait-policy: without it a busy second core makes a training step >10× slower).
/// Call first thing in main(); returns normally when nothing had to change or the re-exec failed.
void ensurePassiveOpenMp(int argc, char** argv);

} // namespace latentlab
