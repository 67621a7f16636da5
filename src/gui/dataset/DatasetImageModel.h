#pragma once
#include "gui/common/FactorValueText.h"

#include "data/DatasetVersion.h"
#include "data/ImageDataset.h"

#include <QAbstractListModel>
#include <QImage>

#include <cstdint>
#include <memory>
#include <vector>

namespace latentlab::gui {

/// The images the grid shows: a list of rows of an in-memory ImageDataset (the filtered ones).
/// Each image becomes a QImage only when a view asks for it, so a filter that keeps 130 000 rows costs
/// one index vector, not 130 000 images (the view is virtualized and paints only what is visible).
class DatasetImageModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        FileRowRole = Qt::UserRole + 1, ///< qint64: the image's row in the file
        DatasetRowRole                  ///< qint64: the image's row in the loaded ImageDataset
    };

    explicit DatasetImageModel(QObject* parent = nullptr);

    /// Replaces the dataset and shows none of its rows until setRows(). `values` names the classes.
    void setDataset(std::shared_ptr<const data::ImageDataset> images, FactorValueText values);
    /// Drops the dataset (after a failed load of a new file the old one stays; this is for close).
    void clear();
    /// The rows of the dataset to show, in display order (indices into the ImageDataset).
    void setRows(std::vector<std::int64_t> rows);
    /// The active version, used only to name version factor values in tooltips; null for "All rows".
    void setVersion(const data::DatasetVersion* version);

    const data::ImageDataset* dataset() const { return m_images.get(); }
    const std::vector<std::int64_t>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    /// DecorationRole: the QImage at its stored size; ToolTipRole: file row and factor classes.
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    /// One image of `images` as a QImage: Grayscale8 scaled ×255 for dSprites (pixels 0/1), RGB888
    /// for 3D Shapes. The QImage owns a copy of the pixels.
    static QImage toQImage(const data::ImageDataset& images, std::int64_t datasetRow);

private:
    QString toolTip(std::int64_t datasetRow) const;

    std::shared_ptr<const data::ImageDataset> m_images;
    std::vector<std::int64_t> m_rows;
    FactorValueText m_values;
    const data::DatasetVersion* m_version = nullptr;
};

} // namespace latentlab::gui
