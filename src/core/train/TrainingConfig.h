#pragma once
#include "data/DatasetLayout.h"
#include "model/ModelKind.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::train {

/// Every knob of a training run (docs/design/models.md#decision-2-configurable-and-recorded), written to the run
/// directory as config.json so that a run can be repeated or resumed exactly. Defaults: the paper schedule.
struct TrainingConfig {
    // What is trained on what.
    ::latentlab::model::ModelKind model =
        ::latentlab::model::ModelKind::ModularAutoEncoder; ///< M-AE or the WCCI'22 baseline (stored as "mae" / "absae")
    std::string dataFile;                                  ///< dataset HDF5 file (published layout)
    std::string version = "dsprites-v2";                   ///< dataset version (relevant factors, relations)
    /// A user's catalogue of versions (DatasetVersionCatalog::loadUserFile) that `version` may name, e.g.
    /// one over the generic layout's factors; empty for the built-in versions (and then not written to
    /// config.json, so runs of built-in versions keep their config files as they were).
    std::string versionsFile;
    std::string preset = "paper"; ///< preset the values came from (informational)

    // Seeds: explicit and recorded (docs/design/gui.md#reproducibility).
    std::uint64_t seedTorch = 0;     ///< network init, prior/relational sampling, augmentation
    std::uint64_t seedDataOrder = 0; ///< minibatch order (epoch e uses Rng(seed + e))
    std::uint64_t seedLabelled = 0;  ///< which training images are labelled
    std::uint64_t seedSplit = 0;     ///< train/validation/test split by base image

    // Device.
    std::string device = "auto"; ///< auto | cpu | cuda | cuda:N
    int threads = 0;             ///< torch intra-op threads, 0 = all cores

    // Architecture.
    int filters = 32;     ///< conv width nf (32 dSprites, 64 3D Shapes)
    int partitionDim = 8; ///< M-AE: dims per partition
    int jointCodeDim = 8; ///< AbsAE: code size (8 dSprites, 16 3D Shapes)
    int mlpHidden = 1024; ///< discriminator and ReL hidden width
    bool discriminatorPerPartition = false;
    bool relationalFullCodeInput = false;

    // Prior.
    int labelledSamples = 1000; ///< labelled training images the adaptive prior is fitted from
    double covarianceScale = 0.1;
    double covarianceJitter = 1e-4;
    int minComponentSamples = 2;
    bool priorComponentZero = false;     ///< reproduce the reference code's component-0 sampling
    bool warmupGaussian = false;         ///< warm-up prior N(0, I) instead of U(−1, 1)
    bool relationalTargetMean = false;   ///< ReL regresses onto the target mean instead of a sample
    bool relationalPairedTarget = false; ///< ReL target = target mean + the source's offset from its own mean (keeps nuisances)
    int priorRefitEveryEpochs = 0;       ///< 0: prior frozen after warm-up (reference code); N: re-fit every N epochs
    int priorRefitEverySteps = 0;        ///< 0: off; N: re-fit the prior on the labelled codes every N steps (docs/design/model-quality.md)
    bool priorSharedCovariance = false;  ///< one pooled within-component covariance per partition (equal-shaped clusters)

    // Schedule.
    int epochs = 6000; ///< total epochs, warm-up included
    int warmupEpochs = 1000;
    int batchSize = 1024;
    int relationalBatch = 128;       ///< prior triples per relation per step
    int relationalStepsPerBatch = 1; ///< ReL updates per AE minibatch (1 in the reference schedule)
    bool adversarial = true;
    double adversarialWeight = 0.2;
    double relationalWeight = 1.0;
    double discriminatorLearningRate = 0; ///< 0: the common learning rate
    // Real-image terms (docs/design/model-quality.md); all off in the reference schedule.
    double labelAnchorWeight = 0;  ///< cross-entropy of the prior's posterior against the true component, labelled images
    int labelAnchorBatch = 32;     ///< labelled images per step for the anchor
    double cycleWeight = 0;        ///< decode → re-encode term: prior codes must decode to images the (frozen) encoder classifies back
    int cycleBatch = 32;           ///< prior codes per step for the cycle term
    int cycleRampEpochs = 0;       ///< the cycle weight grows linearly over this many epochs after the prior fit
    bool cycleAugment = false;     ///< the judge sees the decoded images augmented like training images (no pixel-sized marks)
    int cycleRecombined = 0;       ///< labelled real codes per step, partitions recombined across images, joining the cycle's prior codes
    double codeNormWeight = 0;     ///< penalty on the mean squared code norm (keeps codes from growing without bound)
    bool reconstructClean = false; ///< reconstruct the clean image from its augmented copy (denoising) instead of the copy
    double gradientClipNorm = 0;   ///< 0: off; clips the encoder's and decoder's gradient norm per step
    double learningRate = 1e-4;
    int evalEveryEpochs = 500; ///< relation accuracy snapshots (0 = only at the end)
    int checkpointEveryEpochs = 100;
    int logEverySteps = 10;            ///< loss-curve resolution in run.h5
    int evalTriplesPerRelation = 1280; ///< docs/design/models.md#relation-accuracy
    /// Disentanglement metrics computed on the class codes and means when training ends ("" = none;
    /// e.g. "mig,sap,dci"): written to metrics.json (as `eval --metrics` with its default seed would) and
    /// to summary.json's class_code_metrics.
    std::string finalMetrics;
    int finalMetricsPoints = 10000; ///< training codes for those metrics (test codes: half as many)

    // Data.
    bool augment = true; ///< on-the-fly noise/dropout copies of training images (docs/design/models.md#augmentation)
    double noiseStd = 0.3;
    double dropoutRate = 0.3;
    double validationFraction = 0.1;
    double testFraction = 0.1;

    /// The named preset for a dataset layout (docs/design/models.md#presets): "paper" (the faithful
    /// schedule), "demo-cpu" (a model that is right on real images, in minutes on 2 CPU cores),
    /// "demo-cpu-reference" (the reference schedule at CPU size, the earlier demo-cpu), "gpu" (demo-cpu's
    /// terms at a GPU's batch size), "test" (tiny, seconds). Throws LatentLabError for an unknown name.
    static TrainingConfig fromPreset(const std::string& name, data::DatasetLayout layout);
    /// Sets all four seeds from one.
    void setSeed(std::uint64_t seed);
    /// Changes the total epochs, keeping the warm-up's share of the schedule (at least one epoch after
    /// warm-up). The CLI's --epochs and the GUI's training dialog both use it.
    void setEpochs(int totalEpochs);

    /// The preset names fromPreset knows, in the order help texts list them.
    static const std::vector<std::string>& presetNames();
    /// True when any of the real-image terms (anchor, cycle, step re-fits) is on.
    bool usesRealImageTerms() const { return labelAnchorWeight > 0 || cycleWeight > 0 || priorRefitEverySteps > 0; }

    std::string toJson() const;
    /// Parses config.json; unknown keys and wrong types are errors naming the key. Missing keys keep
    /// the defaults above. `origin` names the file in messages.
    static TrainingConfig fromJson(const std::string& json, const std::string& origin);
    /// Checks ranges (epochs, batch, rates, fractions...); throws LatentLabError naming the key.
    void validate() const;
};

} // namespace latentlab::train
