#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

namespace latentlab::fuzz {

/// Reads a fuzzer's input front to back as the choices of a structure-aware harness. Past the end
/// every read returns zero, so any input (including an empty one) is a complete, valid program.
class FuzzBytes {
public:
    FuzzBytes(const std::uint8_t* data, std::size_t size) : m_data(data), m_size(size) { }

    bool empty() const { return m_pos >= m_size; }
    std::size_t remaining() const { return empty() ? 0 : m_size - m_pos; }

    std::uint8_t byte() { return empty() ? 0 : m_data[m_pos++]; }
    std::uint32_t u32()
    {
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i)
            v = (v << 8) | byte();
        return v;
    }
    /// An index in [0, n); 0 when n is 0.
    std::size_t pick(std::size_t n) { return n == 0 ? 0 : u32() % n; }
    /// Eight raw bytes as a double: NaN, infinities, denormals and huge values all occur.
    double rawDouble()
    {
        std::uint64_t bits = (static_cast<std::uint64_t>(u32()) << 32) | u32();
        double d;
        std::memcpy(&d, &bits, sizeof d);
        return d;
    }
    /// Up to maxLength bytes as a string (its length is the next byte, capped).
    std::string text(std::size_t maxLength)
    {
        const std::size_t n = std::min<std::size_t>(byte(), maxLength);
        std::string s;
        for (std::size_t i = 0; i < n && !empty(); ++i)
            s.push_back(static_cast<char>(byte()));
        return s;
    }

private:
    const std::uint8_t* m_data;
    std::size_t m_size;
    std::size_t m_pos = 0;
};

} // namespace latentlab::fuzz
