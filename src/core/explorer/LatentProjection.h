#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::train {

/// A linear map of a partition's d-dimensional codes onto a plane: x ↦ (a₁·(x − c), a₂·(x − c))
/// (docs/design/matrices-and-maps.md#latent-map). PCA keeps the codes' largest variance; LDA (Fisher's
/// discriminant on labelled codes) keeps the labels' classes — the prior's components — apart.
class LatentProjection {
public:
    enum class Method {
        Pca,
        Lda
    };

    /// Principal components of `points` (n × dim, row-major): centre = mean, axes = the two leading
    /// eigenvectors of the sample covariance; scores = the variances along them.
    static LatentProjection pca(const std::vector<double>& points, int dim);
    /// Fisher's linear discriminant of `points` labelled by `labels` (one per point): the two leading
    /// eigenvectors of S_w⁻¹ S_b (scores: the between/within variance ratios), each axis of unit length.
    /// With two classes only one direction separates them; the second axis is then the codes' largest
    /// variance across it. Throws LatentLabError with fewer than two classes.
    static LatentProjection lda(const std::vector<double>& points, int dim, const std::vector<std::int64_t>& labels);

    Method method() const { return m_method; }
    int dim() const { return static_cast<int>(m_center.size()); }
    const std::vector<double>& center() const { return m_center; }
    const std::vector<double>& axis(int i) const { return m_axes[static_cast<std::size_t>(i)]; }
    double score(int i) const { return m_scores[static_cast<std::size_t>(i)]; }

    std::array<double, 2> project(const double* code) const;
    std::array<double, 2> project(const float* code) const;
    /// The projected covariance A Σ Aᵀ of a Gaussian with covariance `covariance` (dim × dim, row-major):
    /// {xx, xy, yy}.
    std::array<double, 3> projectCovariance(const std::vector<double>& covariance) const;

    static std::string methodName(Method method) { return method == Method::Pca ? "pca" : "lda"; }

private:
    Method m_method = Method::Pca;
    std::vector<double> m_center;
    std::array<std::vector<double>, 2> m_axes;
    std::array<double, 2> m_scores{0, 0};
};

} // namespace latentlab::train
