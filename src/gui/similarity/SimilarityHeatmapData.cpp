#include "gui/similarity/SimilarityHeatmapData.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <tuple>
#include <numeric>

namespace latentlab::gui {

SimilarityHeatmapData::SimilarityHeatmapData(info::SimilarityAnalysisResult result, Measure measure, Order order)
    : m_result(std::move(result)),
      m_measure(measure),
      m_order(order)
{
    const auto kept = static_cast<std::int64_t>(m_result.kept.size());
    std::vector<std::int64_t> positions(static_cast<std::size_t>(kept));
    if (order == Order::Optics) {
        positions = m_result.optics.ordering;
    } else {
        std::iota(positions.begin(), positions.end(), 0);
        if (order == Order::DimensionMajor && m_result.channelNames.empty()) {
            // Channel c = r·D + d: group by d, then by model r.
            const std::int64_t dims = std::max<std::int64_t>(1, m_result.dimsPerModel);
            std::stable_sort(positions.begin(), positions.end(), [&](std::int64_t a, std::int64_t b) {
                const auto ca = m_result.kept[static_cast<std::size_t>(a)], cb = m_result.kept[static_cast<std::size_t>(b)];
                return std::make_pair(ca % dims, ca / dims) < std::make_pair(cb % dims, cb / dims);
            });
        } else if (order == Order::DimensionMajor) {
            // With partitions (docs/design/information.md#partitions-as-channels): model dimensions grouped by d as above,
            // then partition channels grouped by partition name (the same partition of every run side by side).
            const std::int64_t dims = std::max<std::int64_t>(1, m_result.dimsPerModel);
            auto key = [&](std::int64_t c) {
                if (c < m_result.gaussianChannels)
                    return std::make_tuple(0, std::string(), c % dims, c / dims);
                const std::string& name = m_result.channelNames[static_cast<std::size_t>(c)];
                return std::make_tuple(1, name.substr(name.rfind('/') + 1), std::int64_t(0), c);
            };
            std::stable_sort(positions.begin(), positions.end(), [&](std::int64_t a, std::int64_t b) {
                return key(m_result.kept[static_cast<std::size_t>(a)]) < key(m_result.kept[static_cast<std::size_t>(b)]);
            });
        }
    }
    m_keptIndex = positions;
    for (const auto p : positions)
        m_channels.push_back(m_result.kept.at(static_cast<std::size_t>(p)));
}

double SimilarityHeatmapData::nmi(int i, int j) const
{
    return m_result.nmi(m_channels.at(static_cast<std::size_t>(i)), m_channels.at(static_cast<std::size_t>(j)));
}

double SimilarityHeatmapData::vi(int i, int j) const
{
    return m_result.vi(m_channels.at(static_cast<std::size_t>(i)), m_channels.at(static_cast<std::size_t>(j)));
}

double SimilarityHeatmapData::value(int i, int j) const { return m_measure == Measure::Nmi ? nmi(i, j) : std::exp(-std::max(0.0, vi(i, j))); }

double SimilarityHeatmapData::reachability(int i) const
{
    return m_result.optics.reachability.at(static_cast<std::size_t>(m_keptIndex.at(static_cast<std::size_t>(i))));
}

std::int64_t SimilarityHeatmapData::hotspot(int i) const
{
    return m_result.optics.labels.at(static_cast<std::size_t>(m_keptIndex.at(static_cast<std::size_t>(i))));
}

double SimilarityHeatmapData::channelInfo(int i) const
{
    return m_result.channelInfo.at(static_cast<std::size_t>(m_channels.at(static_cast<std::size_t>(i))));
}

bool SimilarityHeatmapData::isPartition(int i) const { return m_channels.at(static_cast<std::size_t>(i)) >= m_result.gaussianChannels; }

QString SimilarityHeatmapData::modelOf(std::int64_t c) const
{
    if (c >= m_result.gaussianChannels && c < static_cast<std::int64_t>(m_result.channelNames.size())) {
        const std::string& name = m_result.channelNames[static_cast<std::size_t>(c)];
        return QString::fromStdString(name.substr(0, name.rfind('/')));
    }
    const auto model = c / std::max<std::int64_t>(1, m_result.dimsPerModel);
    return QStringLiteral("model %1").arg(model);
}

QString SimilarityHeatmapData::channelName(int i) const
{
    const std::int64_t c = m_channels.at(static_cast<std::size_t>(i));
    if (c < static_cast<std::int64_t>(m_result.channelNames.size()) && c >= m_result.gaussianChannels) // "mae-s1/shape"
        return QString::fromStdString(m_result.channelNames[static_cast<std::size_t>(c)]);
    const std::int64_t dims = std::max<std::int64_t>(1, m_result.dimsPerModel);
    const auto model = static_cast<std::size_t>(c / dims);
    const QString name =
        model < m_result.modelNames.size() ? QString::fromStdString(m_result.modelNames[model]) : QStringLiteral("model %1").arg(model);
    return QStringLiteral("%1 / dim %2").arg(name).arg(c % dims);
}

QString SimilarityHeatmapData::factorName(int k) const
{
    return k >= 0 && k < static_cast<int>(m_result.factorNames.size()) ? QString::fromStdString(m_result.factorNames[static_cast<std::size_t>(k)])
                                                                       : QStringLiteral("factor %1").arg(k);
}

double SimilarityHeatmapData::labelNmi(int i, int k) const { return m_result.labelNmi(m_channels.at(static_cast<std::size_t>(i)), k); }

std::vector<std::pair<std::int64_t, std::vector<int>>> SimilarityHeatmapData::hotspots() const
{
    std::map<std::int64_t, std::vector<int>> byLabel;
    for (int i = 0; i < size(); ++i)
        if (hotspot(i) >= 0)
            byLabel[hotspot(i)].push_back(i);
    return {byLabel.begin(), byLabel.end()};
}

int SimilarityHeatmapData::dominantFactor(const std::vector<int>& members) const
{
    int best = -1;
    double bestMean = -std::numeric_limits<double>::infinity();
    for (int k = 0; k < factorCount(); ++k) {
        double sum = 0;
        for (const int i : members)
            sum += labelNmi(i, k);
        const double mean = members.empty() ? 0 : sum / static_cast<double>(members.size());
        if (mean > bestMean) {
            bestMean = mean;
            best = k;
        }
    }
    return best;
}

QString SimilarityHeatmapData::measureName(Measure m) { return m == Measure::Nmi ? QStringLiteral("NMI") : QStringLiteral("exp(-VI)"); }

QString SimilarityHeatmapData::orderName(Order o)
{
    switch (o) {
    case Order::Optics: return QStringLiteral("OPTICS order");
    case Order::Channel: return QStringLiteral("channel order (model-major)");
    case Order::DimensionMajor: return QStringLiteral("dimension-major order");
    }
    return {};
}

bool SimilarityHeatmapData::parseMeasure(const QString& text, Measure* out)
{
    if (text == QLatin1String("nmi"))
        *out = Measure::Nmi;
    else if (text == QLatin1String("exp-vi"))
        *out = Measure::ExpNegVi;
    else
        return false;
    return true;
}

bool SimilarityHeatmapData::parseOrder(const QString& text, Order* out)
{
    if (text == QLatin1String("optics"))
        *out = Order::Optics;
    else if (text == QLatin1String("channel"))
        *out = Order::Channel;
    else if (text == QLatin1String("dim"))
        *out = Order::DimensionMajor;
    else
        return false;
    return true;
}

QString SimilarityHeatmapData::toCsv() const
{
    auto number = [](double v) { return std::isinf(v) ? QStringLiteral("inf") : QString::number(v, 'g', 17); };
    auto quoted = [](const QString& s) { return QLatin1Char('"') + QString(s).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"'); };
    QStringList header{QStringLiteral("channel")};
    for (int j = 0; j < size(); ++j)
        header << quoted(channelName(j));
    for (int k = 0; k < factorCount(); ++k)
        header << quoted(QStringLiteral("label_nmi:") + factorName(k));
    header << QStringLiteral("channel_index") << QStringLiteral("info_bits") << QStringLiteral("reachability") << QStringLiteral("hotspot");
    QString csv = QStringLiteral("# %1 in %2\n").arg(measureName(m_measure), orderName(m_order));
    csv += header.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (int i = 0; i < size(); ++i) {
        QStringList row{quoted(channelName(i))};
        for (int j = 0; j < size(); ++j)
            row << number(value(i, j));
        for (int k = 0; k < factorCount(); ++k)
            row << number(labelNmi(i, k));
        row << QString::number(m_channels[static_cast<std::size_t>(i)]) << number(channelInfo(i)) << number(reachability(i))
            << QString::number(hotspot(i));
        csv += row.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return csv;
}

} // namespace latentlab::gui
