#pragma once
#include <cstdint>
#include <utility>
#include <vector>

namespace latentlab {

/// Small, fully specified pseudo-random generator (SplitMix64 seeding + xoshiro256**).
/// std::mt19937 is specified but std::uniform_int_distribution and std::shuffle are not, so the same
/// seed would give different subsets and splits with another standard library. Everything that must be
/// reproducible from a recorded seed (subsets, splits, data order) draws from this class.
class Rng {
public:
    explicit Rng(std::uint64_t seed)
    {
        std::uint64_t x = seed;
        for (auto& s : m_state) {
            // SplitMix64 step: spreads any seed (0 included) over the whole state.
            x += 0x9E3779B97F4A7C15ULL;
            std::uint64_t z = x;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
            s = z ^ (z >> 31);
        }
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    /// Uniform integer in [0, n) without modulo bias (rejection sampling); n > 0.
    std::uint64_t uniformBelow(std::uint64_t n)
    {
        const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
        std::uint64_t r;
        do {
            r = next();
        } while (r >= limit);
        return r % n;
    }

    /// Uniform double in [0, 1) with 53 random bits.
    double uniform01() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    /// Fisher–Yates shuffle with this generator (same result on every platform).
    template <typename T>
    void shuffle(std::vector<T>& v)
    {
        for (std::size_t i = v.size(); i > 1; --i)
            std::swap(v[i - 1], v[uniformBelow(i)]);
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_state[4];
};

} // namespace latentlab
