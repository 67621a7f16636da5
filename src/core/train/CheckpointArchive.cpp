#include "train/CheckpointArchive.h"

#include "common/LatentLabError.h"

#include <torch/torch.h>

#include <filesystem>
#include <sstream>
#include <vector>

namespace latentlab::train {

namespace {

std::string shapeText(c10::IntArrayRef sizes)
{
    std::ostringstream s;
    s << '[';
    for (std::size_t i = 0; i < sizes.size(); ++i)
        s << (i ? ", " : "") << sizes[i];
    s << ']';
    return s.str();
}

/// The first line of a LibTorch message, short enough for a status bar.
std::string firstLine(const char* what)
{
    std::string s(what);
    s = s.substr(0, s.find('\n'));
    return s.size() > 160 ? s.substr(0, 160) + "…" : s;
}

struct ExpectedTensor {
    std::string name;
    std::vector<std::int64_t> sizes;
    c10::ScalarType dtype;
};

} // namespace

void CheckpointArchive::open(torch::serialize::InputArchive& archive, const std::string& path, const std::string& what)
{
    if (!std::filesystem::is_regular_file(path))
        throw LatentLabError(what + " '" + path + "' does not exist.");
    try {
        archive.load_from(path);
    } catch (const LatentLabError&) {
        throw;
    } catch (const std::exception& e) {
        throw LatentLabError(what + " '" + path + "' is not a LatentLab checkpoint (truncated or not a LibTorch archive: "
                             + firstLine(e.what()) + ").");
    }
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
        throw LatentLabError("Checkpoint '" + path + "' is incomplete or corrupt (" + firstLine(e.what()) + ").");
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
            throw LatentLabError("Checkpoint '" + path + "' stores '" + want.name + "' as " + shapeText(t->sizes()) + " "
                                 + std::string(c10::toString(t->scalar_type())) + "; this architecture expects "
                                 + shapeText(want.sizes) + " " + c10::toString(want.dtype) + ".");
    }
}

} // namespace latentlab::train
