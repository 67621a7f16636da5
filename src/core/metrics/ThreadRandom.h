#pragma once
#include <cstdint>

namespace latentlab::metrics {

/// liblinear (SAP's solver) draws its coordinate order from the C library's rand(), one process-wide
/// stream: fits on several threads would interleave it and give results that depend on timing. So
/// LatentLab defines rand()/srand() itself with one generator per thread (SplitMix64): the dynamic
/// linker binds liblinear's rand() calls to the executable's definition, and each fit seeds its own
/// thread's stream. Any other caller of rand() still gets a valid pseudo-random sequence.

/// Seeds the calling thread's rand() stream.
void seedThreadRandom(std::uint64_t seed);

/// True when rand() as shared libraries see it (the global symbol lookup) is the per-thread one; when
/// false (an unusual link), callers must serialise liblinear and seed the C library's rand instead.
bool threadRandomInterposed();

/// Seeds the C library's own process-wide rand() (the fallback path).
void seedLibcRandom(unsigned seed);

} // namespace latentlab::metrics
