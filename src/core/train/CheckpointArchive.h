#pragma once
#include <torch/serialize/input-archive.h>
#include <torch/nn/module.h>

#include <string>

namespace latentlab::train {

/// Reading a LibTorch archive that may be truncated, corrupt or written by someone else. LibTorch
/// throws more than c10::Error from here (its TorchScript importer throws torch::jit::ErrorReport,
/// found by tests/fuzz/fuzz_checkpoint), and Module::load copies a stored tensor of ANY shape into a
/// parameter (Tensor::set_), so a wrong-shaped checkpoint would load and fail later, in a forward pass
/// on another thread. These functions turn both into one LatentLabError sentence at load time.
class CheckpointArchive {
public:
    /// Opens `path` into `archive`; `what` names the file's role in the error ("Checkpoint").
    static void open(torch::serialize::InputArchive& archive, const std::string& path, const std::string& what);
    /// The zip structure and CRC-32 checks of open() alone, for other LibTorch archives (imported TorchScript
    /// models): "WHAT 'PATH' is not EXPECTED_KIND or is corrupt (why)." when they fail.
    static void verifyZipArchive(const std::string& path, const std::string& what, const std::string& expectedKind);
    /// module.load(archive), then checks that every parameter and buffer kept its shape and dtype.
    /// (Non-finite weights load: a diverged run is reported where it is used, see Trainer.)
    static void loadModule(torch::nn::Module& module, torch::serialize::InputArchive& archive, const std::string& path);
    /// "[2, 1, 64, 64]": a tensor shape as error sentences write it.
    static std::string shapeText(c10::IntArrayRef sizes);
    /// The first line of a LibTorch message, at most 160 characters: short enough for one sentence.
    static std::string firstLine(const char* what);
};

} // namespace latentlab::train
