#include "train/CheckpointArchive.h"

#include "common/LatentLabError.h"

#include <torch/torch.h>

#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <vector>

namespace latentlab::train {

namespace {

struct ExpectedTensor {
    std::string name;
    std::vector<std::int64_t> sizes;
    c10::ScalarType dtype;
};

/// Little-endian field of a zip record.
std::uint64_t le(const std::vector<unsigned char>& b, std::size_t at, int bytes)
{
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | b[at + static_cast<std::size_t>(i)];
    return v;
}

/// Checks the archive's zip structure and every entry's CRC-32 before LibTorch parses it. LibTorch
/// does not verify the CRCs, and its TorchScript importer crashes (SEGV in parseClassConstant) on a
/// corrupted code/ entry (found by tests/fuzz/fuzz_checkpoint): a flipped bit in a checkpoint on disk
/// must be a sentence, not a crash. (A checkpoint crafted to pass these checks is still code for
/// LibTorch to run: open only checkpoints you trust, as with any pickle.)
void verifyZip(const std::string& path, const std::string& what, const std::string& expectedKind)
{
    std::ifstream in(path, std::ios::binary);
    std::vector<unsigned char> b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto corrupt = [&](const std::string& why) {
        return LatentLabError(what + " '" + path + "' is not " + expectedKind + " or is corrupt (" + why + ").");
    };
    if (b.size() < 22)
        throw corrupt("too short for a zip archive");
    // End of central directory: the last record with its signature, within 64 KiB of comment.
    std::size_t eocd = std::string::npos;
    for (std::size_t i = b.size() - 22 + 1; i-- > 0 && b.size() - i <= 22 + 65535;)
        if (le(b, i, 4) == 0x06054b50) {
            eocd = i;
            break;
        }
    if (eocd == std::string::npos)
        throw corrupt("no zip directory");
    std::uint64_t entries = le(b, eocd + 10, 2), dirSize = le(b, eocd + 12, 4), dirOffset = le(b, eocd + 16, 4);
    if (dirOffset == 0xFFFFFFFFu || entries == 0xFFFFu) {
        // Zip64: the locator sits just before the end record and points at the zip64 end record.
        if (eocd < 20 || le(b, eocd - 20, 4) != 0x07064b50)
            throw corrupt("a damaged zip64 directory");
        const std::uint64_t z = le(b, eocd - 20 + 8, 8);
        if (z + 56 > b.size() || le(b, static_cast<std::size_t>(z), 4) != 0x06064b50)
            throw corrupt("a damaged zip64 directory");
        entries = le(b, static_cast<std::size_t>(z) + 32, 8);
        dirSize = le(b, static_cast<std::size_t>(z) + 40, 8);
        dirOffset = le(b, static_cast<std::size_t>(z) + 48, 8);
    }
    if (dirOffset > b.size() || dirSize > b.size() - dirOffset || entries == 0)
        throw corrupt("a zip directory outside the file");
    std::size_t at = static_cast<std::size_t>(dirOffset);
    for (std::uint64_t e = 0; e < entries; ++e) {
        if (at + 46 > b.size() || le(b, at, 4) != 0x02014b50)
            throw corrupt("a damaged zip directory entry");
        const std::uint64_t method = le(b, at + 10, 2), crc = le(b, at + 16, 4);
        std::uint64_t size = le(b, at + 20, 4), usize = le(b, at + 24, 4);
        const std::size_t nameLen = le(b, at + 28, 2), extraLen = le(b, at + 30, 2), commentLen = le(b, at + 32, 2);
        std::uint64_t local = le(b, at + 42, 4);
        if (at + 46 + nameLen + extraLen + commentLen > b.size())
            throw corrupt("a damaged zip directory entry");
        const std::string name(reinterpret_cast<const char*>(&b[at + 46]), nameLen);
        // Zip64 sizes and offset, in this order, for the fields that overflowed.
        for (std::size_t x = at + 46 + nameLen; x + 4 <= at + 46 + nameLen + extraLen;) {
            const std::size_t id = le(b, x, 2), len = le(b, x + 2, 2);
            std::size_t f = x + 4;
            if (id == 1) {
                if (usize == 0xFFFFFFFFu && f + 8 <= x + 4 + len)
                    usize = le(b, f, 8), f += 8;
                if (size == 0xFFFFFFFFu && f + 8 <= x + 4 + len)
                    size = le(b, f, 8), f += 8;
                if (local == 0xFFFFFFFFu && f + 8 <= x + 4 + len)
                    local = le(b, f, 8);
            }
            x += 4 + len;
        }
        if (!(method == 0 && size == usize) && method != 8)
            throw corrupt("entry '" + name + "' uses zip method " + std::to_string(method) + "; LibTorch writes stored or deflated entries");
        if (local + 30 > b.size() || le(b, static_cast<std::size_t>(local), 4) != 0x04034b50)
            throw corrupt("entry '" + name + "' has no local header");
        const std::size_t data =
            static_cast<std::size_t>(local) + 30 + le(b, static_cast<std::size_t>(local) + 26, 2) + le(b, static_cast<std::size_t>(local) + 28, 2);
        if (data > b.size() || size > b.size() - data)
            throw corrupt("entry '" + name + "' runs past the end of the file");
        const unsigned char* bytes = &b[data];
        std::vector<unsigned char> inflated;
        if (method == 8) { // LibTorch deflates its code/ entries; the CRC is of the inflated bytes
            if (usize > (1u << 30))
                throw corrupt("entry '" + name + "' claims " + std::to_string(usize) + " bytes inflated");
            inflated.resize(static_cast<std::size_t>(usize));
            z_stream z{};
            if (inflateInit2(&z, -15) != Z_OK)
                throw corrupt("zlib could not start");
            z.next_in = const_cast<unsigned char*>(bytes);
            z.avail_in = static_cast<uInt>(size);
            z.next_out = inflated.data();
            z.avail_out = static_cast<uInt>(inflated.size());
            const int rc = inflate(&z, Z_FINISH);
            const bool complete = rc == Z_STREAM_END && z.total_out == usize;
            inflateEnd(&z);
            if (!complete)
                throw corrupt("entry '" + name + "' does not inflate to its recorded size");
            bytes = inflated.data();
            size = usize;
        }
        std::uint64_t got = 0;
        for (std::uint64_t done = 0; done < size;) { // zlib's crc32 takes at most 4 GiB at once
            const auto n = static_cast<uInt>(std::min<std::uint64_t>(size - done, 1u << 30));
            got = ::crc32(static_cast<uLong>(got), bytes + done, n);
            done += n;
        }
        if (got != crc)
            throw corrupt("entry '" + name + "' fails its CRC-32 check: the file was damaged");
        at += 46 + nameLen + extraLen + commentLen;
    }
}

} // namespace

void CheckpointArchive::open(torch::serialize::InputArchive& archive, const std::string& path, const std::string& what)
{
    if (!std::filesystem::is_regular_file(path))
        throw LatentLabError(what + " '" + path + "' does not exist.");
    verifyZip(path, what, "a LatentLab checkpoint");
    try {
        archive.load_from(path);
    } catch (const LatentLabError&) {
        throw;
    } catch (const std::exception& e) {
        throw LatentLabError(what + " '" + path + "' is not a LatentLab checkpoint (truncated or not a LibTorch archive: " +
                             CheckpointArchive::firstLine(e.what()) + ").");
    }
}

void CheckpointArchive::verifyZipArchive(const std::string& path, const std::string& what, const std::string& expectedKind)
{
    verifyZip(path, what, expectedKind);
}

void CheckpointArchive::loadModule(torch::nn::Module& module, torch::serialize::InputArchive& archive, const std::string& path)
{
    std::vector<ExpectedTensor> expected;
    for (const auto& p : module.named_parameters())
        expected.push_back({p.key(), p.value().sizes().vec(), p.value().scalar_type()});
    for (const auto& b : module.named_buffers())
        expected.push_back({b.key(), b.value().sizes().vec(), b.value().scalar_type()});
    try {
        module.load(archive);
    } catch (const std::exception& e) {
        throw LatentLabError("Checkpoint '" + path + "' is incomplete or corrupt (" + CheckpointArchive::firstLine(e.what()) + ").");
    }
    const auto params = module.named_parameters();
    const auto buffers = module.named_buffers();
    for (const auto& want : expected) {
        const torch::Tensor* t = params.find(want.name);
        if (!t)
            t = buffers.find(want.name);
        if (!t || !t->defined())
            throw LatentLabError("Checkpoint '" + path + "' has no tensor '" + want.name + "'.");
        if (t->sizes().vec() != want.sizes || t->scalar_type() != want.dtype)
            throw LatentLabError("Checkpoint '" + path + "' stores '" + want.name + "' as " + CheckpointArchive::shapeText(t->sizes()) + " " +
                                 std::string(c10::toString(t->scalar_type())) + "; this architecture expects " +
                                 CheckpointArchive::shapeText(want.sizes) + " " + c10::toString(want.dtype) + ".");
    }
}

std::string CheckpointArchive::shapeText(c10::IntArrayRef sizes)
{
    std::ostringstream s;
    s << '[';
    for (std::size_t i = 0; i < sizes.size(); ++i)
        s << (i ? ", " : "") << sizes[i];
    s << ']';
    return s.str();
}

std::string CheckpointArchive::firstLine(const char* what)
{
    std::string s(what);
    s = s.substr(0, s.find('\n'));
    return s.size() > 160 ? s.substr(0, 160) + "…" : s;
}

} // namespace latentlab::train
