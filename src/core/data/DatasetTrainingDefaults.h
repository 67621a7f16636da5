#pragma once

namespace latentlab::data {

/// The training settings whose preset values depend on the dataset kind (TrainingConfig and
/// BetaVaeConfig presets read them from the kind's descriptor, data/DatasetKind.h). The values and
/// their reasons sit with each kind, in data/kinds/.
struct DatasetTrainingDefaults {
    int paperFilters = 0;                ///< conv width of the "paper" preset (docs/design/models.md#hyper-parameters)
    int paperEpochs = 0;                 ///< "paper": total epochs
    int paperWarmupEpochs = 0;           ///< "paper": auto-encoder warm-up epochs
    double paperLearningRate = 0;        ///< "paper"
    bool adversarial = false;            ///< adversarial prior term in "paper" and "demo-cpu-reference"
    int jointCodeDim = 0;                ///< joint code size of "paper", "demo-cpu", "gpu" and "demo-cpu-reference"
    int gpuFilters = 0;                  ///< conv width of the "gpu" preset ("demo-cpu" keeps 32)
    double cycleWeight = 0;              ///< decode → re-encode cycle weight of "demo-cpu" and "gpu"
    bool relationalPairedTarget = false; ///< paired ReL targets in "demo-cpu" and "gpu"
    int cycleRecombined = 0;             ///< "demo-cpu": recombined real codes per cycle step ("gpu": 4 times as many)
    int referenceEpochs = 0;             ///< "demo-cpu-reference": total epochs
    int referenceWarmupEpochs = 0;       ///< "demo-cpu-reference": warm-up epochs
    int betaVaeFilters = 0;              ///< conv width of the β-VAE presets "paper" and "demo-cpu"
};

} // namespace latentlab::data
