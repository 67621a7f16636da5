#include "gui/dataset/DatasetImageModel.h"

#include <algorithm>
#include <cstring>

namespace latentlab::gui {

DatasetImageModel::DatasetImageModel(QObject* parent) : QAbstractListModel(parent) { }

void DatasetImageModel::setDataset(std::shared_ptr<const data::ImageDataset> images, FactorValueText values)
{
    beginResetModel();
    m_images = std::move(images);
    m_values = std::move(values);
    m_rows.clear();
    m_version = nullptr;
    endResetModel();
}

void DatasetImageModel::clear() { setDataset(nullptr, FactorValueText()); }

void DatasetImageModel::setRows(std::vector<std::int64_t> rows)
{
    beginResetModel();
    m_rows = m_images ? std::move(rows) : std::vector<std::int64_t>();
    endResetModel();
}

void DatasetImageModel::setVersion(const data::DatasetVersion* version) { m_version = version; }

int DatasetImageModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(m_rows.size()); }

QVariant DatasetImageModel::data(const QModelIndex& index, int role) const
{
    if (!m_images || !index.isValid() || index.row() < 0 || index.row() >= static_cast<int>(m_rows.size()))
        return {};
    const std::int64_t row = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DecorationRole: return toQImage(*m_images, row);
    case Qt::ToolTipRole: return toolTip(row);
    case Qt::AccessibleTextRole: return tr("Image of file row %1").arg(m_images->fileRows[static_cast<std::size_t>(row)]);
    case FileRowRole: return static_cast<qint64>(m_images->fileRows[static_cast<std::size_t>(row)]);
    case DatasetRowRole: return static_cast<qint64>(row);
    default: return {};
    }
}

QImage DatasetImageModel::toQImage(const data::ImageDataset& images, std::int64_t datasetRow)
{
    if (datasetRow < 0 || datasetRow >= images.rows())
        return {};
    const int w = images.width;
    const int h = images.height;
    const std::uint8_t* src = images.image(datasetRow);
    if (images.channels == 3) {
        QImage image(w, h, QImage::Format_RGB888);
        // Row by row: QImage pads each scanline to 4 bytes, the HWC buffer does not.
        for (int y = 0; y < h; ++y)
            std::memcpy(image.scanLine(y), src + static_cast<std::size_t>(y) * w * 3, static_cast<std::size_t>(w) * 3);
        return image;
    }
    QImage image(w, h, QImage::Format_Grayscale8);
    const int scale = 255 / std::max(1, images.pixelMaximum()); // dSprites stores 0/1
    for (int y = 0; y < h; ++y) {
        uchar* line = image.scanLine(y);
        const std::uint8_t* in = src + static_cast<std::size_t>(y) * w * images.channels;
        for (int x = 0; x < w; ++x)
            line[x] = static_cast<uchar>(std::min(255, in[x * images.channels] * scale));
    }
    return image;
}

QString DatasetImageModel::toolTip(std::int64_t datasetRow) const
{
    const data::ImageDataset& images = *m_images;
    const std::int64_t* classes = images.classesOf(datasetRow);
    QStringList lines;
    lines << tr("<b>File row %1</b>").arg(images.fileRows[static_cast<std::size_t>(datasetRow)]);
    for (std::size_t k = 0; k < images.factors.numFactors(); ++k)
        lines << tr("%1: %2 <span style='color:gray'>(class %3)</span>")
                     .arg(m_values.factorName(k).toHtmlEscaped(), m_values.valueText(k, classes[k]).toHtmlEscaped())
                     .arg(classes[k]);
    if (m_version) {
        const std::vector<std::int64_t> values = m_version->versionValues(images.factors, classes);
        if (values.size() == m_version->factors.size()) {
            lines << tr("<b>%1</b>").arg(QString::fromStdString(m_version->name).toHtmlEscaped());
            for (std::size_t f = 0; f < values.size(); ++f)
                lines << tr("%1 = %2").arg(QString::fromStdString(m_version->factors[f].name).toHtmlEscaped(),
                                           QString::fromStdString(m_version->factors[f].valueName(values[f])).toHtmlEscaped());
        }
    }
    return lines.join(QStringLiteral("<br>"));
}

} // namespace latentlab::gui
