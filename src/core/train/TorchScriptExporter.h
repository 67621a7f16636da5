#pragma once
#include "train/BetaVaeRun.h"
#include "train/TrainedRun.h"

#include <cstdint>
#include <string>

namespace latentlab::train {

/// What an export wrote.
struct TorchScriptExport {
    std::string modulePath;   ///< OUT_DIR/model.pt, the scripted module
    std::string manifestPath; ///< OUT_DIR/model.json, its manifest
    std::string model;        ///< "mae", "absae" or "betavae"
    std::uintmax_t moduleBytes = 0;
};

/// `latentlab-cli export --torchscript`: a trained M-AE, AbsAE or β-VAE run as a TorchScript module and
/// its manifest, in the contract of docs/design/file-formats.md#exported-runs, loadable with
/// torch.jit.load in Python and by LatentLab's own importer. The module comes from ScriptedRunModule
/// (bit-identical to the native networks); the manifest records the image size, the partitions with their
/// factor values and fitted mixture prior, the relations and the partition each rewrites, and the dataset.
class TorchScriptExporter {
public:
    /// The file stem of the pair written into OUT_DIR.
    static constexpr const char* fileStem = "model";

    /// Loads the run and writes OUT_DIR/model.pt and OUT_DIR/model.json, each through a temporary name and a
    /// rename. Throws LatentLabError (one sentence) when runDir is not a run, or outDir is a file, a
    /// directory that is not empty, or cannot be created or written.
    static TorchScriptExport exportRun(const std::string& runDir, const std::string& outDir);

    /// True when runDir's config.json names a β-VAE (otherwise it is loaded as an M-AE or AbsAE run,
    /// whose loader says what is wrong with a directory that is neither).
    static bool isBetaVaeRun(const std::string& runDir);

    /// The manifest of a loaded run, as JSON text.
    static std::string manifest(const TrainedRun& run);
    static std::string manifest(const BetaVaeRun& run);
};

} // namespace latentlab::train
