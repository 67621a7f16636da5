#include "gui/common/FactorValueText.h"

#include "data/DatasetKind.h"
#include "data/DatasetVersionCatalog.h"

#include <cmath>

namespace latentlab::gui {

namespace {

/// Labels of raw factor `name` when some version of the layout names each of its `numClasses`
/// classes by a singleton bin, in class order; empty otherwise.
QStringList catalogLabels(data::DatasetLayout layout, const std::string& name, std::int64_t numClasses)
{
    for (const data::DatasetVersion* version : data::DatasetVersionCatalog::builtin().versionsFor(layout)) {
        for (const data::VersionFactor& factor : version->factors) {
            if (factor.sources.size() != 1 || factor.sources.front().rawFactor != name)
                continue;
            const auto& source = factor.sources.front();
            if (static_cast<std::int64_t>(source.bins.size()) != numClasses || source.labels.size() != source.bins.size())
                continue;
            bool oneToOne = true;
            for (std::size_t b = 0; b < source.bins.size() && oneToOne; ++b)
                oneToOne = source.bins[b].size() == 1 && source.bins[b].front() == static_cast<std::int64_t>(b);
            if (!oneToOne)
                continue;
            QStringList labels;
            for (const std::string& label : source.labels)
                labels << QString::fromStdString(label);
            return labels;
        }
    }
    return {};
}

bool allIntegers(const std::vector<double>& values)
{
    for (const double v : values)
        if (std::abs(v - std::round(v)) > 1e-9)
            return false;
    return true;
}

} // namespace

FactorValueText::FactorValueText(data::DatasetLayout layout, const data::FactorSpace& space)
{
    for (std::size_t k = 0; k < space.numFactors(); ++k) {
        const std::string& name = space.name(k);
        const std::vector<double>& grid = space.values(k);
        m_names.push_back(QString::fromStdString(name));
        // The file's own class names first (the generic layout's factor_labels_K), then the catalogue's.
        QStringList labels;
        for (const std::string& label : space.valueLabels(k))
            labels << QString::fromStdString(label);
        if (labels.isEmpty())
            labels = catalogLabels(layout, name, space.size(k));
        if (labels.isEmpty()) {
            const bool integral = allIntegers(grid);
            for (const double v : grid) {
                if (name == "orientation") // dSprites stores radians, 3D Shapes degrees
                    labels << QStringLiteral("%1°").arg(data::DatasetKind::of(layout).orientationInRadians ? v * 180.0 / M_PI : v, 0, 'f', 0);
                else if (integral)
                    labels << QString::number(static_cast<long long>(std::llround(v)));
                else
                    labels << QString::number(v, 'f', 2);
            }
        }
        m_values.push_back(labels);
    }
}

QString FactorValueText::valueText(std::size_t factor, std::int64_t cls) const
{
    if (factor >= m_values.size() || cls < 0 || cls >= m_values[factor].size())
        return {};
    return m_values[factor].at(static_cast<int>(cls));
}

QString FactorValueText::classText(std::size_t factor, std::int64_t cls) const
{
    return QStringLiteral("%1 · %2").arg(cls).arg(valueText(factor, cls));
}

QString FactorValueText::factorName(std::size_t factor) const { return factor < m_names.size() ? m_names[factor] : QString(); }

} // namespace latentlab::gui
