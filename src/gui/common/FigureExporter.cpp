#include "gui/common/FigureExporter.h"
#include "gui/common/FigureProvenance.h"

#include "gui/common/QCustomPlotWrapper.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QSaveFile>
#include <QSvgGenerator>

#include <filesystem>

namespace latentlab::gui {

namespace {

QString suffixOf(const QString& path) { return QFileInfo(path).suffix().toLower(); }

/// Renames `temp` onto `path`, replacing it atomically (POSIX rename); removes `temp` on failure.
bool replaceWith(const QString& temp, const QString& path)
{
    std::error_code error;
    std::filesystem::rename(QFile::encodeName(temp).toStdString(), QFile::encodeName(path).toStdString(), error);
    if (!error)
        return true;
    QFile::remove(temp);
    return false;
}

} // namespace

bool FigureExporter::supports(const QString& path)
{
    const QString s = suffixOf(path);
    return s == QLatin1String("png") || s == QLatin1String("svg") || s == QLatin1String("pdf") || s == QLatin1String("csv");
}

QString FigureExporter::save(QCustomPlot* plot, const QString& path, QSize size, const QString& csv, int scale)
{
    const QString suffix = suffixOf(path);
    if (!supports(path))
        return QStringLiteral("Cannot export to '%1': expected a .png, .svg, .pdf or .csv file name.").arg(path);
    if (!QFileInfo(QFileInfo(path).absolutePath()).isDir())
        return QStringLiteral("Cannot export to '%1': the folder '%2' does not exist.").arg(path, QFileInfo(path).absolutePath());
    if (suffix == QLatin1String("csv") || suffix == QLatin1String("png")) {
        QSaveFile file(path);
        bool ok = file.open(QIODevice::WriteOnly);
        if (ok && suffix == QLatin1String("csv"))
            ok = file.write(csv.toUtf8()) >= 0;
        else if (ok) {
            QImage image = plot->toPixmap(size.width(), size.height(), scale).toImage();
            const auto provenance = FigureProvenance::fields();
            for (auto it = provenance.begin(); it != provenance.end(); ++it)
                image.setText(it.key(), it.value()); // PNG tEXt chunks
            ok = image.save(&file, "PNG");
        }
        if (!ok || !file.commit())
            return QStringLiteral("Cannot write '%1': %2.").arg(path, file.errorString());
        return {};
    }
    // PDF and SVG writers open the file themselves: render to a temporary name next to it, then rename.
    const QString temp = QDir(QFileInfo(path).absolutePath())
                             .filePath(QStringLiteral(".%1.tmp-%2").arg(QFileInfo(path).fileName()).arg(QCoreApplication::applicationPid()));
    bool ok = false;
    if (suffix == QLatin1String("pdf")) {
        ok = plot->savePdf(temp, size.width(), size.height(), QCP::epNoCosmetic, FigureProvenance::line(), QStringLiteral("LatentLab figure"));
    } else {
        QSvgGenerator svg;
        svg.setFileName(temp);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(QStringLiteral("LatentLab figure"));
        svg.setDescription(FigureProvenance::line());
        QCPPainter painter;
        ok = painter.begin(&svg);
        if (ok) {
            plot->toPainter(&painter, size.width(), size.height());
            ok = painter.end();
        }
    }
    if (!ok || !QFileInfo(temp).isFile() || QFileInfo(temp).size() == 0) {
        QFile::remove(temp);
        return QStringLiteral("Cannot write '%1' (rendering the %2 failed).").arg(path, suffix.toUpper());
    }
    if (!replaceWith(temp, path))
        return QStringLiteral("Cannot write '%1' (renaming the temporary file failed).").arg(path);
    return {};
}

} // namespace latentlab::gui
