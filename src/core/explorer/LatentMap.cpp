#include "explorer/LatentMap.h"

#include "common/LatentLabError.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace latentlab::train {
namespace {

/// Shortest round-trip text of a double, as the CSV exports write numbers.
std::string number(double v)
{
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", v);
    return buffer;
}

/// A CSV field: quoted when it holds a comma, quote or line break (AbsAE values are "square, left, top").
std::string field(const std::string& text)
{
    if (text.find_first_of(",\"\n") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (const char c : text)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

} // namespace

LatentMap LatentMap::build(const LatentExplorer& explorer, const Options& options)
{
    if (options.partition < 0 || options.partition >= explorer.partitionCount())
        throw LatentLabError("Partition " + std::to_string(options.partition) + " is not a partition of this model; expected 0.." +
                             std::to_string(explorer.partitionCount() - 1) + ".");
    const TestCodes& test = explorer.testCodes();
    if (test.count == 0)
        throw LatentLabError("The latent map needs the run's test images; its data file is not loaded.");
    LatentMap map;
    map.m_options = options;
    map.m_partitionName = explorer.partitionName(options.partition);
    map.m_offset = explorer.partitionOffset(options.partition);
    map.m_dim = explorer.partitionDim(options.partition);
    map.m_testImages = test.count;
    if (!options.relation.empty()) {
        const auto names = explorer.relationNames();
        const auto it = std::find(names.begin(), names.end(), options.relation);
        if (it == names.end()) {
            std::string known;
            for (const auto& n : names)
                known += (known.empty() ? "" : ", ") + n;
            throw LatentLabError("Relation '" + options.relation + "' does not apply to this model; expected one of " + known + ".");
        }
        const int rewrites = explorer.relationPartition(static_cast<int>(it - names.begin()));
        if (rewrites != options.partition)
            throw LatentLabError("Relation '" + options.relation + "' rewrites partition '" + explorer.partitionName(rewrites) + "', not '" +
                                 map.m_partitionName + "'; choose that partition or another relation.");
    }
    // An even sample of the test split when it is large: the picture is the same, the plot stays quick.
    const std::int64_t shown = std::min<std::int64_t>(test.count, std::max(1, options.maxPoints));
    std::vector<std::int64_t> rows;
    for (std::int64_t i = 0; i < shown; ++i)
        rows.push_back(i * test.count / shown);
    std::vector<double> slice;
    std::vector<std::int64_t> labels;
    for (const std::int64_t r : rows) {
        const float* code = test.codes.data() + r * test.codeDim + map.m_offset;
        slice.insert(slice.end(), code, code + map.m_dim);
        labels.push_back(test.components[static_cast<std::size_t>(r * test.partitions + options.partition)]);
    }
    map.m_projection =
        options.method == LatentProjection::Method::Lda ? LatentProjection::lda(slice, map.m_dim, labels) : LatentProjection::pca(slice, map.m_dim);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto xy = map.m_projection.project(slice.data() + i * static_cast<std::size_t>(map.m_dim));
        map.m_points.push_back({rows[i], labels[i], xy[0], xy[1]});
    }
    const auto means = explorer.componentMeans(options.partition);
    const auto covariances = explorer.componentCovariances(options.partition);
    const auto names = explorer.componentNames(options.partition);
    for (std::size_t c = 0; c < means.size(); ++c) {
        const auto xy = map.m_projection.project(means[c].data());
        map.m_components.push_back({c < names.size() ? names[c] : std::to_string(c),
                                    ProjectedEllipse::of(xy, map.m_projection.projectCovariance(covariances[c]), options.sigmas)});
    }
    if (!options.relation.empty() && options.arrows > 0) {
        const std::int64_t count = std::min<std::int64_t>(options.arrows, static_cast<std::int64_t>(rows.size()));
        std::vector<LatentCode> sources;
        std::vector<std::int64_t> which;
        for (std::int64_t i = 0; i < count; ++i) {
            const std::int64_t r = rows[static_cast<std::size_t>(i * static_cast<std::int64_t>(rows.size()) / count)];
            which.push_back(r);
            sources.emplace_back(test.codes.begin() + r * test.codeDim, test.codes.begin() + (r + 1) * test.codeDim);
        }
        const auto targets = explorer.relationOutputs(sources, options.relation);
        for (std::size_t i = 0; i < targets.size(); ++i) {
            const auto from = map.place(sources[i]), to = map.place(targets[i]);
            map.m_arrows.push_back({which[i], from[0], from[1], to[0], to[1]});
        }
    }
    return map;
}

std::array<double, 2> LatentMap::place(const LatentCode& code) const
{
    if (static_cast<int>(code.size()) < m_offset + m_dim)
        return {0, 0};
    return m_projection.project(code.data() + m_offset);
}

std::string LatentMap::csv(const std::string& runName) const
{
    std::string out = "# LatentLab latent map of " + runName + ", partition " + m_partitionName + ", projection " +
        LatentProjection::methodName(m_options.method) + (m_options.relation.empty() ? "" : ", relation " + m_options.relation) + ", " +
        std::to_string(m_points.size()) + " of " + std::to_string(m_testImages) + " test images\n";
    out += "kind,index,component,x,y,x2,y2,angle_degrees\n";
    for (const auto& p : m_points)
        out += "point," + std::to_string(p.testIndex) + "," + std::to_string(p.component) + "," + number(p.x) + "," + number(p.y) + ",,,\n";
    for (std::size_t c = 0; c < m_components.size(); ++c) {
        const auto& e = m_components[c].ellipse;
        out += "component," + std::to_string(c) + "," + field(m_components[c].name) + "," + number(e.centerX) + "," + number(e.centerY) + "," +
            number(e.major) + "," + number(e.minor) + "," + number(e.angle * 180.0 / M_PI) + "\n";
    }
    for (const auto& a : m_arrows)
        out += "arrow," + std::to_string(a.testIndex) + ",," + number(a.fromX) + "," + number(a.fromY) + "," + number(a.toX) + "," + number(a.toY) +
            ",\n";
    return out;
}

} // namespace latentlab::train
