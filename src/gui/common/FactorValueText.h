#pragma once
#include "data/DatasetLayout.h"
#include "data/FactorSpace.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace latentlab::gui {

/// Human-readable names for the raw factor classes of a layout: "ellipse" rather than 2.0, "46°"
/// rather than 0.806 rad. Names come from the version catalog wherever a version labels every class
/// of a raw factor one to one (shapes, hues); other factors show their grid value.
class FactorValueText {
public:
    FactorValueText() = default;
    FactorValueText(data::DatasetLayout layout, const data::FactorSpace& space);

    /// "ellipse", "46°", "0.60"; an empty string for an unknown factor or class.
    QString valueText(std::size_t factor, std::int64_t cls) const;
    /// "class 2 · ellipse", the text of a filter entry.
    QString classText(std::size_t factor, std::int64_t cls) const;
    /// The factor's name as in the file ("posX").
    QString factorName(std::size_t factor) const;

private:
    std::vector<QString> m_names;
    std::vector<QStringList> m_values; ///< m_values[factor][class]
};

} // namespace latentlab::gui
