#include "gui/common/FigureExportDialog.h"

#include "gui/common/GuiSettings.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>

namespace latentlab::gui {

FigureExportDialog::Outcome FigureExportDialog::run(QWidget* parent, const QString& title, const QString& suggestedName,
                                                    const std::function<QString(const QString&)>& write)
{
    GuiSettings settings;
    const QString folder = settings.lastExportDirectory();
    const QString suggested = suggestedName.isEmpty() ? folder : QDir(folder).filePath(suggestedName);
    Outcome outcome;
    outcome.path = QFileDialog::getSaveFileName(parent, title, suggested,
                                                QObject::tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf);;CSV data (*.csv)"));
    if (outcome.path.isEmpty())
        return outcome;
    outcome.error = write(outcome.path);
    if (outcome.error.isEmpty())
        settings.setLastExportDirectory(QFileInfo(outcome.path).absolutePath());
    return outcome;
}

} // namespace latentlab::gui
