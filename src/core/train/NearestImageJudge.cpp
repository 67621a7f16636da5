#include "train/NearestImageJudge.h"

#include <torch/torch.h>

#include <algorithm>

namespace latentlab::train {

namespace {

/// Where a raw factor sits in a version: a source of a relevant factor (its classes are cut into bins)
/// or not (a nuisance, kept or fixed).
struct RawRole {
    const std::vector<std::vector<std::int64_t>>* bins = nullptr;
};

/// The raw class's place inside its bin (dSprites position: the exact offset within a 5-pixel bin), or
/// the class itself for a raw factor no relevant factor uses.
std::int64_t signaturePart(const RawRole& role, std::int64_t rawClass)
{
    if (!role.bins)
        return rawClass;
    for (const auto& bin : *role.bins) {
        const auto at = std::find(bin.begin(), bin.end(), rawClass);
        if (at != bin.end())
            return at - bin.begin();
    }
    return -1; // not in any bin: the version does not keep such rows, so they are never loaded
}

} // namespace

NearestImageJudge::NearestImageJudge(const TrainingData& data) : m_data(data)
{
    const auto& version = data.version();
    const auto& raw = data.images().factors;
    for (const auto& f : version.factors)
        m_factorSizes.push_back(f.numValues());
    std::vector<RawRole> roles(raw.numFactors());
    for (const auto& f : version.factors)
        for (const auto& s : f.sources) {
            const int k = raw.indexOf(s.rawFactor);
            if (k >= 0)
                roles[static_cast<std::size_t>(k)].bins = &s.bins;
        }
    std::map<std::vector<std::int64_t>, std::int64_t> signatures;
    const auto rows = data.images().rows();
    m_signatureOfRow.resize(static_cast<std::size_t>(rows));
    std::vector<std::int64_t> key(raw.numFactors());
    for (std::int64_t row = 0; row < rows; ++row) {
        const auto* classes = data.images().classesOf(row);
        for (std::size_t k = 0; k < raw.numFactors(); ++k)
            key[k] = signaturePart(roles[k], classes[k]);
        const auto inserted = signatures.emplace(key, static_cast<std::int64_t>(signatures.size()));
        if (inserted.second)
            m_rowOf.emplace_back();
        const auto signature = inserted.first->second;
        m_signatureOfRow[static_cast<std::size_t>(row)] = signature;
        m_rowOf[static_cast<std::size_t>(signature)].emplace(combinationOf(data.versionValues(row)), row); // the first row of duplicates
    }
}

std::int64_t NearestImageJudge::combinationOf(const std::vector<std::int64_t>& values) const
{
    std::int64_t c = 0;
    for (std::size_t f = 0; f < m_factorSizes.size(); ++f)
        c = c * m_factorSizes[f] + values.at(f);
    return c;
}

NearestImageJudge::Candidates NearestImageJudge::gather(const std::vector<std::int64_t>& sourceRows) const
{
    Candidates out;
    auto& rows = out.rows;
    for (const auto source : sourceRows) {
        const auto& byCombination = m_rowOf[static_cast<std::size_t>(m_signatureOfRow.at(static_cast<std::size_t>(source)))];
        out.first.push_back(static_cast<std::int64_t>(rows.size()));
        auto values = m_data.versionValues(source);
        for (std::size_t f = 0; f < values.size(); ++f) {
            const auto own = values[f];
            for (std::int64_t v = 0; v < m_factorSizes[f]; ++v) {
                if (v == own && f > 0)
                    continue; // the source itself is added once (with f = 0)
                values[f] = v;
                const auto c = combinationOf(values);
                const auto it = byCombination.find(c);
                if (it != byCombination.end()) {
                    rows.push_back(it->second);
                    out.combination.push_back(c);
                }
            }
            values[f] = own;
        }
        out.count.push_back(static_cast<std::int64_t>(rows.size()) - out.first.back());
    }
    out.images = m_data.batch(rows).flatten(1);
    return out;
}

std::vector<int> NearestImageJudge::judge(const Candidates& candidates, const torch::Tensor& decoded, const std::vector<std::int64_t>& expected) const
{
    torch::NoGradGuard noGrad;
    const auto flat = decoded.to(torch::kCPU, torch::kFloat32).flatten(1);
    std::vector<int> verdict(expected.size(), -1);
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto first = candidates.first.at(i), count = candidates.count.at(i);
        const auto begin = candidates.combination.begin() + first, end = begin + count;
        if (std::find(begin, end, expected[i]) == end)
            continue; // no image of the expected values with these nuisances: not judged
        const auto distances = (candidates.images.narrow(0, first, count) - flat[static_cast<std::int64_t>(i)]).pow(2).sum(1);
        const auto nearest = distances.argmin().item<std::int64_t>();
        verdict[i] = candidates.combination[static_cast<std::size_t>(first + nearest)] == expected[i] ? 1 : 0;
    }
    return verdict;
}

} // namespace latentlab::train
