#include "gui/explorer/PartitionEditor.h"

#include <QComboBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace latentlab::gui {

PartitionEditor::PartitionEditor(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_box = new QGroupBox(tr("Partition"), this);
    auto* boxLayout = new QVBoxLayout(m_box);

    // The labels wrap and the title stays short: with presenter fonts at 1280×800 the column must not
    // need sideways scrolling.
    m_valuesLabel = new QLabel(tr("Factor value (click to set the partition to its prior mean):"), m_box);
    m_valuesLabel->setWordWrap(true);
    boxLayout->addWidget(m_valuesLabel);
    m_values = new QListWidget(m_box);
    m_values->setFocusPolicy(Qt::NoFocus);
    m_values->setMaximumHeight(150);
    m_values->setWordWrap(true); // long combination values wrap in a narrow column instead of scrolling it
    m_values->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    boxLayout->addWidget(m_values);

    auto* modeRow = new QHBoxLayout;
    modeRow->addWidget(new QLabel(tr("Slider range:"), m_box));
    m_mode = new QComboBox(m_box);
    m_mode->addItem(tr("Current value ± 2σ"), int(train::SliderRangeMode::PriorComponent));
    m_mode->addItem(tr("All values ± 2σ"), int(train::SliderRangeMode::PriorAll));
    m_mode->addItem(tr("Data min–max"), int(train::SliderRangeMode::DataMinMax));
    m_mode->addItem(tr("Fixed −3 … 3"), int(train::SliderRangeMode::Fixed));
    m_mode->setCurrentIndex(1);
    m_mode->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon); // shrinks (eliding) in a narrow column
    m_mode->setMinimumContentsLength(10);
    m_mode->setToolTip(tr("What the ends of the sliders stand for: the classified value's prior component ± 2σ, the envelope of "
                          "all values' components, the range of the test images' encodings, or a fixed interval."));
    modeRow->addWidget(m_mode, 1);
    boxLayout->addLayout(modeRow);

    m_sliderArea = new QWidget(m_box);
    new QGridLayout(m_sliderArea);
    boxLayout->addWidget(m_sliderArea);

    auto* reset = new QPushButton(tr("Reset code (R)"), m_box);
    reset->setToolTip(tr("Return to the code of the current sample and clear the relation chain (undoable)"));
    boxLayout->addWidget(reset, 0, Qt::AlignRight);
    layout->addWidget(m_box);

    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] { Q_EMIT rangeModeChanged(); });
    connect(reset, &QPushButton::clicked, this, &PartitionEditor::resetRequested);
    connect(m_values, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        if (!m_updating && m_partition >= 0)
            Q_EMIT componentPicked(m_partition, m_values->row(item));
    });
    setDataRangeAvailable(false);
}

void PartitionEditor::setModel(const ExplorerModelInfo& model)
{
    m_model = model;
    m_partition = -1;
    m_values->clear();
    // A plain VAE's prior has no factor values to pick (its one component is N(0, I)): the list says so, greyed.
    m_values->setEnabled(model.factorPrior);
    m_values->setToolTip(model.factorPrior ? QString()
                                           : tr("This model's manifest gives no partitions with priors (a plain VAE): its prior is N(0, I), "
                                                "so there are no factor values to classify or pick. The sliders move the code."));
    rebuildSliders(0);
}

void PartitionEditor::rebuildSliders(int dims)
{
    auto* grid = static_cast<QGridLayout*>(m_sliderArea->layout());
    while (QLayoutItem* item = grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_sliders.clear();
    m_valueLabels.clear();
    for (int d = 0; d < dims; ++d) {
        auto* name = new QLabel(tr("dim %1").arg(d + 1), m_sliderArea);
        auto* slider = new QSlider(Qt::Horizontal, m_sliderArea);
        slider->setRange(0, kSliderSteps);
        slider->setObjectName(QStringLiteral("dimSlider%1").arg(d));
        slider->setFocusPolicy(Qt::ClickFocus);
        auto* value = new QLabel(m_sliderArea);
        value->setMinimumWidth(value->fontMetrics().horizontalAdvance(QStringLiteral("−00.000")));
        value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        grid->addWidget(name, d, 0);
        grid->addWidget(slider, d, 1);
        grid->addWidget(value, d, 2);
        m_sliders << slider;
        m_valueLabels << value;
        connect(slider, &QSlider::sliderPressed, this, [this] { ++m_dragId; });
        connect(slider, &QSlider::valueChanged, this, [this, d](int position) {
            if (m_updating || m_partition < 0)
                return;
            const float v = valueAt(d, position);
            m_valueLabels[d]->setText(QString::number(v, 'f', 3));
            // Keyboard and wheel steps are single edits; a press-drag-release is one.
            const int drag = m_sliders[d]->isSliderDown() ? m_dragId : ++m_dragId;
            Q_EMIT dimensionEdited(m_partition, d, v, drag);
        });
    }
}

float PartitionEditor::valueAt(int dim, int position) const
{
    if (dim < 0 || dim >= static_cast<int>(m_ranges.size()))
        return 0.0f;
    const auto& r = m_ranges[static_cast<std::size_t>(dim)];
    return static_cast<float>(r.low + (r.high - r.low) * position / kSliderSteps);
}

void PartitionEditor::showPartition(int p, const train::LatentCode& code, const train::PartitionClassification* classes,
                                    const std::vector<train::SliderRange>& ranges)
{
    if (p < 0 || p >= static_cast<int>(m_model.partitions.size()))
        return;
    const auto& part = m_model.partitions[static_cast<std::size_t>(p)];
    m_updating = true;
    if (p != m_partition) {
        m_partition = p;
        m_box->setTitle(tr("Partition “%1”").arg(part.name));
        m_valuesLabel->setText((m_model.factorPrior ? tr("%1 values, code dims %2–%3. Click a value to set the partition to its prior mean:")
                                                    : tr("No factor values (%1 prior component, N(0, I)); code dims %2–%3:"))
                                   .arg(part.componentNames.size())
                                   .arg(part.offset + 1)
                                   .arg(part.offset + part.dim));
        m_valuesLabel->setToolTip(m_values->toolTip());
        m_values->clear();
        m_values->addItems(part.componentNames);
        rebuildSliders(part.dim);
        m_ranges.clear();
        setSelectedDimension(std::min(m_selected, part.dim - 1));
    }
    if (classes) {
        for (int v = 0; v < m_values->count(); ++v) {
            const double prob = v < static_cast<int>(classes->probabilities.size()) ? classes->probabilities[static_cast<std::size_t>(v)] : 0.0;
            QListWidgetItem* item = m_values->item(v);
            item->setText(tr("%1    p = %2").arg(part.componentNames.value(v)).arg(prob, 0, 'f', 3));
            item->setToolTip(item->text()); // combination values ("square, left, top") can be wider than the list
            QFont f = item->font();
            f.setBold(v == classes->component);
            item->setFont(f);
        }
        m_values->setCurrentRow(static_cast<int>(classes->component));
    }
    const bool dragging = std::any_of(m_sliders.begin(), m_sliders.end(), [](const QSlider* s) { return s->isSliderDown(); });
    if (!dragging && ranges.size() == static_cast<std::size_t>(part.dim))
        m_ranges = ranges;
    for (int d = 0; d < part.dim && d < m_sliders.size(); ++d) {
        const float v = code.at(static_cast<std::size_t>(part.offset + d));
        m_valueLabels[d]->setText(QString::number(v, 'f', 3));
        if (m_sliders[d]->isSliderDown() || d >= static_cast<int>(m_ranges.size()))
            continue;
        const auto& r = m_ranges[static_cast<std::size_t>(d)];
        const double t = r.high > r.low ? (v - r.low) / (r.high - r.low) : 0.5;
        m_sliders[d]->setValue(static_cast<int>(std::lround(std::clamp(t, 0.0, 1.0) * kSliderSteps)));
        m_sliders[d]->setToolTip(tr("dim %1: %2 (range %3 … %4)").arg(d + 1).arg(v, 0, 'f', 3).arg(r.low, 0, 'f', 2).arg(r.high, 0, 'f', 2));
    }
    m_updating = false;
}

train::SliderRangeMode PartitionEditor::rangeMode() const { return static_cast<train::SliderRangeMode>(m_mode->currentData().toInt()); }

void PartitionEditor::setRangeMode(train::SliderRangeMode mode)
{
    const int i = m_mode->findData(int(mode));
    if (i >= 0)
        m_mode->setCurrentIndex(i);
}

void PartitionEditor::setDataRangeAvailable(bool available)
{
    // QComboBox's default model is a QStandardItemModel: disable the item rather than remove it, so
    // users see the mode exists and why it is off.
    const int i = m_mode->findData(int(train::SliderRangeMode::DataMinMax));
    if (auto* model = qobject_cast<QStandardItemModel*>(m_mode->model()))
        model->item(i)->setEnabled(available);
    m_mode->setItemData(i, available ? tr("Range of the test images' encodings") : tr("Needs the run's data file"), Qt::ToolTipRole);
    if (!available && rangeMode() == train::SliderRangeMode::DataMinMax)
        setRangeMode(train::SliderRangeMode::PriorAll);
}

void PartitionEditor::setSelectedDimension(int dim)
{
    if (m_sliders.isEmpty())
        return;
    m_selected = ((dim % m_sliders.size()) + m_sliders.size()) % m_sliders.size();
    auto* grid = static_cast<QGridLayout*>(m_sliderArea->layout());
    for (int d = 0; d < m_sliders.size(); ++d)
        if (auto* name = qobject_cast<QLabel*>(grid->itemAtPosition(d, 0)->widget())) {
            QFont f = name->font();
            f.setBold(d == m_selected);
            name->setFont(f);
            name->setText(d == m_selected ? tr("▸ dim %1").arg(d + 1) : tr("dim %1").arg(d + 1));
        }
}

int PartitionEditor::dimensionCount() const { return static_cast<int>(m_sliders.size()); }

QSlider* PartitionEditor::slider(int dim) const { return m_sliders.value(dim); }

} // namespace latentlab::gui
