#include "model/LatentLayout.h"

#include "common/LatentLabError.h"

namespace latentlab::model {

LatentLayout LatentLayout::modular(const data::DatasetVersion& version, int partitionDim)
{
    if (partitionDim < 1)
        throw LatentLabError("Partition width " + std::to_string(partitionDim) + " is invalid; expected at least 1 dimension.");
    LatentLayout layout;
    layout.kind = ModelKind::ModularAutoEncoder;
    for (const auto& f : version.factors) {
        LatentPartition p;
        p.name = f.name;
        p.offset = layout.codeDim;
        p.dim = partitionDim;
        p.numComponents = f.numValues();
        for (std::int64_t v = 0; v < f.numValues(); ++v)
            p.componentNames.push_back(f.valueName(v));
        layout.codeDim += partitionDim;
        layout.partitions.push_back(std::move(p));
        layout.m_factorSizes.push_back(f.numValues());
    }
    for (const auto& r : version.relations)
        layout.relations.push_back({r.name, version.factorIndex(r.factor), r.map});
    return layout;
}

LatentLayout LatentLayout::joint(const data::DatasetVersion& version, int codeDim)
{
    if (codeDim < 1)
        throw LatentLabError("Code size " + std::to_string(codeDim) + " is invalid; expected at least 1 dimension.");
    LatentLayout layout;
    layout.kind = ModelKind::AbsAE;
    layout.codeDim = codeDim;
    for (const auto& f : version.factors)
        layout.m_factorSizes.push_back(f.numValues());
    LatentPartition p;
    p.name = "combination";
    p.offset = 0;
    p.dim = codeDim;
    p.numComponents = version.numCombinations();
    for (std::int64_t c = 0; c < p.numComponents; ++c) {
        std::string name;
        std::int64_t rest = c;
        std::vector<std::int64_t> values(version.factors.size());
        for (std::size_t i = version.factors.size(); i-- > 0;) {
            values[i] = rest % layout.m_factorSizes[i];
            rest /= layout.m_factorSizes[i];
        }
        for (std::size_t i = 0; i < values.size(); ++i)
            name += (i ? ", " : "") + version.factors[i].valueName(values[i]);
        p.componentNames.push_back(name);
    }
    layout.partitions.push_back(std::move(p));
    // A relation on factor i maps every combination by rewriting digit i of its mixed-radix index.
    for (const auto& r : version.relations) {
        const int fi = version.factorIndex(r.factor);
        std::int64_t stride = 1;
        for (std::size_t j = version.factors.size(); j-- > static_cast<std::size_t>(fi) + 1;)
            stride *= layout.m_factorSizes[j];
        std::vector<std::int64_t> map(static_cast<std::size_t>(layout.partitions[0].numComponents));
        for (std::int64_t c = 0; c < static_cast<std::int64_t>(map.size()); ++c) {
            const std::int64_t digit = (c / stride) % layout.m_factorSizes[static_cast<std::size_t>(fi)];
            map[static_cast<std::size_t>(c)] = c + (r.apply(digit) - digit) * stride;
        }
        layout.relations.push_back({r.name, 0, std::move(map)});
    }
    return layout;
}

LatentLayout LatentLayout::forModel(ModelKind kind, const data::DatasetVersion& version, int partitionDim, int jointCodeDim)
{
    if (!hasRelations(kind))
        throw LatentLabError("A " + modelKindTitle(kind) + " has no partitioned latent layout; expected an M-AE or the WCCI'22 baseline.");
    return kind == ModelKind::ModularAutoEncoder ? modular(version, partitionDim) : joint(version, jointCodeDim);
}

std::vector<std::int64_t> LatentLayout::componentsOf(const std::vector<std::int64_t>& values) const
{
    if (kind == ModelKind::ModularAutoEncoder)
        return values;
    std::int64_t c = 0;
    for (std::size_t i = 0; i < values.size(); ++i)
        c = c * m_factorSizes[i] + values[i];
    return {c};
}

std::vector<std::int64_t> LatentLayout::valuesOf(const std::vector<std::int64_t>& components) const
{
    if (kind == ModelKind::ModularAutoEncoder)
        return components;
    std::vector<std::int64_t> values(m_factorSizes.size());
    std::int64_t rest = components.at(0);
    for (std::size_t i = m_factorSizes.size(); i-- > 0;) {
        values[i] = rest % m_factorSizes[i];
        rest /= m_factorSizes[i];
    }
    return values;
}

int LatentLayout::relationIndex(const std::string& name) const
{
    for (std::size_t i = 0; i < relations.size(); ++i)
        if (relations[i].name == name)
            return static_cast<int>(i);
    return -1;
}

} // namespace latentlab::model
