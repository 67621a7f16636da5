#pragma once
#include "common/CancellationToken.h"
#include "common/ProgressReport.h"
#include "io/EncodingsFile.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::train {

/// The fingerprint sample of an ensemble: N images drawn without replacement (seeded) from the
/// members' data file and version, encoded by every member into posterior means and log-variances
/// (docs/design/file-formats.md#encodings-file), with the images' factor classes (raw dataset factors that vary) and names.
class EnsembleEncoder {
public:
    /// `runs`: β-VAE run directories, all trained on the same file and version. Throws LatentLabError
    /// for no runs, runs on different data, or N larger than the data.
    /// With M-AE or AbsAE runs among them, each of their partitions becomes a categorical channel, the
    /// prior's posterior over the partition's components (the partition variant of the file,
    /// docs/design/information.md#partitions-as-channels); every run's data file is then located like `eval`
    /// does, and files at different paths must hold the same images on the drawn rows.
    /// `dataFile` (optional): the file every run reads instead of its own (a moved or regenerated file).
    static io::EncodingsFile encode(const std::vector<std::string>& runs, std::int64_t samples, std::uint64_t seed,
                                    const ProgressCallback& progress = {}, const CancellationToken& cancel = {}, const std::string& dataFile = {});
    /// The same for imported TorchScript models (docs/design/file-formats.md#torchscript-models) on `dataFile` rows of
    /// `version`: each model must return (mean, log-variance) and share one latent size and the data's image shape.
    /// Models are named by their manifest's name, else their file's stem.
    static io::EncodingsFile encodeImported(const std::vector<std::string>& modelFiles, const std::string& dataFile, const std::string& version,
                                            std::int64_t samples, std::uint64_t seed, const ProgressCallback& progress = {},
                                            const CancellationToken& cancel = {});
};

} // namespace latentlab::train
