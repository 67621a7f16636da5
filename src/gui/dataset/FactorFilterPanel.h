#pragma once
#include "gui/common/FactorValueText.h"

#include "data/DatasetLayout.h"
#include "data/DatasetVersion.h"
#include "data/FactorSpace.h"

#include <QWidget>

#include <cstdint>
#include <vector>

class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QPushButton;

namespace latentlab::gui {

/// Contents of the "Factors" dock: the dataset version selector ("All rows" or a catalog version of
/// the file's layout), one class filter per raw factor ("Any" or one class) and the "N of M images"
/// count. It only reports choices; DatasetBrowserPage applies them to the grid.
class FactorFilterPanel : public QWidget {
    Q_OBJECT
public:
    explicit FactorFilterPanel(QWidget* parent = nullptr);

    /// Rebuilds the selectors for a newly loaded dataset; the version returns to "All rows" and every
    /// filter to "Any" without emitting signals.
    void setDataset(data::DatasetLayout layout, const data::FactorSpace& factors, const FactorValueText& values);
    /// Empties the panel (no dataset).
    void clear();

    /// The selected version, or null for "All rows". Points into the built-in catalog (static).
    const data::DatasetVersion* currentVersion() const;
    /// Selects a version by name ("" = All rows). Returns false when the layout has no such version.
    bool selectVersion(const QString& name);
    /// Per raw factor the required class, -1 for "Any".
    std::vector<std::int64_t> requiredClasses() const;
    /// Sets the filter of raw factor `factor` to class `cls` (-1 = Any). Returns false when out of range.
    bool setRequiredClass(int factor, std::int64_t cls);

    /// Updates the "N of M images" line; `fileRows` > `loadedRows` when only a sample was loaded.
    void setCounts(std::int64_t shown, std::int64_t loadedRows, std::int64_t fileRows);

public Q_SLOTS:
    /// Every raw factor filter back to "Any" (one filterChanged() at the end).
    void resetFilters();

Q_SIGNALS:
    /// The version changed (null = All rows). filterChanged() is not emitted in addition.
    void versionChanged(const latentlab::data::DatasetVersion* version);
    /// A raw factor filter changed.
    void filterChanged();

private:
    void onVersionIndexChanged(int index);

    QComboBox* m_versionCombo = nullptr;
    QLabel* m_versionDescription = nullptr;
    QGroupBox* m_factorGroup = nullptr;
    QFormLayout* m_factorForm = nullptr;
    QPushButton* m_resetButton = nullptr;
    QLabel* m_countLabel = nullptr;
    std::vector<QComboBox*> m_factorCombos;
    std::vector<const data::DatasetVersion*> m_versions; ///< index i+1 of the combo; 0 is "All rows"
    bool m_resetting = false;
};

} // namespace latentlab::gui
