#pragma once
#include "gui/explorer/ExplorerModelInfo.h"

#include "explorer/LatentExplorer.h"
#include "explorer/LatentMap.h"

#include <QImage>
#include <QWidget>

#include <memory>

class QComboBox;
class QCustomPlot;
class QLabel;

namespace latentlab::gui {

class ExplorerEngine;

/// The explorer's "Latent Map" tab (docs/design/matrices-and-maps.md#latent-map): the test codes of the partition
/// in focus projected to 2-D (PCA or LDA), coloured by their true value, the prior's components as
/// ellipses, a relation's arrows, and the current code as a marker that follows every edit. The map is
/// built by the ExplorerEngine's worker (never on the GUI thread) when the tab is on view and its
/// partition, projection or relation changes; moving the marker is a projection of one code here.
/// Hovering a point shows that test image (fetched by the worker) and its value.
class LatentMapView : public QWidget {
    Q_OBJECT
public:
    explicit LatentMapView(QWidget* parent = nullptr);

    void setEngine(ExplorerEngine* engine);
    void setModel(const ExplorerModelInfo& info);
    /// The explorer's code and partition in focus: moves the marker; another partition rebuilds the map.
    void setCode(const train::LatentCode& code, int partition);
    /// Builds only while on view: a hidden map costs nothing.
    void setActive(bool active);
    void setProjection(train::LatentProjection::Method method);
    /// A relation of the partition on view, or empty for no arrows.
    void setRelation(const QString& relation);

    bool hasMap() const { return m_map != nullptr; }
    const train::LatentMap& map() const { return *m_map; }
    QCustomPlot* plot() const { return m_plot; }
    /// The marker's map coordinates (NaN before a map and a code).
    QPointF markerPosition() const;
    QString hoverText() const { return m_hoverText; }
    QString message() const;
    /// PNG/SVG/PDF of the map or its CSV, by suffix; empty on success, else the sentence.
    QString exportTo(const QString& path);
    static QSize exportSize() { return {900, 700}; }

Q_SIGNALS:
    /// A map reached the screen (its build time included in `milliseconds`, from request to paint).
    void mapShown(qint64 milliseconds);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void requestMap();
    void placeMarker();
    void fillRelations();

    ExplorerEngine* m_engine = nullptr;
    ExplorerModelInfo m_info;
    QComboBox* m_projection = nullptr;
    QComboBox* m_relation = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_thumbnail = nullptr;
    QCustomPlot* m_plot = nullptr;
    std::shared_ptr<const train::LatentMap> m_map;
    train::LatentCode m_code;
    int m_partition = 0;
    bool m_active = false;
    bool m_stale = true;        ///< the map on view is not the one the controls ask for
    quint64 m_request = 0;      ///< the newest map asked of the engine
    qint64 m_requestedAt = 0;   ///< ms since epoch when it was asked
    qint64 m_hoveredIndex = -1; ///< the test image whose thumbnail is wanted
    QString m_hoverText;
};

} // namespace latentlab::gui
