#include "FuzzScratch.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace latentlab::fuzz {

std::string scratchPath(const std::string& name)
{
    namespace fs = std::filesystem;
    // Never destroyed: the exit handler below runs after static destructors would have.
    static const fs::path* const dir = [] {
        const fs::path shm = "/dev/shm";
        const fs::path base = fs::is_directory(shm) ? shm : fs::temp_directory_path();
        auto* d = new fs::path(base / ("latentlab-fuzz-" + std::to_string(::getpid())));
        fs::create_directories(*d);
        // Scratch files are gone when the harness exits normally (a crash leaves them for a look).
        std::atexit([] {
            std::error_code ec;
            fs::remove_all(*dir, ec);
        });
        return d;
    }();
    return (*dir / name).string();
}

void writeBytes(const std::string& path, const std::uint8_t* data, std::size_t size)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out)
        throw std::runtime_error("fuzz harness: cannot write scratch file " + path);
}

namespace {
bool verbose()
{
    static const bool v = std::getenv("LATENTLAB_FUZZ_VERBOSE") != nullptr;
    return v;
}
} // namespace

void noteRejected(const std::exception& e)
{
    if (verbose())
        std::fprintf(stderr, "rejected: %s\n", e.what());
}

void failOnUnexpected(const std::exception& e)
{
    std::fprintf(stderr, "fuzz harness: a reader let a non-LatentLabError exception escape: %s\n", e.what());
    std::abort();
}

void noteAccepted()
{
    if (verbose())
        std::fprintf(stderr, "accepted\n");
}

std::string templatePath(const std::string& name) { return std::string(LATENTLAB_FUZZ_TEMPLATES_DIR) + "/" + name; }

} // namespace latentlab::fuzz
