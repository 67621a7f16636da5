// A stand-in for libFuzzer's main() in builds without clang's -fsanitize=fuzzer (the normal GCC
// build and CI): it replays the committed corpus and regression inputs, then runs seeded random
// mutations of them (byte flips, inserts, erases, interesting values, splices). It finds far less
// than libFuzzer's coverage-guided search (tests/fuzz/run-fuzzers.sh), but it keeps every harness
// building and every input that once crashed a reader passing, on every CI run.
//
// Usage: HARNESS [--mutations N] [--seed S] [--max-len BYTES] FILE_OR_DIR...
// A crash (signal, escaped exception) leaves the input in ./fuzz-crash-<harness>.bin.
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) __attribute__((weak));

namespace {

const std::vector<std::uint8_t>* g_current = nullptr;
char g_crashPath[512] = "fuzz-crash.bin";

/// Writes the input in flight when the harness dies (async-signal-safe calls only).
void saveCurrentInput(int sig)
{
    if (g_current) {
        const int fd = ::open(g_crashPath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            const auto* p = g_current->data();
            std::size_t left = g_current->size();
            while (left > 0) {
                const ssize_t n = ::write(fd, p, left);
                if (n <= 0)
                    break;
                p += n, left -= static_cast<std::size_t>(n);
            }
            ::close(fd);
        }
        const char msg[] = "standalone fuzz driver: the harness crashed; input saved\n";
        (void)!::write(2, msg, sizeof msg - 1);
    }
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

std::vector<std::uint8_t> readFile(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void mutate(std::vector<std::uint8_t>& d, std::mt19937_64& rng, const std::vector<std::vector<std::uint8_t>>& corpus, std::size_t maxLen)
{
    static const std::uint8_t interesting[] = {0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0x10, 0x40};
    const int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits; ++e) {
        const std::size_t pos = d.empty() ? 0 : rng() % d.size();
        switch (rng() % 6) {
        case 0:
            if (!d.empty())
                d[pos] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
            break;
        case 1: d.insert(d.begin() + static_cast<std::ptrdiff_t>(pos), static_cast<std::uint8_t>(rng())); break;
        case 2:
            if (!d.empty())
                d.erase(d.begin() + static_cast<std::ptrdiff_t>(pos),
                        d.begin() + static_cast<std::ptrdiff_t>(std::min(d.size(), pos + 1 + rng() % 16)));
            break;
        case 3:
            if (!d.empty())
                d[pos] = interesting[rng() % sizeof interesting];
            break;
        case 4: { // splice in a piece of another input
            const auto& other = corpus[rng() % corpus.size()];
            if (other.empty())
                break;
            const std::size_t from = rng() % other.size();
            const std::size_t n = std::min<std::size_t>(other.size() - from, 1 + rng() % 64);
            d.insert(d.begin() + static_cast<std::ptrdiff_t>(pos), other.begin() + static_cast<std::ptrdiff_t>(from),
                     other.begin() + static_cast<std::ptrdiff_t>(from + n));
            break;
        }
        case 5:
            if (!d.empty())
                d.resize(pos);
            break;
        }
    }
    if (d.size() > maxLen)
        d.resize(maxLen);
}

} // namespace

int main(int argc, char** argv)
{
    long mutations = 0;
    std::uint64_t seed = 1;
    std::size_t maxLen = 1u << 22;
    std::vector<std::filesystem::path> inputs;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if ((a == "--mutations" || a == "--seed" || a == "--max-len") && i + 1 < argc) {
            const std::string v = argv[++i];
            if (a == "--mutations")
                mutations = std::stol(v);
            else if (a == "--seed")
                seed = std::stoull(v);
            else
                maxLen = std::stoul(v);
        } else if (a.rfind("--", 0) == 0) {
            std::fprintf(stderr, "usage: %s [--mutations N] [--seed S] [--max-len BYTES] FILE_OR_DIR...\n", argv[0]);
            return 2;
        } else {
            inputs.emplace_back(a);
        }
    }
    std::snprintf(g_crashPath, sizeof g_crashPath, "fuzz-crash-%s.bin", std::filesystem::path(argv[0]).filename().c_str());
    for (int sig : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL})
        std::signal(sig, saveCurrentInput);
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);

    std::vector<std::vector<std::uint8_t>> corpus{{}}; // the empty input is always valid
    for (const auto& p : inputs) {
        if (std::filesystem::is_directory(p)) {
            std::vector<std::filesystem::path> files;
            for (const auto& e : std::filesystem::directory_iterator(p))
                if (e.is_regular_file())
                    files.push_back(e.path());
            std::sort(files.begin(), files.end()); // a reproducible order
            for (const auto& f : files)
                corpus.push_back(readFile(f));
        } else if (std::filesystem::is_regular_file(p)) {
            corpus.push_back(readFile(p));
        } else {
            std::fprintf(stderr, "%s: no such corpus file or directory: %s\n", argv[0], p.c_str());
            return 2;
        }
    }
    const auto start = std::chrono::steady_clock::now();
    for (const auto& input : corpus) {
        g_current = &input;
        LLVMFuzzerTestOneInput(input.data(), input.size());
    }
    std::mt19937_64 rng(seed);
    std::vector<std::uint8_t> work;
    for (long m = 0; m < mutations; ++m) {
        work = corpus[rng() % corpus.size()];
        mutate(work, rng, corpus, maxLen);
        g_current = &work;
        LLVMFuzzerTestOneInput(work.data(), work.size());
    }
    g_current = nullptr;
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%s: %zu corpus inputs and %ld mutations (seed %llu) ran clean in %.1f s\n", argv[0], corpus.size(), mutations,
                static_cast<unsigned long long>(seed), s);
    return 0;
}
