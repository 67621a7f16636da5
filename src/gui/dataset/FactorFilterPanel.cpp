#include "gui/dataset/FactorFilterPanel.h"

#include "data/DatasetVersionCatalog.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace latentlab::gui {

FactorFilterPanel::FactorFilterPanel(QWidget* parent)
    : QWidget(parent),
      m_versionCombo(new QComboBox(this)),
      m_versionDescription(new QLabel(this)),
      m_resetButton(new QPushButton(tr("Show all classes"), this)),
      m_countLabel(new QLabel(this))
{
    auto* layout = new QVBoxLayout(this);

    auto* versionLabel = new QLabel(tr("&Version:"), this);
    versionLabel->setBuddy(m_versionCombo);
    m_versionCombo->setToolTip(tr("A dataset version keeps only the rows of its relevant factor values "
                                  "(DatasetVersion::selectRows); its relations are listed under Relations."));
    m_versionDescription->setWordWrap(true);
    m_versionDescription->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(versionLabel);
    layout->addWidget(m_versionCombo);
    layout->addWidget(m_versionDescription);

    m_factorGroup = new QGroupBox(tr("Raw factors"), this);
    m_factorForm = new QFormLayout(m_factorGroup);
    m_factorForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addWidget(m_factorGroup);

    m_resetButton->setToolTip(tr("Set every raw factor filter back to Any."));
    layout->addWidget(m_resetButton);

    QFont bold = m_countLabel->font();
    bold.setBold(true);
    m_countLabel->setFont(bold);
    m_countLabel->setWordWrap(true);
    layout->addWidget(m_countLabel);
    layout->addStretch(1);

    connect(m_versionCombo, &QComboBox::currentIndexChanged, this, &FactorFilterPanel::onVersionIndexChanged);
    connect(m_resetButton, &QPushButton::clicked, this, &FactorFilterPanel::resetFilters);
    clear();
}

void FactorFilterPanel::clear()
{
    const QSignalBlocker blocker(m_versionCombo);
    m_versionCombo->clear();
    m_versionCombo->addItem(tr("All rows"));
    m_versionCombo->setEnabled(false);
    m_versions.clear();
    m_versionDescription->setText(tr("No dataset is open."));
    while (m_factorForm->rowCount() > 0)
        m_factorForm->removeRow(0);
    m_factorCombos.clear();
    // Without a dataset there is nothing to filter: hide the empty frame rather than show it.
    m_factorGroup->hide();
    m_resetButton->hide();
    m_countLabel->clear();
}

void FactorFilterPanel::setDataset(data::DatasetLayout layout, const data::FactorSpace& factors, const FactorValueText& values)
{
    clear();
    {
        const QSignalBlocker blocker(m_versionCombo);
        m_versions = data::DatasetVersionCatalog::builtin().versionsFor(layout);
        for (const data::DatasetVersion* version : m_versions) {
            m_versionCombo->addItem(QString::fromStdString(version->name));
            m_versionCombo->setItemData(m_versionCombo->count() - 1, QString::fromStdString(version->description), Qt::ToolTipRole);
        }
        m_versionCombo->setCurrentIndex(0);
        m_versionCombo->setEnabled(!m_versions.empty());
    }
    m_versionDescription->setText(tr("Every row of the file, no version applied."));

    for (std::size_t k = 0; k < factors.numFactors(); ++k) {
        auto* combo = new QComboBox(this);
        combo->addItem(tr("Any"), qint64(-1));
        for (std::int64_t c = 0; c < factors.size(k); ++c)
            combo->addItem(values.classText(k, c), qint64(c));
        // A factor with one class (dSprites colour) cannot filter anything.
        combo->setEnabled(factors.size(k) > 1);
        combo->setToolTip(tr("Show only images whose %1 has this class (%2 classes).").arg(values.factorName(k)).arg(factors.size(k)));
        connect(combo, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_resetting)
                Q_EMIT filterChanged();
        });
        m_factorForm->addRow(values.factorName(k) + QLatin1Char(':'), combo);
        m_factorCombos.push_back(combo);
    }
    m_factorGroup->show();
    m_resetButton->show();
}

const data::DatasetVersion* FactorFilterPanel::currentVersion() const
{
    const int index = m_versionCombo->currentIndex();
    if (index <= 0 || index > static_cast<int>(m_versions.size()))
        return nullptr;
    return m_versions[static_cast<std::size_t>(index - 1)];
}

bool FactorFilterPanel::selectVersion(const QString& name)
{
    if (name.isEmpty()) {
        m_versionCombo->setCurrentIndex(0);
        return true;
    }
    for (std::size_t i = 0; i < m_versions.size(); ++i) {
        if (QString::fromStdString(m_versions[i]->name) == name) {
            m_versionCombo->setCurrentIndex(static_cast<int>(i) + 1);
            return true;
        }
    }
    return false;
}

std::vector<std::int64_t> FactorFilterPanel::requiredClasses() const
{
    std::vector<std::int64_t> required;
    for (const QComboBox* combo : m_factorCombos)
        required.push_back(combo->currentData().toLongLong());
    return required;
}

bool FactorFilterPanel::setRequiredClass(int factor, std::int64_t cls)
{
    if (factor < 0 || factor >= static_cast<int>(m_factorCombos.size()))
        return false;
    QComboBox* combo = m_factorCombos[static_cast<std::size_t>(factor)];
    const int index = combo->findData(qint64(cls));
    if (index < 0)
        return false;
    combo->setCurrentIndex(index);
    return true;
}

void FactorFilterPanel::resetFilters()
{
    bool changed = false;
    m_resetting = true;
    for (QComboBox* combo : m_factorCombos) {
        changed = changed || combo->currentIndex() != 0;
        combo->setCurrentIndex(0);
    }
    m_resetting = false;
    if (changed)
        Q_EMIT filterChanged();
}

void FactorFilterPanel::setCounts(std::int64_t shown, std::int64_t loadedRows, std::int64_t fileRows)
{
    QString text = tr("%L1 of %L2 images").arg(shown).arg(loadedRows);
    if (fileRows > loadedRows)
        text += QLatin1Char('\n') + tr("(%L1 rows loaded as a random sample of the file's %L2)").arg(loadedRows).arg(fileRows);
    m_countLabel->setText(text);
}

void FactorFilterPanel::onVersionIndexChanged(int)
{
    const data::DatasetVersion* version = currentVersion();
    if (version) {
        m_versionDescription->setText(QString::fromStdString(version->description));
    } else {
        m_versionDescription->setText(tr("Every row of the file, no version applied."));
    }
    Q_EMIT versionChanged(version);
}

} // namespace latentlab::gui
