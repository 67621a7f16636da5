#include "common/AtomicFile.h"

#include "common/FaultInjection.h"
#include "common/LatentLabError.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace latentlab::atomicfile {

namespace fs = std::filesystem;

namespace {
const char* const kTemporaryMarker = ".tmp-";

/// Less free space than this after a failed write: the disk is the reason (a write that fails for
/// another cause on a nearly full disk is rare, and "disk full" is then still the useful advice).
constexpr unsigned long long kNearlyFullBytes = 1ull << 20;

bool diskNearlyFull(const std::string& temporaryPath) { return freeBytesNear(temporaryPath) < kNearlyFullBytes; }

bool atFileSizeLimit(const std::string& temporaryPath) { return bytesBelowFileSizeLimit(temporaryPath) < kNearlyFullBytes; }
} // namespace

std::uintmax_t freeBytesNear(const std::string& path)
{
    const fs::path parent = fs::path(path).parent_path();
    struct statvfs s { };
    if (::statvfs(parent.empty() ? "." : parent.c_str(), &s) != 0)
        return UINTMAX_MAX;
    return static_cast<std::uintmax_t>(s.f_bavail) * s.f_frsize;
}

std::uintmax_t bytesBelowFileSizeLimit(const std::string& path)
{
    struct rlimit limit { };
    if (::getrlimit(RLIMIT_FSIZE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return UINTMAX_MAX;
    std::error_code ec;
    const std::uintmax_t size = fs::exists(path, ec) ? fs::file_size(path, ec) : 0;
    return ec || size >= limit.rlim_cur ? 0 : limit.rlim_cur - size;
}

std::string temporaryPathFor(const std::string& path) { return path + kTemporaryMarker + std::to_string(::getpid()); }

bool isStaleTemporary(const std::string& fileName)
{
    const auto at = fileName.rfind(kTemporaryMarker);
    if (at == std::string::npos)
        return false;
    const std::string digits = fileName.substr(at + std::strlen(kTemporaryMarker));
    if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos)
        return false;
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    if (pid == ::getpid())
        return false;
    return pid <= 0 || (::kill(pid, 0) != 0 && errno == ESRCH);
}

std::string writeFailureCause(const std::string& temporaryPath, int savedErrno, const std::string& otherwise)
{
    if (savedErrno == ENOSPC || savedErrno == EDQUOT)
        return std::string("disk full (") + std::strerror(savedErrno) + ")";
    if (savedErrno == EFBIG)
        return std::string("file too large for the process's file size limit (") + std::strerror(EFBIG) + ")";
    // Libraries (HDF5) may not leave errno as the failed write(2) set it: look at the evidence.
    if (diskNearlyFull(temporaryPath))
        return std::string("disk full (") + std::strerror(ENOSPC) + ")";
    if (atFileSizeLimit(temporaryPath))
        return std::string("file too large for the process's file size limit (") + std::strerror(EFBIG) + ")";
    if (!otherwise.empty())
        return otherwise;
    return savedErrno != 0 ? std::string(std::strerror(savedErrno)) : std::string("an unknown I/O error");
}

std::string cannotWriteSentence(const std::string& what, const std::string& path, const std::string& cause)
{
    return "Cannot write " + (what.empty() ? std::string() : what + " ") + "'" + path + "': " + cause + ".";
}

void removeQuietly(const std::string& path)
{
    std::error_code ec;
    fs::remove(path, ec);
}

void renameIntoPlace(const std::string& temporaryPath, const std::string& path)
{
    fault::beforeAtomicRename(temporaryPath);
    std::error_code ec;
    fs::rename(temporaryPath, path, ec);
    if (ec) {
        removeQuietly(temporaryPath);
        throw LatentLabError("Cannot rename '" + temporaryPath + "' to '" + path + "' (" + ec.message() + ").");
    }
}

void writeAtomically(const std::string& path, const std::string& what, const std::function<void(const ByteSink&)>& produce)
{
    const std::string tmp = temporaryPathFor(path);
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        const int err = errno;
        throw LatentLabError(cannotWriteSentence(what, path, writeFailureCause(tmp, err)));
    }
    int firstError = 0;
    const ByteSink sink = [&](const void* data, std::size_t bytes) {
        const char* p = static_cast<const char*>(data);
        while (firstError == 0 && bytes > 0) {
            const ssize_t n = ::write(fd, p, bytes);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                firstError = n < 0 ? errno : EIO;
                break;
            }
            p += n;
            bytes -= static_cast<std::size_t>(n);
        }
    };
    try {
        produce(sink);
    } catch (...) {
        ::close(fd);
        removeQuietly(tmp);
        throw;
    }
    if (::close(fd) != 0 && firstError == 0)
        firstError = errno;
    if (firstError != 0) {
        const std::string cause = writeFailureCause(tmp, firstError);
        removeQuietly(tmp);
        throw LatentLabError(cannotWriteSentence(what, path, cause));
    }
    renameIntoPlace(tmp, path);
}

} // namespace latentlab::atomicfile
