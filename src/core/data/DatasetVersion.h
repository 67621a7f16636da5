#pragma once
#include "data/DatasetLayout.h"
#include "data/FactorSpace.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::data {

/// A relevant factor of a dataset version: one latent partition of the M-AE. Its values are built from
/// one or more raw factors of the file, each cut into labelled bins of raw classes (dSprites position =
/// posX bins × posY bins, 9 values). Value index = mixed radix over the sources, last source fastest.
struct VersionFactor {
    /// How the factor's values are arranged, which says whether a cyclic relation stepping from one end to
    /// the other is news (docs/design/models.md#factor-order): only for an ordered factor are the ends far
    /// apart (position left → right); a circular factor's ends are neighbours (hue pink → red, orientation
    /// 314° → 0°) and a categorical factor has no ends at all (shape heart → square is just the next shape).
    enum class Order {
        Ordered,
        Circular,
        Categorical
    };
    struct Source {
        std::string rawFactor;                       ///< column name in the file's FactorSpace
        std::vector<std::vector<std::int64_t>> bins; ///< raw classes per bin
        std::vector<std::string> labels;             ///< one label per bin
    };
    std::string name;
    std::vector<Source> sources;
    Order order = Order::Ordered; ///< the catalogue's "order": "ordered" (default), "circular" or "categorical"
    std::int64_t numValues() const;
    /// "left top", "square", ... (bin labels of the sources joined by a space)
    std::string valueName(std::int64_t value) const;
    /// Bin index of `value` along source `s`.
    std::int64_t binAlong(std::int64_t value, std::size_t s) const;
};

/// A free nuisance: a raw factor that no relevant factor uses, restricted to some classes (it varies
/// within a combination and is never labelled). Raw factors named nowhere keep all their classes.
struct NuisanceFactor {
    std::string rawFactor;
    std::vector<std::int64_t> keptClasses;
};

/// A relation of a version: it changes one relevant factor through a value map (map[v] = new value).
struct Relation {
    std::string name;   ///< "move-left", "change-shape", "+hue", "bigger", ...
    std::string factor; ///< the VersionFactor it changes
    bool cyclic = true; ///< cyclic (wraps, a permutation) or saturating (stops at the end)
    std::vector<std::int64_t> map;
    std::string description;
    std::int64_t apply(std::int64_t value) const { return map.at(static_cast<std::size_t>(value)); }
};

/// A dataset version (dsprites-v2 ... shapes3d-v5): which factors are relevant (one latent partition
/// each), which raw classes are kept, which factors are free nuisances, and its relations. Built from
/// data (DatasetVersionCatalog's JSON), never from code branches.
class DatasetVersion {
public:
    std::string name;
    DatasetLayout layout = DatasetLayout::DSprites;
    std::string description;
    std::vector<VersionFactor> factors;
    std::vector<NuisanceFactor> nuisances;
    std::vector<Relation> relations;

    /// Number of value combinations of the relevant factors (27 for dsprites-v2).
    std::int64_t numCombinations() const;
    int factorIndex(const std::string& name) const;

    /// Per relevant factor, its value for a raw class vector, or an empty vector when the version does
    /// not keep that row (a raw class outside every bin or outside a nuisance's kept classes).
    std::vector<std::int64_t> versionValues(const FactorSpace& raw, const std::int64_t* rawClasses) const;
    /// Combination index (mixed radix over factors, last fastest), or -1 when the row is not kept.
    std::int64_t combinationOf(const FactorSpace& raw, const std::int64_t* rawClasses) const;

    /// All flat indices of the full raw product that the version keeps, ascending (what a generator
    /// renders for this version).
    std::vector<std::int64_t> selectFullRows(const FactorSpace& raw) const;
    /// Rows of a file (given its rows × K class table) that the version keeps, ascending.
    std::vector<std::int64_t> selectRows(const FactorSpace& raw, const std::vector<std::int64_t>& classes) const;

    /// The relation called `name`; throws LatentLabError naming the version and its relations when the
    /// relation does not apply to this version.
    const Relation& relation(const std::string& name) const;
    std::vector<std::string> relationNames() const;

    /// Checks the version against the raw factor space of its layout (names exist, classes in range,
    /// bins disjoint, maps inside the grid); throws LatentLabError naming the version and the problem.
    void validate(const FactorSpace& raw) const;
};

} // namespace latentlab::data
