#include "ProgressPrinter.h"

#include <cstdio>
#include <unistd.h>

namespace latentlab::cli {

ProgressPrinter::ProgressPrinter() : m_start(std::chrono::steady_clock::now()), m_lastPrint(m_start), m_tty(::isatty(2) == 1) { }

void ProgressPrinter::operator()(const ProgressReport& r)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto now = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(now - m_start).count();
    const double fraction = r.total > 0 ? static_cast<double>(r.done) / static_cast<double>(r.total) : 0.0;
    const double eta = fraction > 0 ? elapsed * (1.0 - fraction) / fraction : 0.0;
    if (m_tty) {
        if (now - m_lastPrint < std::chrono::milliseconds(200) && r.done != r.total)
            return;
        m_lastPrint = now;
        std::fprintf(stderr, "\r%s: %lld/%lld (%.0f%%), %.0f s elapsed, ETA %.0f s   ", r.stage.c_str(), static_cast<long long>(r.done),
                     static_cast<long long>(r.total), 100.0 * fraction, elapsed, eta);
        m_printed = true;
    } else {
        const int decile = static_cast<int>(fraction * 10.0);
        if (decile == m_lastDecile)
            return;
        m_lastDecile = decile;
        std::fprintf(stderr, "%s: %lld/%lld (%.0f%%), %.1f s elapsed, ETA %.0f s\n", r.stage.c_str(), static_cast<long long>(r.done),
                     static_cast<long long>(r.total), 100.0 * fraction, elapsed, eta);
    }
    std::fflush(stderr);
}

void ProgressPrinter::finish()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_tty && m_printed)
        std::fputc('\n', stderr);
    m_printed = false;
}

} // namespace latentlab::cli
