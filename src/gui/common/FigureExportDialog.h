#pragma once
#include <QString>

#include <functional>

class QWidget;

namespace latentlab::gui {

/// The save dialog every figure export uses: PNG, SVG, PDF or CSV, starting in the folder of the last
/// export, which is remembered only when the file was written.
class FigureExportDialog {
public:
    /// What became of an export: nothing (cancelled: `path` empty), a written file, or `error`.
    struct Outcome {
        QString path;  ///< the chosen file, empty when the user cancelled
        QString error; ///< one sentence when writing failed, else empty
    };
    /// Asks for a file (`suggestedName` inside the last export folder; empty: the folder itself) and
    /// calls `write(path)`, which returns an empty string on success or the sentence of its failure.
    static Outcome run(QWidget* parent, const QString& title, const QString& suggestedName, const std::function<QString(const QString&)>& write);
};

} // namespace latentlab::gui
