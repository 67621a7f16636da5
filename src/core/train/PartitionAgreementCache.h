#pragma once
#include "common/CancellationToken.h"
#include "common/ProgressReport.h"
#include "info/PartitionAgreement.h"

#include <optional>
#include <string>
#include <vector>

namespace latentlab::train {

/// The partition agreement of M-AE seeds (docs/design/information.md#partition-agreement) for the runs dashboard:
/// encoding every seed's partitions on a fingerprint sample takes seconds, so the result is kept on disk
/// like the relation outcomes (explorer/RelationOutcomesCache): the key hashes each run's checkpoint
/// bytes and data file (RelationOutcomesCache::keyOf), the sample and the build. A cache file that
/// cannot be read is ignored and rewritten; the cache only saves time.
class PartitionAgreementCache {
public:
    static constexpr std::int64_t kSamples = 300; ///< fingerprint images, as the similarity demo's first look
    static constexpr std::uint64_t kSeed = 0;

    /// `directory`: where the files live; empty: no cache.
    explicit PartitionAgreementCache(std::string directory);
    /// $XDG_CACHE_HOME (else ~/.cache) /LatentLab/LatentLab/partition-agreement; empty without a home.
    static std::string defaultDirectory();

    /// The agreement of `runDirs` (M-AE seeds of one configuration, at least 2): from the cache, else
    /// encoded (train/EnsembleEncoder) and compared (info::PartitionAgreement::ofEncodings), then stored.
    /// Throws LatentLabError when the runs cannot be encoded.
    info::PartitionAgreement loadOrEvaluate(const std::vector<std::string>& runDirs, bool* fromCache = nullptr, const ProgressCallback& progress = {},
                                            const CancellationToken& cancel = {}) const;

private:
    std::optional<std::string> keyOf(const std::vector<std::string>& runDirs) const;
    std::string m_directory;
};

} // namespace latentlab::train
