#pragma once
#include "data/DatasetVersion.h"
#include "model/ModelKind.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::model {

/// One block of latent dimensions with its own Gaussian-mixture prior: dims [offset, offset+dim), one
/// component per value (M-AE: the values of one factor; AbsAE: every factor combination).
struct LatentPartition {
    std::string name;               ///< factor name ("shape", "position") or "combination"
    int offset = 0;                 ///< first code dimension
    int dim = 8;                    ///< number of code dimensions
    std::int64_t numComponents = 0; ///< prior components = values the partition classifies into
    std::vector<std::string> componentNames;
};

/// How a relation acts on the latent code: which partition it rewrites and the component map
/// (source component -> target component) within that partition.
struct RelationRoute {
    std::string name;
    int partition = 0;
    std::vector<std::int64_t> componentMap;
};

/// The latent layout of a model for a dataset version, and its relations routed onto partitions.
/// M-AE: k partitions × partitionDim dims, partition i = relevant factor i (docs/design/models.md#latent-layout).
/// AbsAE (WCCI'22 baseline): one partition of codeDim dims whose components are the factor
/// combinations, every relation rewriting the whole code (docs/design/models.md#absae-baseline).
struct LatentLayout {
    ModelKind kind = ModelKind::ModularAutoEncoder;
    std::vector<LatentPartition> partitions;
    std::vector<RelationRoute> relations;
    int codeDim = 0;

    static LatentLayout modular(const data::DatasetVersion& version, int partitionDim = 8);
    static LatentLayout joint(const data::DatasetVersion& version, int codeDim);
    static LatentLayout forModel(ModelKind kind, const data::DatasetVersion& version, int partitionDim, int jointCodeDim);

    /// Component index per partition for one row's version values (one value per relevant factor).
    std::vector<std::int64_t> componentsOf(const std::vector<std::int64_t>& versionValues) const;
    /// The factor values (one per relevant factor) of a component vector, inverse of componentsOf.
    std::vector<std::int64_t> valuesOf(const std::vector<std::int64_t>& components) const;
    int relationIndex(const std::string& name) const; ///< -1 when unknown

private:
    std::vector<std::int64_t> m_factorSizes; ///< sizes of the version's factors (AbsAE mixed radix)
};

} // namespace latentlab::model
