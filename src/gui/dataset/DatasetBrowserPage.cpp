#include "gui/dataset/DatasetBrowserPage.h"

#include "data/DatasetKind.h"

#include "gui/common/FactorValueText.h"
#include "gui/dataset/DatasetImageModel.h"
#include "gui/dataset/FactorFilterPanel.h"
#include "gui/dataset/FactorHistogramPlot.h"
#include "gui/dataset/ImageGridView.h"
#include "gui/dataset/RelationsPanel.h"
#include "gui/dataset/RowFilter.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <initializer_list>

namespace latentlab::gui {

namespace {

QString layoutTitle(data::DatasetLayout layout) { return QString::fromStdString(data::DatasetKind::of(layout).title); }

} // namespace

DatasetBrowserPage::DatasetBrowserPage(QWidget* parent) : QWidget(parent), m_model(new DatasetImageModel(this))
{
    setObjectName(QStringLiteral("DatasetBrowserPage"));
    // An empty-state page until a dataset is shown, then the image grid.
    m_stack = new QStackedWidget(this);
    m_emptyPage = createEmptyPage();
    m_grid = new ImageGridView(m_stack);
    m_grid->setModel(m_model);
    m_stack->addWidget(m_emptyPage);
    m_stack->addWidget(m_grid);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    // Shown in the main window's docks, which take them over (see the destructor).
    m_filterPanel = new FactorFilterPanel;
    m_histograms = new FactorHistogramPlot;
    m_relations = new RelationsPanel;

    connect(m_grid, &ImageGridView::zoomChanged, this, &DatasetBrowserPage::zoomChanged);
    connect(m_filterPanel, &FactorFilterPanel::versionChanged, this, &DatasetBrowserPage::onVersionChanged);
    connect(m_filterPanel, &FactorFilterPanel::filterChanged, this, &DatasetBrowserPage::updateShownRows);
}

DatasetBrowserPage::~DatasetBrowserPage()
{
    // Panels that no dock took over (a page on its own, as in tests) are still the page's.
    for (QWidget* panel : std::initializer_list<QWidget*>{m_filterPanel, m_histograms, m_relations})
        if (panel && !panel->parent())
            delete panel;
}

QWidget* DatasetBrowserPage::createEmptyPage()
{
    auto* page = new QWidget(m_stack);
    auto* layout = new QVBoxLayout(page);
    auto* hint = new QLabel(tr("<h3>No dataset open</h3>"
                               "<p>Open a dSprites or 3D Shapes HDF5 file (Ctrl+O), drop one on this window, "
                               "or generate one (Ctrl+G).</p>"),
                            page);
    hint->setAlignment(Qt::AlignCenter);
    hint->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    auto* openButton = new QPushButton(tr("Open Dataset…"), page);
    auto* generateButton = new QPushButton(tr("Generate Dataset…"), page);
    buttons->addStretch(1);
    buttons->addWidget(openButton);
    buttons->addWidget(generateButton);
    buttons->addStretch(1);
    layout->addStretch(1);
    layout->addWidget(hint);
    layout->addLayout(buttons);
    layout->addStretch(2);
    connect(openButton, &QPushButton::clicked, this, &DatasetBrowserPage::openRequested);
    connect(generateButton, &QPushButton::clicked, this, &DatasetBrowserPage::generateRequested);
    return page;
}

void DatasetBrowserPage::setStartPage(QWidget* start)
{
    auto* layout = static_cast<QVBoxLayout*>(m_emptyPage->layout());
    start->setParent(m_emptyPage);
    layout->insertWidget(layout->count() - 1, start); // above the bottom stretch
}

// ---- dataset ---------------------------------------------------------------------------------

void DatasetBrowserPage::applyDataset(const LoadedDataset& dataset, const QString& path)
{
    m_dataset = dataset;
    m_currentPath = path;
    const data::ImageDataset& images = *m_dataset.images;
    const FactorValueText values(images.layout, images.factors);

    m_model->setDataset(m_dataset.images, values);
    m_grid->setImageSize(QSize(images.width, images.height));
    m_filterPanel->setDataset(images.layout, images.factors, values);
    m_histograms->setFactors(images.layout, images.factors, values);
    m_relations->setVersion(nullptr);
    m_versionRows = RowFilter::versionRows(images, nullptr);
    updateShownRows();
    m_grid->scrollToTop();
    m_stack->setCurrentWidget(m_grid);
    // A file our generator rendered for a version opens with that version (and its relations) active.
    if (!m_dataset.info.generatedVersion.empty())
        m_filterPanel->selectVersion(QString::fromStdString(m_dataset.info.generatedVersion));

    const QString name = QFileInfo(path).fileName();
    if (m_dataset.sampled)
        Q_EMIT statusMessage(tr("Opened %1: %2.").arg(name, sampleDescription()));
    else
        Q_EMIT statusMessage(tr("Opened %1: %L2 images.").arg(name).arg(m_dataset.loadedRows()));
}

QString DatasetBrowserPage::summary() const
{
    if (!m_dataset.images)
        return {};
    const data::DatasetLayout layout = m_dataset.images->layout;
    if (!m_dataset.sampled)
        return tr("%1 · %L2 rows").arg(layoutTitle(layout)).arg(m_dataset.loadedRows());
    return tr("%1 · %2").arg(layoutTitle(layout), sampleDescription());
}

QString DatasetBrowserPage::sampleDescription() const
{
    return tr("showing %1 of %2 rows (random sample, seed %3)").arg(m_dataset.loadedRows()).arg(m_dataset.fileRows()).arg(m_dataset.sampleSeed);
}

void DatasetBrowserPage::onVersionChanged(const data::DatasetVersion* version)
{
    if (!m_dataset.images)
        return;
    m_versionRows = RowFilter::versionRows(*m_dataset.images, version);
    m_model->setVersion(version);
    m_relations->setVersion(version);
    updateShownRows();
    if (!version)
        Q_EMIT statusMessage(tr("All %L1 loaded rows, no version applied.").arg(m_dataset.loadedRows()));
    else if (m_versionRows.empty())
        Q_EMIT statusMessage(tr("No loaded row belongs to %1; this file was made for another version.").arg(QString::fromStdString(version->name)));
    else
        Q_EMIT statusMessage(tr("%1 keeps %L2 of the %L3 loaded rows and has %4 relations.")
                                 .arg(QString::fromStdString(version->name))
                                 .arg(m_versionRows.size())
                                 .arg(m_dataset.loadedRows())
                                 .arg(version->relations.size()));
}

void DatasetBrowserPage::updateShownRows()
{
    if (!m_dataset.images)
        return;
    const data::ImageDataset& images = *m_dataset.images;
    std::vector<std::int64_t> rows = RowFilter::matching(images, m_versionRows, m_filterPanel->requiredClasses());
    const auto shown = static_cast<std::int64_t>(rows.size());
    m_histograms->setCounts(RowFilter::classCounts(images, rows), shown);
    m_model->setRows(std::move(rows));
    m_filterPanel->setCounts(shown, m_dataset.loadedRows(), m_dataset.fileRows());
}

// ---- queries and filters ---------------------------------------------------------------------

int DatasetBrowserPage::shownImageCount() const { return m_model->rowCount(); }

int DatasetBrowserPage::loadedImageCount() const { return static_cast<int>(m_dataset.loadedRows()); }

qint64 DatasetBrowserPage::fileRowCount() const { return m_dataset.fileRows(); }

bool DatasetBrowserPage::selectVersion(const QString& name) { return m_dataset.images && m_filterPanel->selectVersion(name); }

bool DatasetBrowserPage::setFactorFilter(const QString& factor, int cls)
{
    if (!m_dataset.images)
        return false;
    const int k = m_dataset.images->factors.indexOf(factor.toStdString());
    return k >= 0 && m_filterPanel->setRequiredClass(k, cls);
}

FactorFilterPanel* DatasetBrowserPage::filterPanel() const { return m_filterPanel; }

FactorHistogramPlot* DatasetBrowserPage::histogramPlot() const { return m_histograms; }

RelationsPanel* DatasetBrowserPage::relationsPanel() const { return m_relations; }

// ---- zoom ------------------------------------------------------------------------------------

int DatasetBrowserPage::zoom() const { return m_grid->zoom(); }

void DatasetBrowserPage::setZoom(int zoom) { m_grid->setZoom(zoom); }

void DatasetBrowserPage::zoomIn() { m_grid->zoomIn(); }

void DatasetBrowserPage::zoomOut() { m_grid->zoomOut(); }

void DatasetBrowserPage::zoomToFit() { m_grid->zoomToFit(); }

} // namespace latentlab::gui
