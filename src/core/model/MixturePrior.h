#pragma once
#include "model/LatentLayout.h"

#include <torch/types.h>

#include <string>
#include <vector>

namespace latentlab::model {

struct MixturePriorOptions {
    double covarianceScale = 0.1;         ///< Σ = scale·cov + jitter·I (the reference code's gm_cov)
    double jitter = 1e-4;                 ///< keeps Σ positive definite with few samples
    std::int64_t minComponentSamples = 2; ///< fewer labelled samples → N(0, I) fallback (reported)
    bool sampleComponentZero = false;     ///< reproduce the reference code's bug: every sample from component 0
    /// One pooled within-component covariance per partition instead of one per component: equal-shaped
    /// clusters, so the decision boundaries are linear and a component's own mean is always classified
    /// as that component (per-component covariances of unequal size can capture a neighbour's mean).
    bool sharedCovariance = false;
};

/// How the labelled samples fell onto the components.
struct PriorFitReport {
    std::vector<std::vector<std::int64_t>> samplesPerComponent; ///< [partition][component]
    struct Fallback {
        int partition;
        std::int64_t component;
        std::int64_t samples;
    };
    std::vector<Fallback> fallbacks; ///< components that got N(0, I)
    /// "2 of 36 components had fewer than 2 labelled samples and use N(0, I): position/left top (1) ..."
    std::string summary(const LatentLayout& layout) const;
};

/// The adaptive prior (docs/design/models.md#prior-fit, docs/design/models.md#decision-1-modular-design):
/// per partition, a uniform mixture with one full-covariance Gaussian per component, fitted once from encoded
/// labelled samples (μ = mean, Σ = 0.1·cov + 1e-4·I, N(0, I) when too few samples). The joint prior is the product over
/// partitions. All sampling is vectorised (μ + L·ε with per-component Cholesky factors) and draws from
/// torch's default generator, so a seeded run samples the same numbers.
class MixturePrior {
public:
    MixturePrior() = default;
    MixturePrior(LatentLayout layout, MixturePriorOptions options);

    /// codes: [N, D] float (encoder outputs of the labelled samples); components: [N, P] int64 component
    /// index per partition. Throws LatentLabError on shape mismatches or out-of-range components.
    PriorFitReport fit(const torch::Tensor& codes, const torch::Tensor& components);
    bool fitted() const { return !m_means.empty(); }

    /// [n, D] samples of the product prior (each partition from a uniformly chosen component).
    torch::Tensor sample(std::int64_t n) const;
    /// [B, dim_p] samples of partition p's given components ([B] int64).
    torch::Tensor sampleComponents(int partition, const torch::Tensor& components) const;
    /// [B, V_p] log N(z; μ_v, Σ_v) for partition rows zPart [B, dim_p] (nats).
    torch::Tensor logLikelihood(int partition, const torch::Tensor& zPart) const;
    /// [B, V_p] the same log-likelihoods as a differentiable function of zPart, on zPart's device and
    /// dtype: μ, L⁻¹ and the normaliser are constants. For training losses (the label anchor, the cycle).
    torch::Tensor logLikelihoodDifferentiable(int partition, const torch::Tensor& zPart) const;
    /// Mean over partitions of the cross-entropy of the posterior p(component | z_p) (uniform weights)
    /// against the given components; codes [B, D] (differentiable), components [B, P] int64. Nats.
    torch::Tensor posteriorCrossEntropy(const torch::Tensor& codes, const torch::Tensor& components) const;
    /// [B, P] int64: per partition, the most likely component (no rejection; docs/design/models.md#classification).
    torch::Tensor classify(const torch::Tensor& codes) const;

    const LatentLayout& layout() const { return m_layout; }
    const MixturePriorOptions& options() const { return m_options; }
    const torch::Tensor& means(int p) const { return m_means.at(static_cast<std::size_t>(p)); }             ///< [V, d]
    const torch::Tensor& covariances(int p) const { return m_covariances.at(static_cast<std::size_t>(p)); } ///< [V, d, d]
    const torch::Tensor& counts(int p) const { return m_counts.at(static_cast<std::size_t>(p)); }           ///< [V] int64

    /// Restores a prior from its parameters (checkpoint load); recomputes the Cholesky factors.
    void setParameters(std::vector<torch::Tensor> means, std::vector<torch::Tensor> covariances, std::vector<torch::Tensor> counts);

private:
    void factorise();
    LatentLayout m_layout;
    MixturePriorOptions m_options;
    std::vector<torch::Tensor> m_means, m_covariances, m_counts; ///< float32 / float32 / int64
    std::vector<torch::Tensor> m_cholesky;                       ///< [V, d, d] lower factors, float32
    std::vector<torch::Tensor> m_choleskyInv;                    ///< [V, d, d] their inverses, float32
    std::vector<torch::Tensor> m_logNorm;                        ///< [V] −Σ log diag L − d/2·log 2π
};

/// Warm-up prior (docs/design/models.md#warm-up-prior): U(−1, 1)^D as in the reference code, or N(0, I).
torch::Tensor sampleWarmupPrior(std::int64_t n, std::int64_t dim, bool gaussian);

} // namespace latentlab::model
