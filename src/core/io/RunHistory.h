#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::io {

/// Loss terms averaged over the steps since the previous record.
struct LossRecord {
    std::int64_t step = 0;
    std::int64_t epoch = 0;
    double reconstruction = 0;        ///< BCE-with-logits, mean per pixel
    double relational = 0;            ///< ReL MSE (0 during warm-up)
    double generator = 0;             ///< weighted adversarial loss of the encoder
    double discriminator = 0;         ///< weighted discriminator loss
    double labelAnchor = 0;           ///< weighted label-anchor cross-entropy (0 when off or before the prior fit)
    double cycle = 0;                 ///< weighted decode → re-encode cross-entropy (0 when off)
    double discriminatorAccuracy = 0; ///< fraction of prior samples and codes the discriminator tells apart (0.5: guessing)
};

/// One evaluation snapshot (docs/design/models.md#relation-accuracy plus the image-level variant).
struct EvaluationRecord {
    std::int64_t step = 0;
    std::int64_t epoch = 0;
    double relationAccuracy = 0;      ///< mean over relations, prior-sampled triples
    std::vector<double> perRelation;  ///< one per relation
    double imageRelationAccuracy = 0; ///< encode → relation → decode → re-encode → classify
    std::vector<double> imagePerRelation;
    double reconstructionBce = 0; ///< on the test split
    // Real test images (all empty in runs written before these existed).
    std::vector<double> classification; ///< per partition: test images whose code the prior classifies as their true value
    double imageRelativeAccuracy = 0;   ///< image-level, against the relation applied to the CLASSIFIED source value
    std::vector<double> imageRelativePerRelation;
    double latentRealAccuracy = 0; ///< ReL on real test codes, classified in latent space (no decoding)
    std::vector<double> latentRealPerRelation;
    /// [P, P] row-major: factor f (column) predicted from partition p's codes (row) by a shared-covariance
    /// Gaussian classifier fitted on the labelled codes; the diagonal is wanted, off-diagonal near chance.
    std::vector<double> purity;
    // The decoded images judged by their nearest dataset image (empty in runs written before it existed).
    double nearestAccuracy = 0; ///< image-level, judged by pixels against the relation applied to the TRUE value
    std::vector<double> nearestPerRelation;
    double reconstructionNearest = -1; ///< reconstructions the pixel judge names right (-1: not recorded)
};

/// Fitted parameters of one prior partition.
struct PriorPartitionRecord {
    std::string name;
    std::vector<std::string> componentNames;
    std::int64_t components = 0;
    std::int64_t dim = 0;
    std::vector<float> means;         ///< [components, dim]
    std::vector<float> covariances;   ///< [components, dim, dim]
    std::vector<std::int64_t> counts; ///< labelled samples per component
};

/// The run's `run.h5`: loss curves, evaluation snapshots and the fitted prior, plus the config, so
/// the GUI and other tools can plot a run without LibTorch. Written whole to a temporary name and
/// renamed each time (atomic); read back on resume and by viewers.
struct RunHistory {
    std::string model;
    std::string version;
    std::string configJson;
    std::vector<std::string> relationNames;
    std::vector<LossRecord> losses;
    std::vector<EvaluationRecord> evaluations;
    std::vector<PriorPartitionRecord> prior;

    /// Throws LatentLabError naming the file when it cannot be written.
    void write(const std::string& path) const;
    /// Throws LatentLabError naming the file and dataset when it is missing or malformed.
    static RunHistory read(const std::string& path);
    /// Drops records after `step` (resume from an earlier checkpoint).
    void truncateAfter(std::int64_t step);
};

} // namespace latentlab::io
