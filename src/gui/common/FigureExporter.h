#pragma once
#include <QSize>
#include <QString>

class QCustomPlot;

namespace latentlab::gui {

/// Saves a QCustomPlot figure, and its data, the same way from the GUI and from `latentlab-cli render`:
/// the format follows the suffix — .png (1× or 2×), .svg (QSvgGenerator through QCPPainter), .pdf, and
/// .csv (the `csv` text given). Every file is written to a temporary name and renamed.
class FigureExporter {
public:
    /// `size`: the figure's logical size; PNG is rendered at `scale`× it. Returns an empty string on
    /// success, else one sentence naming the file.
    static QString save(QCustomPlot* plot, const QString& path, QSize size, const QString& csv, int scale = 2);
    /// The suffixes save() understands ("png", "svg", "pdf", "csv").
    static bool supports(const QString& path);
};

} // namespace latentlab::gui
