#include "info/PartitionAgreement.h"

#include "info/ChannelSimilarity.h"

#include <algorithm>
#include <map>

namespace latentlab::info {

PartitionAgreement PartitionAgreement::of(const SimilarityAnalysisResult& r)
{
    PartitionAgreement a;
    // partition name → (run, channel) in file order.
    std::vector<std::string> order;
    std::map<std::string, std::vector<std::pair<std::string, std::int64_t>>> byPartition;
    const auto channels = static_cast<std::int64_t>(r.channelNames.size());
    for (std::int64_t c = std::max<std::int64_t>(r.gaussianChannels, 0); c < channels; ++c) {
        const std::string& name = r.channelNames[static_cast<std::size_t>(c)];
        const auto slash = name.rfind('/');
        if (slash == std::string::npos)
            continue;
        const std::string run = name.substr(0, slash), partition = name.substr(slash + 1);
        if (!byPartition.count(partition))
            order.push_back(partition);
        byPartition[partition].push_back({run, c});
        if (std::find(a.runs.begin(), a.runs.end(), run) == a.runs.end())
            a.runs.push_back(run);
    }
    for (const auto& name : order) {
        const auto& members = byPartition[name];
        Partition p;
        p.name = name;
        for (std::size_t x = 0; x < members.size(); ++x)
            for (std::size_t y = x + 1; y < members.size(); ++y)
                p.pairs.push_back({members[x].first, members[y].first, r.nmi(members[x].second, members[y].second)});
        if (p.pairs.empty())
            continue;
        double sum = 0;
        for (const auto& pair : p.pairs)
            sum += pair.nmi;
        p.meanNmi = sum / static_cast<double>(p.pairs.size());
        a.partitions.push_back(std::move(p));
    }
    double sum = 0;
    for (const auto& p : a.partitions)
        sum += p.meanNmi;
    a.meanNmi = a.partitions.empty() ? 0.0 : sum / static_cast<double>(a.partitions.size());
    return a;
}

PartitionAgreement PartitionAgreement::ofEncodings(const io::EncodingsFile& e)
{
    if (!e.hasPartitions())
        return {};
    const auto channels = FingerprintChannels::categorical(e.categoricalChannels(), e.samples, e.maxComponents, e.posteriors);
    SimilarityAnalysisResult r;
    r.gaussianChannels = 0;
    r.channelNames = e.posteriorNames;
    r.nmi = ChannelSimilarity::fromTerms(ChannelSimilarity::terms(channels), true).nmi;
    return of(r);
}

} // namespace latentlab::info
