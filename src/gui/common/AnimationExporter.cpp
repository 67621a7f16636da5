#include "gui/common/AnimationExporter.h"

#include "gui/common/DecodedImageConversion.h"
#include "gui/common/FigureProvenance.h"

#include "common/LatentLabError.h"
#include "io/AnimatedGifWriter.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QPainter>
#include <QSaveFile>

#include <gif_lib.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace latentlab::gui {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("AnimationExporter", text); }

QString suffixOf(const QString& path) { return QFileInfo(path).suffix().toLower(); }

bool allGray(const QList<QImage>& frames)
{
    return std::all_of(frames.begin(), frames.end(), [](const QImage& f) { return f.format() == QImage::Format_Grayscale8; });
}

} // namespace

bool AnimationExporter::supports(const QString& path)
{
    const QString suffix = suffixOf(path);
    return suffix == QLatin1String("gif") || suffix == QLatin1String("png");
}

int AnimationExporter::delayCentiseconds(int fps) { return std::max(1, static_cast<int>(std::lround(100.0 / std::max(1, fps)))); }

QImage AnimationExporter::strip(const QList<QImage>& frames, int scale)
{
    if (frames.isEmpty())
        return {};
    scale = std::max(1, scale);
    const QSize tile = frames.first().size() * scale;
    QImage out(tile.width() * static_cast<int>(frames.size()), tile.height(), QImage::Format_RGB888);
    out.fill(Qt::black);
    {
        QPainter painter(&out);
        for (int i = 0; i < frames.size(); ++i)
            painter.drawImage(i * tile.width(), 0, DecodedImageConversion::scaled(frames.at(i), scale));
    }
    // Grayscale decodes stay one channel: a third of the bytes, the same pixels.
    return allGray(frames) ? out.convertToFormat(QImage::Format_Grayscale8) : out;
}

QMap<QString, QString> AnimationExporter::provenance(const QMap<QString, QString>& metadata)
{
    QMap<QString, QString> fields = FigureProvenance::fields();
    fields.insert(QStringLiteral("Libraries"),
                  fields.value(QStringLiteral("Libraries")) +
                      QStringLiteral(", giflib %1.%2.%3").arg(GIFLIB_MAJOR).arg(GIFLIB_MINOR).arg(GIFLIB_RELEASE));
    for (auto it = metadata.begin(); it != metadata.end(); ++it)
        fields.insert(it.key(), it.value()); // the caller's keys (its own Software line) win
    return fields;
}

QString AnimationExporter::save(const QList<QImage>& frames, const QString& path, int scale, int fps, const QMap<QString, QString>& metadata)
{
    if (!supports(path))
        return tr("Cannot export an animation to '%1': expected a .gif (animated) or .png (frame strip) file name.").arg(path);
    if (frames.isEmpty())
        return tr("Cannot export an animation to '%1': there are no frames.").arg(path);
    for (int i = 1; i < frames.size(); ++i)
        if (frames.at(i).size() != frames.first().size())
            return tr("Cannot export an animation to '%1': frame %2 is %3x%4 pixels, the first %5x%6; every frame must have the first one's size.")
                .arg(path)
                .arg(i + 1)
                .arg(frames.at(i).width())
                .arg(frames.at(i).height())
                .arg(frames.first().width())
                .arg(frames.first().height());
    const QMap<QString, QString> fields = provenance(metadata);
    if (suffixOf(path) == QLatin1String("png")) {
        QImage image = strip(frames, scale);
        for (auto it = fields.begin(); it != fields.end(); ++it)
            image.setText(it.key(), it.value()); // PNG tEXt chunks, as every PNG figure
        // Temp name + rename: a crash never leaves half a file.
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
            return tr("Cannot write the frame strip '%1': %2.").arg(path, file.errorString());
        return {};
    }
    io::GifAnimation gif;
    gif.delayCentiseconds = delayCentiseconds(fps);
    QStringList lines;
    for (auto it = fields.begin(); it != fields.end(); ++it)
        lines << it.key() + QStringLiteral(": ") + it.value();
    gif.comment = lines.join(QLatin1Char('\n')).toStdString();
    for (const QImage& frame : frames) {
        const QImage rgb = DecodedImageConversion::scaled(frame, scale).convertToFormat(QImage::Format_RGB888);
        gif.width = rgb.width();
        gif.height = rgb.height();
        std::vector<std::uint8_t> bytes(static_cast<std::size_t>(rgb.width()) * rgb.height() * 3);
        const std::size_t row = static_cast<std::size_t>(rgb.width()) * 3; // QImage rows are padded to 4 bytes
        for (int y = 0; y < rgb.height(); ++y)
            std::memcpy(bytes.data() + row * static_cast<std::size_t>(y), rgb.constScanLine(y), row);
        gif.frames.push_back(std::move(bytes));
    }
    try {
        io::AnimatedGifWriter::write(QFile::encodeName(path).toStdString(), gif);
    } catch (const LatentLabError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace latentlab::gui
