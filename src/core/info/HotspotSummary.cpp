#include "info/HotspotSummary.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <string>

namespace latentlab::info {

std::vector<HotspotSummary> HotspotSummary::of(const SimilarityAnalysisResult& r)
{
    std::map<std::int64_t, std::vector<std::int64_t>> byLabel;
    for (std::size_t k = 0; k < r.kept.size() && k < r.optics.labels.size(); ++k)
        if (r.optics.labels[k] >= 0)
            byLabel[r.optics.labels[k]].push_back(r.kept[k]);
    const std::int64_t channels = static_cast<std::int64_t>(r.channelInfo.size());
    // The similarity file's rule: a dims-per-model that does not divide the channel count means one model.
    const std::int64_t dims = r.dimsPerModel > 0 && channels % r.dimsPerModel == 0 ? r.dimsPerModel : std::max<std::int64_t>(channels, 1);
    const std::int64_t factors = r.labelNmi.rows == channels ? r.labelNmi.cols : 0;
    // Named channels ("RUN/dimension", "RUN/PARTITION") name their model; else a model is dims channels.
    std::map<std::string, std::int64_t> runIndex;
    std::vector<std::int64_t> namedModel;
    if (r.channelNames.size() == static_cast<std::size_t>(channels))
        for (const auto& name : r.channelNames) {
            const std::string run = name.substr(0, name.rfind('/'));
            namedModel.push_back(runIndex.emplace(run, static_cast<std::int64_t>(runIndex.size())).first->second);
        }
    auto modelOf = [&](std::int64_t c) { return namedModel.empty() ? c / dims : namedModel[static_cast<std::size_t>(c)]; };
    std::vector<HotspotSummary> out;
    for (auto& [label, members] : byLabel) {
        HotspotSummary h;
        h.label = label;
        std::sort(members.begin(), members.end());
        h.channels = members;
        std::set<std::int64_t> models;
        for (const auto c : members)
            models.insert(modelOf(c));
        h.models.assign(models.begin(), models.end());
        double sum = 0, smallest = std::numeric_limits<double>::infinity();
        std::int64_t pairs = 0;
        for (std::size_t i = 0; i < members.size(); ++i)
            for (std::size_t j = i + 1; j < members.size(); ++j) {
                const double v = r.nmi(members[i], members[j]);
                sum += v;
                smallest = std::min(smallest, v);
                ++pairs;
            }
        h.meanNmi = pairs ? sum / static_cast<double>(pairs) : 1.0;
        h.minNmi = pairs ? smallest : 1.0;
        h.meanLabelNmi.assign(static_cast<std::size_t>(factors), 0.0);
        for (std::int64_t f = 0; f < factors; ++f) {
            for (const auto c : members)
                h.meanLabelNmi[static_cast<std::size_t>(f)] += r.labelNmi(c, f);
            h.meanLabelNmi[static_cast<std::size_t>(f)] /= static_cast<double>(members.size());
            if (h.dominantFactor < 0 || h.meanLabelNmi[static_cast<std::size_t>(f)] > h.dominantFactorNmi) {
                h.dominantFactor = static_cast<int>(f);
                h.dominantFactorNmi = h.meanLabelNmi[static_cast<std::size_t>(f)];
            }
        }
        if (h.dominantFactor >= 0 && static_cast<std::size_t>(h.dominantFactor) < r.factorNames.size())
            h.dominantFactorName = r.factorNames[static_cast<std::size_t>(h.dominantFactor)];
        out.push_back(std::move(h));
    }
    return out;
}

} // namespace latentlab::info
