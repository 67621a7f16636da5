#pragma once
#include "explorer/LatentExplorer.h"
#include "explorer/LatentProjection.h"
#include "explorer/ProjectedEllipse.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::train {

/// The latent map of one partition (docs/design/matrices-and-maps.md#latent-map): the test split's codes of that
/// partition projected to 2-D (PCA, or LDA fitted on the codes labelled with their true values), each
/// point with its true component; the prior's components as projected means and 2σ ellipses; a
/// relation's arrows (source code → the relational learner's output) for an even sample of the points.
/// Built from a LatentExplorer with data loaded, on whatever thread owns it; the result is plain data
/// (no torch, no Qt) that the GUI draws and `latentlab-cli render --what latent-map` writes.
class LatentMap {
public:
    struct Options {
        int partition = 0;
        LatentProjection::Method method = LatentProjection::Method::Pca;
        std::string relation; ///< empty: no arrows
        int arrows = 40;      ///< points that get an arrow
        int maxPoints = 4000; ///< an even sample of the test split beyond this many
        double sigmas = 2.0;  ///< ellipse size in standard deviations
    };
    struct Point {
        std::int64_t testIndex = 0; ///< into the test split
        std::int64_t component = 0; ///< the true value's component of the partition
        double x = 0, y = 0;
    };
    struct Component {
        std::string name;
        ProjectedEllipse ellipse; ///< centred on the projected mean
    };
    struct Arrow {
        std::int64_t testIndex = 0;
        double fromX = 0, fromY = 0, toX = 0, toY = 0;
    };

    /// Throws LatentLabError for a partition out of range, no loaded data, a relation this version does not
    /// have or one that rewrites another partition, and an LDA with fewer than two values present.
    static LatentMap build(const LatentExplorer& explorer, const Options& options);

    const Options& options() const { return m_options; }
    const std::string& partitionName() const { return m_partitionName; }
    int partitionOffset() const { return m_offset; }
    const LatentProjection& projection() const { return m_projection; }
    const std::vector<Point>& points() const { return m_points; }
    const std::vector<Component>& components() const { return m_components; }
    const std::vector<Arrow>& arrows() const { return m_arrows; }
    std::int64_t testImages() const { return m_testImages; }

    /// Where a whole code's slice of this partition lands on the map.
    std::array<double, 2> place(const LatentCode& code) const;
    /// The map's data as CSV (what the GUI exports and the CLI writes): a comment line, then rows
    /// "kind,index,component,x,y,x2,y2" — point (test index, its component, x, y), component (index, mean,
    /// then semi-axes major/minor in x2/y2 and the angle in degrees as a last column), arrow (test index,
    /// from, to).
    std::string csv(const std::string& runName) const;

private:
    Options m_options;
    std::string m_partitionName;
    int m_offset = 0, m_dim = 0;
    std::int64_t m_testImages = 0;
    LatentProjection m_projection;
    std::vector<Point> m_points;
    std::vector<Component> m_components;
    std::vector<Arrow> m_arrows;
};

} // namespace latentlab::train
