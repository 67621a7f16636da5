#pragma once
#include "train/TrainingConfig.h"

#include <QDialog>

#include <memory>

namespace latentlab::gui {

namespace Ui {
class TrainingDialog;
}

/// "Train Model…": data file, dataset version, model (M-AE or the WCCI'22 baseline), preset, seed,
/// epochs, device and the new run directory. It builds the TrainingConfig exactly as
/// `latentlab-cli train` does from the same options (and shows that command); MainWindow starts the
/// run in a TrainingJob. The layout is the form ui/TrainingDialog.ui; the versions, models, presets,
/// devices, default run directory, command preview and validation are filled in here.
class TrainingDialog : public QDialog {
    Q_OBJECT
public:
    explicit TrainingDialog(QWidget* parent = nullptr);
    ~TrainingDialog() override;

    void setDataFile(const QString& path);
    void setRunDirectory(const QString& path);
    void setPreset(const QString& preset);
    void setSeed(int seed);
    void setEpochs(int epochs);
    void setDevice(const QString& device);

    /// The config as entered; throws LatentLabError (one sentence) for an invalid combination.
    train::TrainingConfig config() const;
    QString runDirectory() const;
    /// The equivalent `latentlab-cli train …` command line.
    QString cliCommand() const;
    /// Empty when the inputs can start a run, else the sentence shown in the dialog.
    QString validationError() const;

    void accept() override;

    /// Where new runs go by default: DocumentsLocation/LatentLab/runs (home when there is none).
    static QString defaultRunsFolder();
    /// True when `folder` is, or lies inside, a run directory, a demo or the folder the demos ship in.
    static bool isInsideRunOrDemo(const QString& folder);
    /// The last runs folder the user trained into, unless it is inside a run or demo; else the default.
    static QString runsFolder();

private:
    void updateState();
    void browseData();
    void browseOutput();
    QString suggestedRunDirectory() const;

    std::unique_ptr<Ui::TrainingDialog> m_ui;
    /// True once the user typed or browsed a run directory: from then on the suggestion no longer replaces it.
    bool m_outputEdited = false;
};

} // namespace latentlab::gui
