#include "data/DatasetVersion.h"

#include "common/LatentLabError.h"

#include <algorithm>
#include <set>

namespace latentlab::data {

std::int64_t VersionFactor::numValues() const
{
    std::int64_t n = 1;
    for (const auto& s : sources)
        n *= static_cast<std::int64_t>(s.bins.size());
    return n;
}

std::int64_t VersionFactor::binAlong(std::int64_t value, std::size_t s) const
{
    std::int64_t stride = 1;
    for (std::size_t t = sources.size(); t-- > s + 1;)
        stride *= static_cast<std::int64_t>(sources[t].bins.size());
    return (value / stride) % static_cast<std::int64_t>(sources[s].bins.size());
}

std::string VersionFactor::valueName(std::int64_t value) const
{
    std::string out;
    for (std::size_t s = 0; s < sources.size(); ++s) {
        if (s)
            out += ' ';
        out += sources[s].labels.at(static_cast<std::size_t>(binAlong(value, s)));
    }
    return out;
}

std::int64_t DatasetVersion::numCombinations() const
{
    std::int64_t n = 1;
    for (const auto& f : factors)
        n *= f.numValues();
    return n;
}

int DatasetVersion::factorIndex(const std::string& factorName) const
{
    for (std::size_t i = 0; i < factors.size(); ++i)
        if (factors[i].name == factorName)
            return static_cast<int>(i);
    return -1;
}

std::vector<std::int64_t> DatasetVersion::versionValues(const FactorSpace& raw, const std::int64_t* rawClasses) const
{
    for (const auto& n : nuisances) {
        const int k = raw.indexOf(n.rawFactor);
        if (std::find(n.keptClasses.begin(), n.keptClasses.end(), rawClasses[k]) == n.keptClasses.end())
            return {};
    }
    std::vector<std::int64_t> values;
    values.reserve(factors.size());
    for (const auto& f : factors) {
        std::int64_t v = 0;
        for (const auto& s : f.sources) {
            const std::int64_t c = rawClasses[raw.indexOf(s.rawFactor)];
            std::int64_t bin = -1;
            for (std::size_t b = 0; b < s.bins.size() && bin < 0; ++b)
                if (std::find(s.bins[b].begin(), s.bins[b].end(), c) != s.bins[b].end())
                    bin = static_cast<std::int64_t>(b);
            if (bin < 0)
                return {};
            v = v * static_cast<std::int64_t>(s.bins.size()) + bin;
        }
        values.push_back(v);
    }
    return values;
}

std::int64_t DatasetVersion::combinationOf(const FactorSpace& raw, const std::int64_t* rawClasses) const
{
    const auto values = versionValues(raw, rawClasses);
    if (values.empty())
        return -1;
    std::int64_t c = 0;
    for (std::size_t i = 0; i < factors.size(); ++i)
        c = c * factors[i].numValues() + values[i];
    return c;
}

std::vector<std::int64_t> DatasetVersion::selectFullRows(const FactorSpace& raw) const
{
    // Per raw factor, the classes the version keeps; then enumerate their product in row order.
    const std::size_t k = raw.numFactors();
    std::vector<std::vector<std::int64_t>> kept(k);
    for (std::size_t i = 0; i < k; ++i)
        for (std::int64_t c = 0; c < raw.size(i); ++c)
            kept[i].push_back(c);
    auto restrict = [&](const std::string& name, const std::vector<std::int64_t>& allowed) {
        auto& v = kept[static_cast<std::size_t>(raw.indexOf(name))];
        v.erase(std::remove_if(v.begin(), v.end(), [&](std::int64_t c) { return std::find(allowed.begin(), allowed.end(), c) == allowed.end(); }),
                v.end());
    };
    for (const auto& n : nuisances)
        restrict(n.rawFactor, n.keptClasses);
    for (const auto& f : factors)
        for (const auto& s : f.sources) {
            std::vector<std::int64_t> allowed;
            for (const auto& b : s.bins)
                allowed.insert(allowed.end(), b.begin(), b.end());
            restrict(s.rawFactor, allowed);
        }
    std::vector<std::int64_t> rows;
    std::vector<std::size_t> at(k, 0);
    std::vector<std::int64_t> classes(k);
    for (std::size_t i = 0; i < k; ++i)
        if (kept[i].empty())
            return rows;
    while (true) {
        for (std::size_t i = 0; i < k; ++i)
            classes[i] = kept[i][at[i]];
        rows.push_back(raw.flatIndex(classes.data()));
        std::size_t d = k;
        while (d > 0) {
            --d;
            if (++at[d] < kept[d].size())
                break;
            at[d] = 0;
            if (d == 0)
                return rows;
        }
    }
}

std::vector<std::int64_t> DatasetVersion::selectRows(const FactorSpace& raw, const std::vector<std::int64_t>& classes) const
{
    const std::size_t k = raw.numFactors();
    std::vector<std::int64_t> rows;
    for (std::size_t r = 0; r * k < classes.size(); ++r)
        if (!versionValues(raw, &classes[r * k]).empty())
            rows.push_back(static_cast<std::int64_t>(r));
    return rows;
}

const Relation& DatasetVersion::relation(const std::string& relationName) const
{
    for (const auto& r : relations)
        if (r.name == relationName)
            return r;
    std::string known;
    for (const auto& r : relations)
        known += (known.empty() ? "" : ", ") + r.name;
    throw LatentLabError("Relation '" + relationName + "' does not apply to dataset version '" + name +
                         "'; its relations are: " + (known.empty() ? "none" : known) + ".");
}

std::vector<std::string> DatasetVersion::relationNames() const
{
    std::vector<std::string> names;
    for (const auto& r : relations)
        names.push_back(r.name);
    return names;
}

void DatasetVersion::validate(const FactorSpace& raw) const
{
    auto fail = [&](const std::string& what) { throw LatentLabError("Dataset version '" + name + "': " + what + "."); };
    if (factors.empty())
        fail("it has no relevant factor; expected at least one");
    std::set<std::string> usedRaw;
    for (const auto& f : factors) {
        if (f.sources.empty())
            fail("factor '" + f.name + "' has no source; expected at least one raw factor");
        for (const auto& s : f.sources) {
            const int k = raw.indexOf(s.rawFactor);
            if (k < 0)
                fail("factor '" + f.name + "' uses unknown raw factor '" + s.rawFactor + "'");
            if (!usedRaw.insert(s.rawFactor).second)
                fail("raw factor '" + s.rawFactor + "' is used twice");
            if (s.bins.empty() || s.labels.size() != s.bins.size())
                fail("factor '" + f.name + "' needs one label per bin of '" + s.rawFactor + "'");
            std::set<std::int64_t> seen;
            for (const auto& b : s.bins) {
                if (b.empty())
                    fail("factor '" + f.name + "' has an empty bin of '" + s.rawFactor + "'");
                for (auto c : b)
                    if (c < 0 || c >= raw.size(static_cast<std::size_t>(k)) || !seen.insert(c).second)
                        fail("bin class " + std::to_string(c) + " of '" + s.rawFactor + "' is out of range or repeated");
            }
        }
    }
    for (const auto& n : nuisances) {
        const int k = raw.indexOf(n.rawFactor);
        if (k < 0)
            fail("nuisance uses unknown raw factor '" + n.rawFactor + "'");
        if (usedRaw.count(n.rawFactor))
            fail("raw factor '" + n.rawFactor + "' is both relevant and a nuisance");
        if (n.keptClasses.empty())
            fail("nuisance '" + n.rawFactor + "' keeps no class");
        for (auto c : n.keptClasses)
            if (c < 0 || c >= raw.size(static_cast<std::size_t>(k)))
                fail("nuisance class " + std::to_string(c) + " of '" + n.rawFactor + "' is out of range");
    }
    std::set<std::string> relationNamesSeen;
    for (const auto& r : relations) {
        if (!relationNamesSeen.insert(r.name).second)
            fail("relation '" + r.name + "' is defined twice");
        const int fi = factorIndex(r.factor);
        if (fi < 0)
            fail("relation '" + r.name + "' changes unknown factor '" + r.factor + "'");
        const std::int64_t n = factors[static_cast<std::size_t>(fi)].numValues();
        if (static_cast<std::int64_t>(r.map.size()) != n)
            fail("relation '" + r.name + "' maps " + std::to_string(r.map.size()) + " values; expected " + std::to_string(n));
        std::set<std::int64_t> image;
        for (auto v : r.map) {
            if (v < 0 || v >= n)
                fail("relation '" + r.name + "' maps outside the values of '" + r.factor + "'");
            image.insert(v);
        }
        if (r.cyclic && static_cast<std::int64_t>(image.size()) != n)
            fail("cyclic relation '" + r.name + "' is not a permutation");
    }
}

} // namespace latentlab::data
