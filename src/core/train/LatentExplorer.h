#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace latentlab::train {

/// A latent code of a loaded M-AE/AbsAE: codeDim floats, partition p = dims [offset, offset + dim).
using LatentCode = std::vector<float>;

/// How a partition of a code is classified by the prior (argmax log-likelihood, model-spec §5.2).
struct PartitionClassification {
    std::int64_t component = 0;
    std::string componentName;
    double logLikelihood = 0;            ///< of the chosen component, nats
    std::vector<double> probabilities;   ///< softmax of the components' log-likelihoods (uniform prior)
};

/// The result of applying a relation: the new code, how every partition is classified before and
/// after, and the value the relation should have produced.
struct RelationStep {
    std::string relation;
    int partition = 0;                   ///< the partition it rewrites
    LatentCode code;
    std::vector<PartitionClassification> before, after;
    std::int64_t expectedComponent = 0;  ///< the relation's map applied to the source classification
    bool asExpected = false;             ///< after[partition] == expectedComponent
};

/// The slider range of one code dimension.
enum class SliderRangeMode { PriorComponent, PriorAll, Fixed };
struct SliderRange {
    double low = -3, high = 3;
};

/// Decoded images, uint8 HWC like the datasets: n × height × width × channels.
struct DecodedImages {
    std::int64_t count = 0;
    int height = 64, width = 64, channels = 1;
    std::vector<std::uint8_t> pixels;
};

/// The engine behind the interactive explorer, without Qt: a trained run, its prior and relations, and
/// the operations a user performs on one code (classify, pick a component, apply a relation, decode,
/// traverse). Every call is a synchronous forward pass: GUI code runs it on a worker thread. Thread
/// compatible, not thread-safe (one worker owns it).
class LatentExplorer {
public:
    /// Loads RUN_DIR (config, checkpoint, prior); throws LatentLabError naming what is wrong.
    static std::unique_ptr<LatentExplorer> open(const std::string& runDir);
    ~LatentExplorer();

    std::string runDir() const;
    std::string modelName() const;       ///< "mae" or "absae"
    std::string versionName() const;
    int codeDim() const;
    int partitionCount() const;
    std::string partitionName(int p) const;
    int partitionOffset(int p) const;
    int partitionDim(int p) const;
    std::vector<std::string> componentNames(int p) const;
    std::vector<std::string> relationNames() const;

    /// A code drawn from the product prior (uniform component per partition), seeded.
    LatentCode samplePrior(std::uint64_t seed) const;
    /// The mean of component `component` of partition `p` written into `code` (other partitions kept).
    LatentCode withComponent(const LatentCode& code, int p, std::int64_t component) const;
    std::vector<PartitionClassification> classify(const LatentCode& code) const;
    /// Throws LatentLabError for an unknown relation name (the version's relations are listed).
    RelationStep applyRelation(const LatentCode& code, const std::string& relation) const;
    DecodedImages decode(const std::vector<LatentCode>& codes) const;
    /// Every component of partition `p` in turn, other partitions from `code`: one row of a traversal grid.
    std::vector<LatentCode> traversal(const LatentCode& code, int p) const;
    /// Range of dimension `dim` of partition `p`: the current component's mean ± 2σ, the envelope of all
    /// components' ±2σ, or a fixed [−3, 3].
    SliderRange sliderRange(const LatentCode& code, int p, int dim, SliderRangeMode mode) const;

private:
    LatentExplorer();
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace latentlab::train
