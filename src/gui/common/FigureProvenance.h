#pragma once
#include <QMap>
#include <QString>

namespace latentlab::gui {

/// What made an exported figure, written into the file itself: PNG text chunks, the SVG description,
/// the PDF creator (docs/design/file-formats.md#provenance).
class FigureProvenance {
public:
    /// Software ("LatentLab 0.1.0"), Commit (git describe at build time) and Libraries
    /// ("Qt 6.4.2, LibTorch 1.13.0, HDF5 1.10.8").
    static QMap<QString, QString> fields();
    /// The same as one line: "LatentLab 0.1.0 (commit …; Qt …, LibTorch …, HDF5 …)".
    static QString line();
};

} // namespace latentlab::gui
