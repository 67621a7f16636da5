#pragma once
#include "explorer/RelationOutcome.h"

#include <functional>
#include <optional>
#include <string>

namespace latentlab::train {

/// Judging every test image under every relation takes seconds (docs/design/gui.md#relation-confusion-view),
/// so the outcomes are kept on disk, one file per run, model and data: the key hashes the checkpoint's
/// bytes, the data file's path, size and modification time, the version and the build, so a retrained
/// run, another data file or another LatentLab judges again. A cache file that cannot be read is
/// ignored (and rewritten), never an error: the cache only saves time.
class RelationOutcomesCache {
public:
    /// `directory`: where the files live (created on the first store); empty: no cache, every
    /// loadOrEvaluate() evaluates.
    explicit RelationOutcomesCache(std::string directory);

    /// The user's cache: $XDG_CACHE_HOME (else ~/.cache) /LatentLab/LatentLab/relation-outcomes; empty
    /// when neither variable is set.
    static std::string defaultDirectory();

    /// The key of `runDir` judged on `dataFile` (16 hex digits); throws LatentLabError when the
    /// checkpoint or the data file cannot be read.
    static std::string keyOf(const std::string& runDir, const std::string& dataFile, const std::string& version);

    /// The outcomes stored under `key`, with `runDir` set to the given directory; nothing when there is
    /// no such file or it is not a complete cache file of this format.
    std::optional<RelationOutcomes> load(const std::string& key, const std::string& runDir) const;
    /// Writes `outcomes` under `key` (temporary name, then rename). Returns false, and writes nothing,
    /// when the directory cannot be written: the cache is an optimisation.
    bool store(const std::string& key, const RelationOutcomes& outcomes) const;

    /// The outcomes of `runDir` judged on `dataFile`: from the cache, else `evaluate()`'s, then stored.
    /// `fromCache` (optional) tells which. A key that cannot be computed only means no cache.
    RelationOutcomes loadOrEvaluate(const std::string& runDir, const std::string& dataFile, const std::string& version,
                                    const std::function<RelationOutcomes()>& evaluate, bool* fromCache = nullptr) const;

    /// The file of `key`.
    std::string pathOf(const std::string& key) const;

private:
    std::string m_directory;
};

} // namespace latentlab::train
