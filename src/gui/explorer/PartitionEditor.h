#pragma once
#include "gui/explorer/ExplorerModelInfo.h"

#include "explorer/LatentExplorer.h"

#include <QWidget>

class QComboBox;
class QGroupBox;
class QLabel;
class QListWidget;
class QSlider;

namespace latentlab::gui {

/// Editor of the partition in focus: the list of its factor values (prior components) with their
/// probabilities, to pick one; one slider per dimension with its value; and the slider range mode
/// (current component ± 2σ, all components ± 2σ, data min–max, fixed −3…3).
///
/// While a slider is held, its range and position are frozen: a range that follows the code's
/// classification must not move under the user's hand.
class PartitionEditor : public QWidget {
    Q_OBJECT
public:
    static constexpr int kSliderSteps = 1000;

    explicit PartitionEditor(QWidget* parent = nullptr);

    void setModel(const ExplorerModelInfo& model);
    /// Shows partition `p` of `code`, its classification and the dimension ranges.
    void showPartition(int p, const train::LatentCode& code, const train::PartitionClassification* classes,
                       const std::vector<train::SliderRange>& ranges);
    train::SliderRangeMode rangeMode() const;
    void setRangeMode(train::SliderRangeMode mode);
    /// Enables the data min–max mode (after the run's data file loaded).
    void setDataRangeAvailable(bool available);
    int dimensionCount() const;
    QSlider* slider(int dim) const;
    /// The value slider `dim` stands for at `position` in the current range.
    float valueAt(int dim, int position) const;
    /// The dimension ↑/↓ select and Space plays (shown in bold).
    int selectedDimension() const { return m_selected; }
    void setSelectedDimension(int dim);

Q_SIGNALS:
    /// A slider moved; `dragId` is the same for every move of one press-drag-release (undo merging).
    void dimensionEdited(int partition, int dim, float value, int dragId);
    void componentPicked(int partition, int component);
    void rangeModeChanged();
    void resetRequested();

private:
    void rebuildSliders(int dims);

    QGroupBox* m_box = nullptr;
    QLabel* m_valuesLabel = nullptr;
    QListWidget* m_values = nullptr;
    QComboBox* m_mode = nullptr;
    QWidget* m_sliderArea = nullptr;
    QList<QSlider*> m_sliders;
    QList<QLabel*> m_valueLabels;
    std::vector<train::SliderRange> m_ranges;
    ExplorerModelInfo m_model;
    int m_partition = -1;
    int m_dragId = 0;
    int m_selected = 0;
    bool m_updating = false;
};

} // namespace latentlab::gui
