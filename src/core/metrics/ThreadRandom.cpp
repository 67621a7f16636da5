#include "metrics/ThreadRandom.h"

#include <cstdlib>
#include <dlfcn.h>

namespace {

thread_local std::uint64_t t_state = 0x853C49E6748FEA9BULL;

int nextThreadRandom()
{
    // SplitMix64, top 31 bits: rand() must return 0..RAND_MAX (2^31 − 1 with glibc).
    std::uint64_t z = (t_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return static_cast<int>(z >> 33);
}

} // namespace

extern "C" int rand(void) noexcept { return nextThreadRandom(); }

extern "C" void srand(unsigned seed) noexcept { latentlab::metrics::seedThreadRandom(seed); }

namespace latentlab::metrics {

void seedThreadRandom(std::uint64_t seed) { t_state = seed * 0xD1B54A32D192ED03ULL + 0x2545F4914F6CDD1DULL; }

bool threadRandomInterposed() { return dlsym(RTLD_DEFAULT, "rand") == reinterpret_cast<void*>(&::rand); }

void seedLibcRandom(unsigned seed)
{
    using SrandFunction = void (*)(unsigned);
    if (auto libcSrand = reinterpret_cast<SrandFunction>(dlsym(RTLD_NEXT, "srand")))
        libcSrand(seed);
}

} // namespace latentlab::metrics
