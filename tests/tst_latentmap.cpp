// The latent map's data layer without a model (docs/design/matrices-and-maps.md#latent-map): the symmetric
// eigen-solver, PCA and LDA projections and the ellipse of a projected covariance, each against values
// worked out by hand.
#include "common/LatentLabError.h"
#include "explorer/LatentProjection.h"
#include "explorer/ProjectedEllipse.h"
#include "explorer/SymmetricEigen.h"

#include <QtTest>

#include <cmath>

using namespace latentlab;
using namespace latentlab::train;

namespace {

bool near(double a, double b, double tolerance = 1e-9) { return std::abs(a - b) <= tolerance; }

} // namespace

class TestLatentMap : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void symmetricEigen()
    {
        // [[2, 1], [1, 2]]: eigenvalues 3 and 1, eigenvectors (1, 1)/√2 and (1, −1)/√2 (largest entry positive).
        const auto e = SymmetricEigen::of({2, 1, 1, 2}, 2);
        QVERIFY(near(e.values[0], 3) && near(e.values[1], 1));
        QVERIFY(near(e.vectors[0][0], 1 / std::sqrt(2.0)) && near(e.vectors[0][1], 1 / std::sqrt(2.0)));
        QVERIFY(near(std::abs(e.vectors[1][0]), 1 / std::sqrt(2.0)) && near(e.vectors[1][0], -e.vectors[1][1]));
        // A diagonal 3 × 3 comes back sorted.
        const auto d = SymmetricEigen::of({1, 0, 0, 0, 5, 0, 0, 0, 3}, 3);
        QVERIFY(near(d.values[0], 5) && near(d.values[1], 3) && near(d.values[2], 1));
        QVERIFY(near(d.vectors[0][1], 1) && near(d.vectors[1][2], 1));
    }

    void pcaOfFourPoints()
    {
        // (±2, 0, 1) and (0, ±1, 1): mean (0, 0, 1), sample covariance diag(8/3, 2/3, 0). The first axis is x
        // (variance 8/3), the second y (2/3); (2, 0, 1) projects to (2, 0), (0, −1, 1) to (0, −1).
        const std::vector<double> points{2, 0, 1, -2, 0, 1, 0, 1, 1, 0, -1, 1};
        const auto p = LatentProjection::pca(points, 3);
        QVERIFY(near(p.center()[0], 0) && near(p.center()[1], 0) && near(p.center()[2], 1));
        QVERIFY(near(p.score(0), 8.0 / 3) && near(p.score(1), 2.0 / 3));
        QVERIFY(near(p.axis(0)[0], 1) && near(p.axis(1)[1], 1));
        const auto a = p.project(points.data());
        QVERIFY(near(a[0], 2) && near(a[1], 0));
        const auto b = p.project(points.data() + 9);
        QVERIFY(near(b[0], 0) && near(b[1], -1));
        const float code[] = {1.0f, 0.5f, 7.0f}; // the third dimension has no variance: it does not show
        const auto c = p.project(code);
        QVERIFY(near(c[0], 1, 1e-6) && near(c[1], 0.5, 1e-6));
    }

    void pcaAlongTheDiagonal()
    {
        // Points on the line y = x, spread ±3: the first axis is (1, 1)/√2 and a point (3, 3) lies at 3√2.
        const std::vector<double> points{3, 3, -3, -3, 1, 1, -1, -1};
        const auto p = LatentProjection::pca(points, 2);
        QVERIFY(near(p.axis(0)[0], 1 / std::sqrt(2.0)) && near(p.axis(0)[1], 1 / std::sqrt(2.0)));
        QVERIFY(near(p.project(points.data())[0], 3 * std::sqrt(2.0)));
        QVERIFY(near(p.score(1), 0));
    }

    void ldaSeparatesTwoClusters()
    {
        // Two clusters spread widely along x (±10) but apart only along y (0 vs 1): PCA's first axis is x,
        // LDA's is y, and the clusters' projections on it do not overlap.
        std::vector<double> points;
        std::vector<std::int64_t> labels;
        for (int i = -5; i <= 5; ++i)
            for (int c = 0; c < 2; ++c) {
                points.push_back(2.0 * i);
                points.push_back(c + 0.05 * ((i * 7 + c * 3) % 3 - 1)); // a little within-class spread
                labels.push_back(c);
            }
        const auto pca = LatentProjection::pca(points, 2);
        QVERIFY(std::abs(pca.axis(0)[0]) > 0.99);
        const auto lda = LatentProjection::lda(points, 2, labels);
        QCOMPARE(int(lda.method()), int(LatentProjection::Method::Lda));
        QVERIFY2(std::abs(lda.axis(0)[1]) > 0.99, qPrintable(QString::number(lda.axis(0)[1])));
        QVERIFY(near(std::hypot(lda.axis(0)[0], lda.axis(0)[1]), 1));
        double lowest1 = 1e9, highest0 = -1e9;
        for (std::size_t i = 0; i < labels.size(); ++i) {
            const double t = lda.project(points.data() + 2 * i)[0];
            if (labels[i] == 0)
                highest0 = std::max(highest0, t);
            else
                lowest1 = std::min(lowest1, t);
        }
        QVERIFY2(highest0 < lowest1, "the two values overlap along LDA's first axis");
        // Two classes give one separating direction; the second axis shows the spread across it (x).
        QVERIFY(std::abs(lda.axis(1)[0]) > 0.99);
        // One class: nothing to keep apart, one sentence.
        try {
            LatentProjection::lda(points, 2, std::vector<std::int64_t>(labels.size(), 0));
            QFAIL("an LDA of one class was fitted");
        } catch (const LatentLabError& e) {
            QCOMPARE(QString(e.what()), QString("LDA needs codes of at least two values to keep apart; these codes have 1."));
        }
    }

    void ellipseOfProjectedCovariance()
    {
        // Σ = diag(4, 9, 1) on the plane of axes x and y: A Σ Aᵀ = diag(4, 9); the 2σ ellipse has semi-axes
        // 2·3 = 6 (along y, 90°) and 2·2 = 4.
        const std::vector<double> points{2, 0, 1, -2, 0, 1, 0, 1, 1, 0, -1, 1};
        const auto p = LatentProjection::pca(points, 3);
        const auto cov = p.projectCovariance({4, 0, 0, 0, 9, 0, 0, 0, 1});
        QVERIFY(near(cov[0], 4) && near(cov[1], 0) && near(cov[2], 9));
        const auto e = ProjectedEllipse::of({1, 2}, cov, 2);
        QVERIFY(near(e.major, 6) && near(e.minor, 4));
        QVERIFY(near(std::abs(e.angle), M_PI / 2));
        // [[2, 1], [1, 2]]: eigenvalues 3 and 1 along 45°; 1σ semi-axes √3 and 1.
        const auto tilted = ProjectedEllipse::of({0, 0}, {2, 1, 2}, 1);
        QVERIFY(near(tilted.major, std::sqrt(3.0)) && near(tilted.minor, 1));
        QVERIFY(near(tilted.angle, M_PI / 4));
        // The outline's first point is the centre plus the major semi-axis; it closes on itself; every
        // point satisfies the ellipse's equation.
        const auto outline = tilted.outline(36);
        QCOMPARE(int(outline.size()), 37);
        QVERIFY(near(outline[0][0], std::sqrt(3.0) * std::cos(M_PI / 4)) && near(outline[0][1], std::sqrt(3.0) * std::sin(M_PI / 4)));
        QVERIFY(near(outline.front()[0], outline.back()[0]) && near(outline.front()[1], outline.back()[1]));
        for (const auto& pt : outline) {
            // xᵀ Σ⁻¹ x = 1 for Σ = [[2, 1], [1, 2]], Σ⁻¹ = [[2, −1], [−1, 2]] / 3.
            const double q = (2 * pt[0] * pt[0] - 2 * pt[0] * pt[1] + 2 * pt[1] * pt[1]) / 3;
            QVERIFY(near(q, 1, 1e-9));
        }
    }
};

QTEST_GUILESS_MAIN(TestLatentMap)
#include "tst_latentmap.moc"
