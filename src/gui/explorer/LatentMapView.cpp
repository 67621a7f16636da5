#include "gui/explorer/LatentMapView.h"

#include "gui/common/FigureExporter.h"
#include "gui/common/PlotTheme.h"
#include "gui/common/QCustomPlotWrapper.h"
#include "gui/explorer/ExplorerEngine.h"
#include "gui/explorer/LatentMapFigure.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QVBoxLayout>

#include <cmath>

namespace latentlab::gui {

LatentMapView::LatentMapView(QWidget* parent)
    : QWidget(parent),
      m_projection(new QComboBox(this)),
      m_relation(new QComboBox(this)),
      m_status(new QLabel(this)),
      m_thumbnail(new QLabel(this)),
      m_plot(new QCustomPlot(this))
{
    m_projection->setObjectName(QStringLiteral("mapProjection"));
    m_projection->addItem(tr("PCA"), static_cast<int>(train::LatentProjection::Method::Pca));
    m_projection->addItem(tr("LDA"), static_cast<int>(train::LatentProjection::Method::Lda));
    m_projection->setToolTip(tr("PCA: the directions of largest variance. LDA: the directions that best separate the true values (Fisher)."));
    m_relation->setObjectName(QStringLiteral("mapRelation"));
    m_relation->setToolTip(tr("Arrows from sampled test codes to what the relational learner makes of them"));
    m_status->setObjectName(QStringLiteral("mapStatus"));
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // a long sentence is cut, not widening the tab
    m_thumbnail->setObjectName(QStringLiteral("mapThumbnail"));
    m_thumbnail->setFixedSize(56, 56);
    m_thumbnail->setFrameShape(QFrame::StyledPanel);
    m_thumbnail->setAlignment(Qt::AlignCenter);
    m_thumbnail->setToolTip(tr("The test image under the mouse"));
    m_plot->setObjectName(QStringLiteral("latentMapPlot"));
    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);
    m_projection->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_relation->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    // Controls and the hover line on the left of the thumbnail, the plot below taking the height.
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Projection:"), this));
    controls->addWidget(m_projection);
    controls->addWidget(new QLabel(tr("Arrows:"), this));
    controls->addWidget(m_relation);
    controls->addStretch(1);
    auto* left = new QVBoxLayout;
    left->addLayout(controls);
    left->addWidget(m_status);
    auto* top = new QHBoxLayout;
    top->addLayout(left, 1);
    top->addWidget(m_thumbnail);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(top);
    layout->addWidget(m_plot, 1);
    m_plot->setMinimumHeight(160);
    connect(m_projection, &QComboBox::currentIndexChanged, this, [this] {
        m_stale = true;
        requestMap();
    });
    connect(m_relation, &QComboBox::currentIndexChanged, this, [this] {
        m_stale = true;
        requestMap();
    });
    m_status->setText(tr("Open a run to map its test codes."));
}

void LatentMapView::setEngine(ExplorerEngine* engine)
{
    m_engine = engine;
    connect(engine, &ExplorerEngine::latentMapBuilt, this, [this](quint64 request, std::shared_ptr<const train::LatentMap> map) {
        if (request != m_request)
            return; // overtaken by a newer request
        m_map = std::move(map);
        LatentMapFigure::build(m_plot, *m_map, LatentMapFigure::title(*m_map, QFileInfo(QDir::cleanPath(m_info.runDir)).fileName()));
        placeMarker();
        m_plot->replot();
        m_status->setText(tr("Hover a point for its test image. ⊗ marks the explorer's code; ellipses are the prior's components (2σ)."));
        Q_EMIT mapShown(QDateTime::currentMSecsSinceEpoch() - m_requestedAt);
    });
    connect(engine, &ExplorerEngine::latentMapFailed, this, [this](quint64 request, const QString& sentence) {
        if (request != m_request)
            return;
        m_map.reset();
        m_plot->clearPlottables();
        m_plot->clearItems();
        m_plot->replot();
        m_status->setText(sentence);
    });
    connect(engine, &ExplorerEngine::testImageReady, this, [this](qint64 index, const QImage& image) {
        if (index == m_hoveredIndex)
            m_thumbnail->setPixmap(QPixmap::fromImage(image.scaled(m_thumbnail->size() - QSize(4, 4), Qt::KeepAspectRatio, Qt::FastTransformation)));
    });
}

void LatentMapView::setModel(const ExplorerModelInfo& info)
{
    m_info = info;
    m_map.reset();
    m_partition = 0;
    m_code.clear();
    m_stale = true;
    fillRelations();
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_plot->replot();
    m_status->setText(tr("The map is drawn from the test codes once the run's data is read."));
}

void LatentMapView::fillRelations()
{
    const QSignalBlocker block(m_relation);
    const QString current = m_relation->currentData().toString();
    m_relation->clear();
    m_relation->addItem(tr("none"), QString());
    const QString partition =
        m_partition < static_cast<int>(m_info.partitions.size()) ? m_info.partitions[static_cast<std::size_t>(m_partition)].name : QString();
    for (int r = 0; r < m_info.relations.size(); ++r)
        if (m_info.relationPartitions.value(r) == partition)
            m_relation->addItem(m_info.relations[r], m_info.relations[r]);
    m_relation->setCurrentIndex(std::max(0, m_relation->findData(current)));
}

void LatentMapView::setCode(const train::LatentCode& code, int partition)
{
    m_code = code;
    if (partition != m_partition) {
        m_partition = partition;
        fillRelations();
        m_stale = true;
        requestMap();
        return;
    }
    if (m_stale)
        requestMap();
    if (m_map) {
        placeMarker();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void LatentMapView::setActive(bool active)
{
    m_active = active;
    requestMap();
}

void LatentMapView::setProjection(train::LatentProjection::Method method)
{
    m_projection->setCurrentIndex(m_projection->findData(static_cast<int>(method)));
}

void LatentMapView::setRelation(const QString& relation) { m_relation->setCurrentIndex(std::max(0, m_relation->findData(relation))); }

void LatentMapView::requestMap()
{
    if (!m_active || !m_stale || !m_engine || m_info.partitions.empty() || m_code.empty())
        return;
    train::LatentMap::Options options;
    options.partition = m_partition;
    options.method = static_cast<train::LatentProjection::Method>(m_projection->currentData().toInt());
    options.relation = m_relation->currentData().toString().toStdString();
    m_stale = false;
    m_requestedAt = QDateTime::currentMSecsSinceEpoch();
    m_request = m_engine->buildLatentMap(options);
    m_status->setText(tr("Projecting the test codes of %1…").arg(m_info.partitions[static_cast<std::size_t>(m_partition)].name));
}

void LatentMapView::placeMarker()
{
    if (!m_map || m_code.empty())
        return;
    const auto xy = m_map->place(m_code);
    LatentMapFigure::setMarker(m_plot, xy[0], xy[1]);
}

QPointF LatentMapView::markerPosition() const { return LatentMapFigure::marker(m_plot); }

QString LatentMapView::message() const { return m_status->text(); }

QString LatentMapView::exportTo(const QString& path)
{
    if (!m_map)
        return tr("There is no latent map to export yet; open a run and show the Latent Map tab.");
    return FigureExporter::save(m_plot, path, exportSize(),
                                QString::fromStdString(m_map->csv(QFileInfo(QDir::cleanPath(m_info.runDir)).fileName().toStdString())));
}

bool LatentMapView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_plot && m_map && event->type() == QEvent::MouseMove) {
        const auto* move = static_cast<QMouseEvent*>(event);
        const int i = LatentMapFigure::pointAt(m_plot, *m_map, move->position());
        if (i < 0) {
            m_hoverText.clear();
            m_hoveredIndex = -1;
        } else {
            const auto& p = m_map->points()[static_cast<std::size_t>(i)];
            const auto& name = m_map->components()[static_cast<std::size_t>(p.component)].name;
            m_hoverText =
                tr("Test image %1 · %2 %3").arg(p.testIndex).arg(QString::fromStdString(m_map->partitionName()), QString::fromStdString(name));
            if (p.testIndex != m_hoveredIndex && m_engine) {
                m_hoveredIndex = p.testIndex;
                m_engine->requestTestImage(p.testIndex);
            }
        }
        m_plot->setToolTip(m_hoverText);
        m_status->setText(m_hoverText.isEmpty()
                              ? tr("Hover a point for its test image. ⊗ marks the explorer's code; ellipses are the prior's components (2σ).")
                              : m_hoverText);
    }
    return QWidget::eventFilter(watched, event);
}

void LatentMapView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        PlotTheme::apply(m_plot, palette());
    QWidget::changeEvent(event);
}

} // namespace latentlab::gui
