#include "common/FaultInjection.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace latentlab::fault {

namespace {
/// N of LATENTLAB_FAULT_KILL_IN_WRITE, read once; 0 when unset or not a positive number.
long killInWrite()
{
    static const long n = [] {
        const char* v = std::getenv("LATENTLAB_FAULT_KILL_IN_WRITE");
        return v ? std::max(0L, std::strtol(v, nullptr, 10)) : 0L;
    }();
    return n;
}
} // namespace

void beforeAtomicRename(const std::string& temporaryPath)
{
    const long target = killInWrite();
    if (target == 0)
        return;
    static std::atomic<long> writes{0};
    if (++writes != target)
        return;
    std::error_code ec;
    const auto size = std::filesystem::file_size(temporaryPath, ec);
    if (!ec)
        std::filesystem::resize_file(temporaryPath, size / 2, ec);
    std::fprintf(stderr, "latentlab fault injection: killed in write %ld, of '%s'\n", target, temporaryPath.c_str());
    std::fflush(stderr);
    ::kill(::getpid(), SIGKILL);
}

} // namespace latentlab::fault
