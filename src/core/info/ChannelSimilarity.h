#pragma once
#include "common/CancellationToken.h"
#include "common/ProgressReport.h"
#include "info/FingerprintChannels.h"
#include "metrics/DenseMatrix.h"

#include <cstdint>
#include <vector>

namespace latentlab::info {

/// Fingerprint information terms of channel sets (docs/design/information.md#information-terms), all in bits:
/// Î(D) = log₂N − (1/N) Σ_i log₂ Σ_j e^{−D_ij}, with D the Bhattacharyya distances (docs/design/information.md#bhattacharyya-distance).
struct InformationTerms {
    std::vector<double> infoA, selfA;   ///< Î(D_a), Î(2·D_a) per channel of the first set
    std::vector<double> infoB, selfB;   ///< the same for the second set (= first set when symmetric)
    metrics::DenseMatrix<double> joint; ///< [A, B] Î(D_a + D_b)
};

/// Generalized NMI and VI between every pair of channels (docs/design/information.md#generalized-nmi-and-vi): NMI = (I_a + I_b − I_ab) /
/// √((2I_a − I_aa)(2I_b − I_bb)) (0 when the denominator is not positive), VI = 2I_ab − I_aa − I_bb bits.
struct SimilarityMatrices {
    std::vector<double> info;         ///< Î(D_a) per channel of the first set
    metrics::DenseMatrix<double> nmi; ///< [A, B]
    metrics::DenseMatrix<double> vi;  ///< [A, B] bits
};

/// The batched form (docs/design/information.md#batched-computation): for a block of fingerprint rows i, the rows B_a[i, :] = e^{−D_a[i, :]} of
/// every channel are built on the fly ([rows, C, N], never all C·N² values at once) and one batched
/// matrix product gives Σ_j B_a[i,j]·B_b[i,j] for all pairs; log₂ of it is summed over i. Memory stays
/// within `memoryBudgetBytes` whatever C and N are. Float64 throughout.
class ChannelSimilarity {
public:
    static constexpr std::int64_t kDefaultMemoryBudget = 512LL << 20;

    /// Terms of `a` against itself (symmetric: joint[a][b] = joint[b][a]).
    static InformationTerms terms(const FingerprintChannels& a, std::int64_t memoryBudgetBytes = kDefaultMemoryBudget,
                                  const ProgressCallback& progress = {}, const CancellationToken& cancel = {});
    /// Terms of `a` against `b` (rectangular; e.g. channels against ground-truth labels).
    static InformationTerms terms(const FingerprintChannels& a, const FingerprintChannels& b, std::int64_t memoryBudgetBytes = kDefaultMemoryBudget,
                                  const ProgressCallback& progress = {}, const CancellationToken& cancel = {});
    /// Terms of `a` against itself and, in the same pass over the fingerprint rows, `extraTerms` of `a`
    /// against `extra` (the ground-truth labels): one computation of a's coefficients for both.
    static InformationTerms termsWith(const FingerprintChannels& a, const FingerprintChannels& extra, InformationTerms& extraTerms,
                                      std::int64_t memoryBudgetBytes = kDefaultMemoryBudget, const ProgressCallback& progress = {},
                                      const CancellationToken& cancel = {});
    static SimilarityMatrices fromTerms(const InformationTerms& t, bool symmetric);

    /// [N, N] Bhattacharyya distances of channel c of `a` (for tests, plots and the naive reference).
    static metrics::DenseMatrix<double> distances(const FingerprintChannels& a, std::int64_t c);
    /// Î(D) of one ready distance matrix, computed stably (log-sum-exp per row).
    static double informationBits(const metrics::DenseMatrix<double>& d);
};

} // namespace latentlab::info
