#pragma once
#include "common/CancellationToken.h"
#include "common/ProgressReport.h"
#include "explorer/RelationOutcome.h"
#include "model/ModelKind.h"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace latentlab::train {

/// A latent code of a loaded M-AE/AbsAE: codeDim floats, partition p = dims [offset, offset + dim).
using LatentCode = std::vector<float>;

/// How a partition of a code is classified by the prior (argmax log-likelihood, docs/design/models.md#classification).
struct PartitionClassification {
    std::int64_t component = 0;
    std::string componentName;
    double logLikelihood = 0;          ///< of the chosen component, nats
    std::vector<double> probabilities; ///< softmax of the components' log-likelihoods (uniform prior)
};

/// The result of applying a relation: the new code, how every partition is classified before and
/// after, and the value the relation should have produced. Judged twice, because a code can be right
/// while its picture is not: the code itself by the prior, and its decoded image re-encoded by the
/// model's encoder and classified by the prior (the pipeline of ModelEvaluator::imageRelationAccuracy).
struct RelationStep {
    std::string relation;
    int partition = 0; ///< the partition it rewrites
    LatentCode code;
    std::vector<PartitionClassification> before, after;
    std::vector<PartitionClassification> imageAfter; ///< the decoded `code` re-encoded, classified
    std::int64_t expectedComponent = 0;              ///< the relation's map applied to the source classification
    bool asExpected = false;                         ///< after[partition] == expectedComponent
    bool imageAsExpected = false;                    ///< imageAfter[partition] == expectedComponent
    bool wraps = false; ///< a cyclic relation of an ordered factor left one end of the value grid for the other (right edge → left edge)
};

/// The slider range of one code dimension: the current component's mean ± 2σ, the envelope of every
/// component's ± 2σ, the minimum–maximum of the test images' encodings (needs loadData), or [−3, 3].
enum class SliderRangeMode {
    PriorComponent,
    PriorAll,
    DataMinMax,
    Fixed
};
struct SliderRange {
    double low = -3, high = 3;
};

/// Decoded images, uint8 HWC like the datasets: n × height × width × channels.
struct DecodedImages {
    std::int64_t count = 0;
    int height = 64, width = 64, channels = 1;
    std::vector<std::uint8_t> pixels;
};

/// One image of the run's dataset version (test split) with its encoding.
struct DataSample {
    std::int64_t index = 0;              ///< into the test split, 0..sampleCount()-1
    std::int64_t fileRow = 0;            ///< row of the data file
    std::vector<std::int64_t> values;    ///< the version's factor values, one per relevant factor
    std::vector<std::string> valueNames; ///< the prior component of each partition, by name (M-AE: one per factor)
    DecodedImages image;                 ///< the original image, pixels scaled to 0..255
    LatentCode code;                     ///< the encoder's code of the image
};

/// The test split's codes as loadData encoded them, with each image's true component per partition: the
/// points of the latent map (docs/design/matrices-and-maps.md#latent-map).
struct TestCodes {
    std::int64_t count = 0;
    int codeDim = 0;
    int partitions = 0;
    std::vector<float> codes;             ///< count × codeDim, row-major
    std::vector<std::int64_t> components; ///< count × partitions: the component of the image's true value
};

/// The engine behind the interactive explorer, without Qt: a trained run, its prior and relations, and
/// the operations a user performs on one code (classify, pick a component, apply a relation, decode,
/// traverse). Every call is a synchronous forward pass: GUI code runs it on a worker thread. Thread
/// compatible, not thread-safe (one worker owns it).
class LatentExplorer {
public:
    /// Loads RUN_DIR (config, checkpoint, prior); throws LatentLabError naming what is wrong.
    static std::unique_ptr<LatentExplorer> open(const std::string& runDir);
    /// Opens a model trained elsewhere, NAME.pt or its manifest NAME.json (model/ScriptedModel,
    /// docs/design/file-formats.md#torchscript-models); throws the one sentence ScriptedModel::open names.
    /// A partition without a prior in the manifest, or a plain VAE's whole code (one pseudo-partition
    /// "latent"), gets the single component N(0, I): a VAE's own prior, so decoding, sliders, traversal
    /// sweeps and prior samples work alike, while hasFactorPrior() says the classification means nothing.
    /// Relations keep the manifest's order; their component map is what relate() does to each component
    /// mean. An imported model reads no dataset (loadData throws; the explorer runs from the prior).
    static std::unique_ptr<LatentExplorer> openModel(const std::string& path);
    ~LatentExplorer();

    /// The run directory, or for an imported model the file openModel was given.
    std::string runDir() const;
    /// The M-AE or the WCCI'22 baseline; an imported model's manifest "model" when it names one of ours,
    /// else the M-AE for a partitioned model and the β-VAE for a plain one.
    model::ModelKind modelKind() const;
    /// True for a model opened by openModel.
    bool imported() const;
    /// The manifest's free-text name of an imported model; empty for a run.
    std::string modelName() const;
    /// True when every partition's prior components are factor values: classification, picking a value
    /// and relations' expectations mean something. False for a plain VAE (its prior is N(0, I)).
    bool hasFactorPrior() const;
    std::string versionName() const;
    int codeDim() const;
    int partitionCount() const;
    std::string partitionName(int p) const;
    int partitionOffset(int p) const;
    int partitionDim(int p) const;
    std::vector<std::string> componentNames(int p) const;
    std::vector<std::string> relationNames() const;
    /// The partition relation `r` (index into relationNames()) rewrites.
    int relationPartition(int r) const;
    /// The (source, target) components where relation `r` wraps around: a cyclic relation of the version
    /// catalogue (boundary "cyclic") of an ordered factor stepping off one end of its axis onto the other.
    /// Empty for saturating relations and for circular or categorical factors, whose "wrap" is an ordinary
    /// step (docs/design/models.md#factor-order).
    std::vector<std::pair<std::int64_t, std::int64_t>> relationWraps(int r) const;
    /// Means of partition `p`'s prior components: [components][partitionDim(p)].
    std::vector<std::vector<float>> componentMeans(int p) const;
    /// Covariances of partition `p`'s prior components: [components][partitionDim(p)²], row-major.
    std::vector<std::vector<double>> componentCovariances(int p) const;
    std::string dataFile() const;
    std::uint64_t torchSeed() const;

    /// Reads the run's data file (the version's rows) so that dataset samples and the DataMinMax slider
    /// range are available. Blocking; throws LatentLabError for a missing or unreadable file, or
    /// CancelledError.
    void loadData(const ProgressCallback& progress = {}, const CancellationToken& cancel = {});
    /// Reads the data from `path` instead of the file the run recorded (a moved file, or a bundled
    /// demo's regenerated procedural data). Call before loadData.
    void setDataFile(const std::string& path);
    bool hasData() const;
    /// Images of the test split (0 before loadData).
    std::int64_t sampleCount() const;
    /// Test image `index` (wrapped into range), encoded. Throws LatentLabError before loadData.
    DataSample dataSample(std::int64_t index) const;
    /// Per partition, the 1st percentile over the test images' codes of the classified component's
    /// log-likelihood (computed once by loadData; empty before). A code below it is far outside the prior.
    std::vector<double> logLikelihoodFloors() const;
    /// Every test image's code (encoded once by loadData; empty before).
    const TestCodes& testCodes() const;
    /// Test image `index` (wrapped into range) without encoding it: a thumbnail. Throws before loadData.
    DecodedImages testImage(std::int64_t index) const;
    /// The first of the first `limit` test images whose code the prior classifies as its true values and
    /// on which `relation` gives the true expected value both in code and in the re-encoded decoded image:
    /// a start where the model is right. -1 when none is (or before loadData).
    std::int64_t firstSampleShowing(const std::string& relation, std::int64_t limit) const;

    /// Every test image under every relation, encoded → relation → decoded → re-encoded → classified
    /// (the records of the relation confusion view, train/RelationOutcomeEvaluator). Blocking: one
    /// decode and one encode per image and relation. Throws LatentLabError before loadData, or
    /// CancelledError.
    RelationOutcomes relationOutcomes(const ProgressCallback& progress = {}, const CancellationToken& cancel = {}) const;
    /// Test images `indices` (each wrapped into range), pixels scaled to 0..255, without encoding them.
    DecodedImages testImages(const std::vector<std::int64_t>& indices) const;
    /// Test images `indices` with `relation` applied to their codes, decoded: what the explorer shows
    /// after that relation.
    DecodedImages relationImages(const std::vector<std::int64_t>& indices, const std::string& relation) const;

    /// A code drawn from the product prior (uniform component per partition), seeded.
    LatentCode samplePrior(std::uint64_t seed) const;
    /// The mean of component `component` of partition `p` written into `code` (other partitions kept).
    LatentCode withComponent(const LatentCode& code, int p, std::int64_t component) const;
    std::vector<PartitionClassification> classify(const LatentCode& code) const;
    /// `code` decoded, the image re-encoded by the model's encoder and that code classified: what the
    /// decoded picture shows, as the model reads it.
    std::vector<PartitionClassification> classifyDecoded(const LatentCode& code) const;
    /// Throws LatentLabError for an unknown relation name (the version's relations are listed).
    RelationStep applyRelation(const LatentCode& code, const std::string& relation) const;
    DecodedImages decode(const std::vector<LatentCode>& codes) const;
    /// The relational learner's output for each of `codes` in one batch, unjudged (no decode): the arrows
    /// of the latent map. Throws LatentLabError for an unknown relation.
    std::vector<LatentCode> relationOutputs(const std::vector<LatentCode>& codes, const std::string& relation) const;
    /// Every component of partition `p` in turn, other partitions from `code`: one row of a traversal grid.
    std::vector<LatentCode> traversal(const LatentCode& code, int p) const;
    /// `steps` codes sweeping dimension `dim` of partition `p` evenly over `range` (ends included), the
    /// rest of `code` kept: a continuous row of a traversal grid.
    std::vector<LatentCode> sweep(const LatentCode& code, int p, int dim, SliderRange range, int steps) const;
    /// Range of dimension `dim` of partition `p` (see SliderRangeMode). DataMinMax without loaded data
    /// falls back to PriorAll.
    SliderRange sliderRange(const LatentCode& code, int p, int dim, SliderRangeMode mode) const;

private:
    LatentExplorer();
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace latentlab::train
