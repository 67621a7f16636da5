#pragma once
#include "train/TrainingConfig.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace latentlab::gui {

/// "Train Model…": data file, dataset version, model (M-AE or the WCCI'22 baseline), preset, seed,
/// epochs, device and the new run directory. It builds the TrainingConfig exactly as
/// `latentlab-cli train` does from the same options (and shows that command); MainWindow starts the
/// run in a TrainingJob.
class TrainingDialog : public QDialog {
    Q_OBJECT
public:
    explicit TrainingDialog(QWidget* parent = nullptr);

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

private:
    void updateState();
    void browseData();
    void browseOutput();
    QString suggestedRunDirectory() const;

    QLineEdit* m_data = nullptr;
    QComboBox* m_version = nullptr;
    QComboBox* m_model = nullptr;
    QComboBox* m_preset = nullptr;
    QSpinBox* m_seed = nullptr;
    QSpinBox* m_epochs = nullptr;
    QComboBox* m_device = nullptr;
    QLineEdit* m_output = nullptr;
    QLabel* m_command = nullptr;
    QLabel* m_error = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    bool m_outputEdited = false;
};

} // namespace latentlab::gui
